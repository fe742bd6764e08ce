package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"image"
	_ "image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/rehearse-app/rehearse/audio"
	"github.com/rehearse-app/rehearse/audio/alsatest"
)

// startXvfb starts a private X server and returns its DISPLAY value. The
// server picks a free display number itself (-displayfd) and is stopped
// with SIGTERM, so it removes its lock file.
func startXvfb(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("Xvfb"); err != nil {
		t.Skip("Xvfb is not installed (make test installs it)")
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	x := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", "1280x800x24", "-nolisten", "tcp")
	x.ExtraFiles = []*os.File{w}
	if err := x.Start(); err != nil {
		t.Fatalf("starting Xvfb: %v", err)
	}
	w.Close()
	t.Cleanup(func() {
		x.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { x.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			x.Process.Kill()
			<-done
		}
	})
	num := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(r).ReadString('\n')
		num <- strings.TrimSpace(line)
	}()
	select {
	case n := <-num:
		if n == "" {
			t.Fatal("Xvfb did not report a display number")
		}
		return ":" + n
	case <-time.After(20 * time.Second):
		t.Fatal("Xvfb did not start within 20 s")
	}
	return ""
}

// screenshot grabs the whole X screen as an image.
func screenshot(t *testing.T, display, out string) image.Image {
	t.Helper()
	cmd := exec.Command("import", "-window", "root", out)
	cmd.Env = append(os.Environ(), "DISPLAY="+display)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("import (imagemagick): %v: %s", err, b)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, _, err := image.Decode(f)
	if err != nil {
		t.Fatalf("decoding screenshot: %v", err)
	}
	return img
}

// colours counts the distinct colours in img (up to limit).
func colours(img image.Image, limit int) int {
	seen := map[uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			seen[(r>>8)<<16|(g>>8)<<8|bl>>8] = true
			if len(seen) >= limit {
				return len(seen)
			}
		}
	}
	return len(seen)
}

// TestDesktopAppUnderXvfb starts the real binary on a virtual display,
// waits for its window, checks it drew something, and asks it to quit.
func TestDesktopAppUnderXvfb(t *testing.T) {
	if _, err := exec.LookPath("import"); err != nil {
		t.Skip("imagemagick's import is not installed (make test installs it)")
	}
	display := startXvfb(t)
	alsatest.Setup(t, make([]byte, 32000))
	data := t.TempDir()

	start := time.Now()
	cmd, exited, stderr := startApp(t, appEnv(t, display), data)

	// Wait for the window to be mapped.
	waitForWindow(t, display, exited, stderr)
	shown := time.Since(start)
	t.Logf("launch to window: %v", shown.Round(time.Millisecond))

	// The window must paint: a blank screen has one or two colours, the app
	// draws text, icons and a sidebar.
	shot := filepath.Join(t.TempDir(), "window.png")
	var n int
	for i := 0; i < 50; i++ {
		n = colours(screenshot(t, display, shot), 64)
		if n >= 16 {
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	if n < 16 {
		t.Fatalf("window looks blank: %d distinct colours on screen", n)
	}
	if dir := os.Getenv("REHEARSE_SCREENSHOT_DIR"); dir != "" {
		b, _ := os.ReadFile(shot)
		os.WriteFile(filepath.Join(dir, "practice.png"), b, 0o644)
	}

	// Quit cleanly: SIGTERM closes the window and the process exits 0.
	quit(t, cmd, exited, stderr)
	if strings.Contains(stderr.String(), "panic") {
		t.Fatalf("stderr mentions a panic:\n%s", stderr.String())
	}
}

// TestDesktopAppWithoutDisplay: no display is an error that says so, not a
// GLFW panic.
func TestDesktopAppWithoutDisplay(t *testing.T) {
	cmd := exec.Command(binPath, "--data-dir", t.TempDir())
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "DISPLAY=") && !strings.HasPrefix(kv, "WAYLAND_DISPLAY=") {
			env = append(env, kv)
		}
	}
	cmd.Env = env
	out, err := cmd.CombinedOutput()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
		t.Fatalf("want exit 1, got %v\n%s", err, out)
	}
	if !bytes.Contains(out, []byte("no display")) || bytes.Contains(out, []byte("panic")) {
		t.Fatalf("want a clear no-display error and no panic:\n%s", out)
	}
}

