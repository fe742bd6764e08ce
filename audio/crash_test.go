package audio

import (
	"bufio"
	"context"
	"encoding/binary"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rehearse-app/rehearse/audio/alsatest"
)

// crashChildEnv names the file the child process records to.
const crashChildEnv = "REHEARSE_AUDIO_CRASH_CHILD"

// TestCrashChild is the recorder the crash test kills; it does nothing
// unless started by TestCrashKeepsAllButLastSecond.
func TestCrashChild(t *testing.T) {
	path := os.Getenv(crashChildEnv)
	if path == "" {
		t.Skip("only run as the crash test's child process")
	}
	sys, err := Init()
	if err != nil {
		fmt.Println("error", err)
		os.Exit(2)
	}
	rec, err := sys.Record(context.Background(), RecordOptions{Path: path})
	if err != nil {
		fmt.Println("error", err)
		os.Exit(2)
	}
	start := time.Now()
	for {
		select {
		case <-rec.Done():
			res, err := rec.Stop()
			fmt.Println("ended", res.Frames, err)
			os.Exit(3)
		case <-time.After(50 * time.Millisecond):
			fmt.Println("frames", rec.Frames(), time.Since(start).Milliseconds())
		}
	}
}

func TestCrashKeepsAllButLastSecond(t *testing.T) {
	if os.Getenv(crashChildEnv) != "" {
		t.Skip("in the child")
	}
	pulse := alsatest.Pulse(t)
	dir := t.TempDir()
	speech := filepath.Join(dir, "speech.wav")
	raw := alsatest.Speech(t, answerText+" "+answerText, TakeRate)
	if err := WriteWAVFile(speech, &PCM{Rate: TakeRate, Channels: 1, Samples: alsatest.Samples(raw)}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := filepath.Join(dir, "take.wav")
	child := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
	child.Env = append(os.Environ(), crashChildEnv+"="+out)
	stdout, err := child.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	defer child.Process.Kill()
	player, err := pulse.Play(ctx, speech)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { cancel(); player.Wait() }()

	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	var last, lastMs int64
	var started time.Time
	timeout := time.After(20 * time.Second)
	for started.IsZero() || time.Since(started) < 2500*time.Millisecond {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatal("child exited before it was killed")
			}
			f := strings.Fields(l)
			if len(f) >= 2 && f[0] == "frames" {
				n, _ := strconv.ParseInt(f[1], 10, 64)
				last = n
				if len(f) >= 3 {
					lastMs, _ = strconv.ParseInt(f[2], 10, 64)
				}
				if started.IsZero() && n > 0 {
					started = time.Now()
				}
			} else if len(f) > 0 && (f[0] == "error" || f[0] == "ended") {
				t.Fatalf("child: %s", l)
			}
		case <-timeout:
			t.Fatal("child printed no frame counts within 20 s")
		}
	}
	if err := child.Process.Signal(os.Kill); err != nil {
		t.Fatal(err)
	}
	child.Wait()
	for range lines {
	}
	// The device is paced: the child cannot have more audio than the time
	// since its stream started (plus a buffer), and had at least a second.
	if limit := (lastMs + 500) * TakeRate / 1000; last < TakeRate || last > limit {
		t.Fatalf("child had written %d frames %d ms after starting to record, want 16000 to %d (is the device paced?)", last, lastMs, limit)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	headerFrames := int64(binary.LittleEndian.Uint32(b[40:44])) / 2
	if headerFrames < last-TakeRate {
		t.Errorf("unrepaired header claims %d frames; %d had been written: more than a second behind", headerFrames, last)
	}
	res, err := RepairWAV(out)
	if err != nil {
		t.Fatal(err)
	}
	if res.Frames < last || res.Frames > last+TakeRate {
		t.Errorf("repaired take holds %d frames; the child reported %d written shortly before SIGKILL", res.Frames, last)
	}
	pcm, err := ReadWAV(out)
	if err != nil {
		t.Fatal(err)
	}
	// The microphone heard speech: the take is not silence.
	env := Envelope(pcm, 20*time.Millisecond)
	if spans := VoiceActivity(env, 20*time.Millisecond, VADOptions{Threshold: 0.01}); len(spans) == 0 {
		t.Error("the repaired take holds no speech")
	}
	t.Logf("child wrote %d frames in %d ms before SIGKILL; header said %d; repaired %d (%v)", last, lastMs, headerFrames, res.Frames, res.Duration)
}
