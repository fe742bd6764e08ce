// Package alsatest gives tests real PortAudio devices without a sound card:
// ALSA devices backed by files (fast, not paced) and a PulseAudio server with
// null sinks (paced in real time). It is for tests only.
//
// PortAudio reads the ALSA configuration when it is initialised and caches
// the device list until the last Terminate, so call Setup or Pulse before
// audio.Init, and Close the System before the next Setup.
package alsatest

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Devices names the devices Setup creates.
const (
	Mic     = "mic"     // capture: reads the raw file given to Setup
	Speaker = "speaker" // playback: writes the raw file Setup returns
)

// Setup writes an ALSA configuration to a temporary folder and points
// ALSA_CONFIG_PATH at it (restored when t ends). Its capture device "mic"
// (also the default) reads micRaw as raw PCM in whatever format the stream
// is opened with (16 kHz mono int16 for a take); its playback device
// "speaker" (also the default) writes what is played, raw, to the returned
// path. The file devices run much faster than real time, and past the end of
// micRaw they do not go silent: stop recordings by frame count.
func Setup(t testing.TB, micRaw []byte) (playedPath string) {
	t.Helper()
	dir := t.TempDir()
	in := filepath.Join(dir, "mic.raw")
	if len(micRaw) == 0 {
		micRaw = make([]byte, 2)
	}
	if err := os.WriteFile(in, micRaw, 0o644); err != nil {
		t.Fatal(err)
	}
	played := filepath.Join(dir, "played.raw")
	conf := fmt.Sprintf(`</usr/share/alsa/alsa.conf>
pcm.!default { type asym; capture.pcm "mic"; playback.pcm "speaker" }
pcm.mic { type plug; slave.pcm { type file; slave.pcm "null"; file "/dev/null"; infile %q; format "raw" } }
pcm.speaker { type plug; slave.pcm { type file; slave.pcm "null"; file %q; format "raw" } }
`, in, played)
	writeConf(t, dir, conf)
	return played
}

func writeConf(t testing.TB, dir, conf string) {
	t.Helper()
	if _, err := os.Stat("/usr/share/alsa/alsa.conf"); err != nil {
		t.Skipf("alsatest: no ALSA configuration at /usr/share/alsa/alsa.conf (install libasound2): %v", err)
	}
	path := filepath.Join(dir, "asound.conf")
	if err := os.WriteFile(path, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("ALSA_CONFIG_PATH", path)
}

// Speech renders text with espeak-ng and converts it with sox to raw mono
// signed 16-bit little-endian PCM at rate. It skips t when either tool is
// missing (install espeak-ng and sox).
func Speech(t testing.TB, text string, rate int) []byte {
	t.Helper()
	for _, tool := range []string{"espeak-ng", "sox"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("alsatest: %s is not installed (apt-get install espeak-ng sox)", tool)
		}
	}
	dir := t.TempDir()
	wav := filepath.Join(dir, "speech.wav")
	raw := filepath.Join(dir, "speech.raw")
	run(t, "espeak-ng", "-w", wav, text)
	run(t, "sox", wav, "-r", fmt.Sprint(rate), "-c", "1", "-b", "16", "-e", "signed-integer", "-t", "raw", raw)
	b, err := os.ReadFile(raw)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func run(t testing.TB, name string, args ...string) {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("alsatest: %s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
}

// Samples decodes raw little-endian int16 PCM.
func Samples(raw []byte) []int16 {
	s := make([]int16, len(raw)/2)
	for i := range s {
		s[i] = int16(binary.LittleEndian.Uint16(raw[2*i:]))
	}
	return s
}

// Raw encodes samples as little-endian int16 PCM.
func Raw(samples []int16) []byte {
	b := make([]byte, 2*len(samples))
	for i, s := range samples {
		binary.LittleEndian.PutUint16(b[2*i:], uint16(s))
	}
	return b
}

// PulseServer is a private PulseAudio server whose default ALSA device
// captures from the null sink "micsrc" in real time.
type PulseServer struct {
	server string
	cmd    *exec.Cmd
}

// Kill stops the server at once, as if the device were unplugged.
func (p *PulseServer) Kill() {
	p.cmd.Process.Kill()
}

// Pulse starts a private PulseAudio server (stopped when t ends) with a null
// sink "speaker", a null sink "micsrc" and a source "mic" fed by micsrc's
// monitor, and points ALSA's default device at it. Recording from the
// default device then runs in real time; Play makes the "microphone" hear a
// file. It skips t if pulseaudio is not installed (apt-get install
// pulseaudio pulseaudio-utils libasound2-plugins).
func Pulse(t testing.TB) *PulseServer {
	t.Helper()
	for _, tool := range []string{"pulseaudio", "pactl", "paplay"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("alsatest: %s is not installed (apt-get install pulseaudio pulseaudio-utils libasound2-plugins)", tool)
		}
	}
	if _, err := os.Stat("/usr/lib/x86_64-linux-gnu/alsa-lib/libasound_module_pcm_pulse.so"); err != nil {
		if m, _ := filepath.Glob("/usr/lib/*/alsa-lib/libasound_module_pcm_pulse.so"); len(m) == 0 {
			t.Skip("alsatest: ALSA's pulse plugin is missing (apt-get install libasound2-plugins)")
		}
	}
	dir, err := os.MkdirTemp("", "alsatest-pulse")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	sock := filepath.Join(dir, "native")
	var logBuf bytes.Buffer
	cmd := exec.Command("pulseaudio", "-n", "--daemonize=no", "--exit-idle-time=-1", "--use-pid-file=no",
		"--disallow-exit", "--log-target=stderr",
		"--load=module-native-protocol-unix auth-anonymous=1 socket="+sock,
		"--load=module-null-sink sink_name=speaker",
		"--load=module-null-sink sink_name=micsrc",
		"--load=module-remap-source master=micsrc.monitor source_name=mic")
	cmd.Env = append(os.Environ(), "XDG_RUNTIME_DIR="+dir, "HOME="+dir)
	cmd.Stderr = &logBuf
	if err := cmd.Start(); err != nil {
		t.Fatalf("alsatest: starting pulseaudio: %v", err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	t.Setenv("PULSE_SERVER", "unix:"+sock)
	t.Setenv("XDG_RUNTIME_DIR", dir)
	deadline := time.Now().Add(10 * time.Second)
	for {
		if err := exec.Command("pactl", "info").Run(); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("alsatest: pulseaudio did not come up within 10 s:\n%s", logBuf.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
	writeConf(t, dir, `</usr/share/alsa/alsa.conf>
pcm.!default { type pulse; device "mic" }
ctl.!default { type pulse }
pcm.mic { type pulse; device "mic" }
pcm.speaker { type pulse; device "speaker" }
`)
	return &PulseServer{server: "unix:" + sock, cmd: cmd}
}

// Play makes the "microphone" hear the audio file at path (any format
// paplay reads) in real time, in the background until ctx ends or the file
// is played.
func (p *PulseServer) Play(ctx context.Context, path string) (*exec.Cmd, error) {
	cmd := exec.CommandContext(ctx, "paplay", "--device=micsrc", path)
	cmd.Env = append(os.Environ(), "PULSE_SERVER="+p.server)
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("alsatest: paplay %s: %w", path, err)
	}
	return cmd, nil
}