// appEnv is the environment for a GUI child: the display, and a private
// HOME so Fyne's preferences are not the user's.
// The first-run panel is dismissed for good in it, so the practice screen
// has the layout the click coordinates below expect.
func appEnv(t *testing.T, display string) []string {
	home := t.TempDir()
	prefs := filepath.Join(home, ".config", "fyne", "app.rehearse.desktop")
	if err := os.MkdirAll(prefs, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(prefs, "preferences.json"), []byte(`{"practice.welcome_hidden":true}`), 0o644); err != nil {
		t.Fatal(err)
	}
	return append(os.Environ(), "DISPLAY="+display, "LANG=en_US.UTF-8", "HOME="+home, "XDG_CONFIG_HOME="+filepath.Join(home, ".config"))
}

// startApp starts the real binary on the library in data, with env, and
// returns it, a channel that gets its exit, and its stderr. The test's
// cleanup kills it if it is still running.
func startApp(t *testing.T, env []string, data string) (*exec.Cmd, <-chan error, *bytes.Buffer) {
	t.Helper()
	cmd := exec.Command(binPath, "--data-dir", data)
	cmd.Env = env
	stderr := new(bytes.Buffer)
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
		}
	})
	return cmd, exited, stderr
}

// waitForWindow waits until a window titled Rehearse is on display.
func waitForWindow(t *testing.T, display string, exited <-chan error, stderr *bytes.Buffer) {
	t.Helper()
	start := time.Now()
	for {
		out, _ := exec.Command("xwininfo", "-display", display, "-root", "-tree").Output()
		if bytes.Contains(out, []byte(`"Rehearse"`)) {
			return
		}
		select {
		case err := <-exited:
			t.Fatalf("rehearse exited before showing a window: %v\n%s", err, stderr.String())
		case <-time.After(100 * time.Millisecond):
		}
		if time.Since(start) > 60*time.Second {
			t.Fatalf("no window after 60 s\n%s", stderr.String())
		}
	}
}

// xdo runs xdotool on display.
func xdo(t *testing.T, display string, args ...string) {
	t.Helper()
	cmd := exec.Command("xdotool", args...)
	cmd.Env = append(os.Environ(), "DISPLAY="+display)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("xdotool %v: %v: %s", args, err, out)
	}
}

