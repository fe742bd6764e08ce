package main

import (
	"bytes"
	"fmt"
	"image"
	_ "image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/rehearse-app/rehearse/audio/alsatest"
)

// startXvfb starts a private X server and returns its DISPLAY value.
func startXvfb(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("Xvfb"); err != nil {
		t.Skip("Xvfb is not installed (make test installs it)")
	}
	for n := 91; n < 120; n++ {
		if _, err := os.Stat(fmt.Sprintf("/tmp/.X11-unix/X%d", n)); err == nil {
			continue
		}
		if _, err := os.Stat(fmt.Sprintf("/tmp/.X%d-lock", n)); err == nil {
			continue
		}
		disp := fmt.Sprintf(":%d", n)
		x := exec.Command("Xvfb", disp, "-screen", "0", "1280x800x24", "-nolisten", "tcp")
		if err := x.Start(); err != nil {
			t.Fatalf("starting Xvfb: %v", err)
		}
		t.Cleanup(func() { x.Process.Kill(); x.Wait() })
		for i := 0; i < 100; i++ {
			if _, err := os.Stat(fmt.Sprintf("/tmp/.X11-unix/X%d", n)); err == nil {
				return disp
			}
			time.Sleep(50 * time.Millisecond)
		}
		t.Fatalf("Xvfb on %s did not start", disp)
	}
	t.Fatal("no free X display number")
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

	cmd := exec.Command(binPath, "--data-dir", data)
	cmd.Env = append(os.Environ(), "DISPLAY="+display, "LANG=en_US.UTF-8")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
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

	// Wait for the window to be mapped.
	var shown time.Duration
	for {
		out, _ := exec.Command("xwininfo", "-display", display, "-root", "-tree").Output()
		if bytes.Contains(out, []byte(`"Rehearse"`)) {
			shown = time.Since(start)
			break
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