// TestDesktopAppRecordsInRealTime drives the real binary with a microphone
// that runs in real time (a private PulseAudio server hearing espeak-ng
// speech): start a question, skip to recording, watch the level meter
// move, stop, quit, and find the take in the library with the speech in it.
func TestDesktopAppRecordsInRealTime(t *testing.T) {
	for _, tool := range []string{"xdotool", "import"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed (make test installs it)", tool)
		}
	}
	display := startXvfb(t)
	pulse := alsatest.Pulse(t)
	speech := alsatest.Speech(t, "I would start by checking the tracking pixel, the form and the sync. Then deliverability.", 16000)
	wav := filepath.Join(t.TempDir(), "answer.wav")
	if err := audio.WriteWAVFile(wav, &audio.PCM{Rate: 16000, Channels: 1, Samples: alsatest.Samples(speech)}); err != nil {
		t.Fatal(err)
	}
	data := t.TempDir()
	cmd, exited, stderr := startApp(t, appEnv(t, display), data)
	search := exec.Command("xdotool", "search", "--sync", "--name", "^Rehearse$")
	search.Env = append(os.Environ(), "DISPLAY="+display)
	out, err := search.Output()
	if err != nil {
		t.Fatalf("no window: %v\n%s", err, stderr.String())
	}
	win := strings.Fields(string(out))[0]
	xdo(t, display, "windowsize", win, "1180", "740")
	time.Sleep(1500 * time.Millisecond)

	// The microphone hears the speech over and over.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		for ctx.Err() == nil {
			if p, err := pulse.Play(ctx, wav); err == nil {
				p.Wait()
			}
		}
	}()
	// Practise the selected question, then Skip (the reading aloud, then
	// the countdown) until recording starts: the level meter, the row under
	// the status line, fills with the level colour.
	xdo(t, display, "mousemove", "168", "100", "click", "1") // Practise this question
	shot := filepath.Join(t.TempDir(), "recording.png")
	moved := false
	for i := 0; i < 20 && !moved; i++ {
		time.Sleep(700 * time.Millisecond)
		if moved = meterLit(screenshot(t, display, shot)); !moved {
			xdo(t, display, "mousemove", "112", "301", "click", "1") // Skip
		}
	}
	if !moved {
		keepScreenshot(t, shot)
		t.Fatalf("the level meter never moved while the microphone heard speech\n%s", stderr.String())
	}
	// The live pace beside the meter lights one of its segments (slow,
	// good or fast) once the last seconds hold enough speech.
	paced := false
	for i := 0; i < 20 && !paced; i++ {
		time.Sleep(time.Second)
		paced = paceLit(screenshot(t, display, shot))
	}
	if !paced {
		keepScreenshot(t, shot)
		t.Fatalf("the live pace never showed while the microphone heard speech\n%s", stderr.String())
	}
	keepScreenshot(t, shot) // kept when $REHEARSE_SCREENSHOT_DIR is set

	xdo(t, display, "mousemove", "212", "301", "click", "1") // Stop
	time.Sleep(time.Second)
	quit(t, cmd, exited, stderr)

	var list []struct {
		ID           string  `json:"id"`
		Takes        int     `json:"takes"`
		TotalSeconds float64 `json:"total_seconds"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, data, "sessions", "--json")), &list); err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].Takes != 1 || list[0].TotalSeconds < 3 || list[0].TotalSeconds > 30 {
		t.Fatalf("library after one take: %+v", list)
	}
	takes, _ := filepath.Glob(filepath.Join(data, "library", "sessions", list[0].ID, "*.wav"))
	if len(takes) != 1 {
		t.Fatalf("take files: %v", takes)
	}
	pcm, err := audio.ReadWAV(takes[0])
	if err != nil {
		t.Fatal(err)
	}
	env := audio.Envelope(pcm, 10*time.Millisecond)
	loud := 0
	for _, v := range env {
		if v > 0.02 {
			loud++
		}
	}
	if loud < 100 { // at least a second of speech
		t.Fatalf("the take holds %d loud 10 ms frames; the speech was not recorded", loud)
	}
}

// meterLit reports whether the level meter row shows a lit bar: a run of
// strongly coloured (green, amber or red) pixels.
func meterLit(img image.Image) bool {
	// between the question preview and the controls
	return litPixels(img, 135, 285, 130, 1170) > 20
}

// litPixels counts strongly coloured (green, amber or red) pixels in rows
// [y0, y1), every fourth column of [x0, x1).
func litPixels(img image.Image, y0, y1, x0, x1 int) int {
	lit := 0
	for y := y0; y < y1; y++ {
		for x := x0; x < x1; x += 4 {
			r, g, b, _ := img.At(x, y).RGBA()
			r, g, b = r>>8, g>>8, b>>8
			hi, lo := max(r, g, b), min(r, g, b)
			if hi > 120 && hi-lo > 80 {
				lit++
			}
		}
	}
	return lit
}

// paceLit reports whether the live pace indicator, at the right end of the
// meter row, has a lit segment.
func paceLit(img image.Image) bool {
	return litPixels(img, 135, 285, 860, 1060) > 20
}

// keepScreenshot copies a failing test's screenshot to
// $REHEARSE_SCREENSHOT_DIR (if set), since t.TempDir is removed.
func keepScreenshot(t *testing.T, shot string) {
	if dir := os.Getenv("REHEARSE_SCREENSHOT_DIR"); dir != "" {
		b, _ := os.ReadFile(shot)
		os.WriteFile(filepath.Join(dir, t.Name()+".png"), b, 0o644)
	}
}

// quit sends the app SIGTERM and waits for a clean exit.
func quit(t *testing.T, cmd *exec.Cmd, exited <-chan error, stderr *bytes.Buffer) {
	t.Helper()
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-exited:
		if err != nil {
			t.Fatalf("rehearse did not exit cleanly: %v\n%s", err, stderr.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatalf("rehearse did not quit within 15 s of SIGTERM\n%s", stderr.String())
	}
}
