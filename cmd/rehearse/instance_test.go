package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/rehearse-app/rehearse/audio/alsatest"
)

func TestInstanceLockRefusesASecondHolderUntilReleased(t *testing.T) {
	root := t.TempDir()
	release, err := lockInstance(root)
	if err != nil {
		t.Fatal(err)
	}
	_, err = lockInstance(root)
	want := fmt.Sprintf("Rehearse is already open (pid %d)", os.Getpid())
	if !errors.Is(err, errAlreadyOpen) || !strings.Contains(err.Error(), want) {
		t.Fatalf("second lock: got %v, want %q", err, want)
	}
	release()
	again, err := lockInstance(root)
	if err != nil {
		t.Fatalf("after release: %v", err)
	}
	again()
}

// TestSecondDesktopAppOnTheSameLibraryRefuses starts the real app under
// Xvfb, then a second one on the same data folder: the second says which
// process holds the library and exits 1 without opening a window; a CLI
// subcommand still runs.
func TestSecondDesktopAppOnTheSameLibraryRefuses(t *testing.T) {
	display := startXvfb(t)
	alsatest.Setup(t, make([]byte, 32000))
	data := t.TempDir()
	env := appEnv(t, display)

	first, exited, stderr := startApp(t, env, data)
	waitForWindow(t, display, exited, stderr)

	second := exec.Command(binPath, "--data-dir", data)
	second.Env = env
	out, err := second.CombinedOutput()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
		t.Fatalf("second app: want exit 1, got %v\n%s", err, out)
	}
	want := fmt.Sprintf("Rehearse is already open (pid %d)", first.Process.Pid)
	if !strings.Contains(string(out), want) {
		t.Fatalf("second app: want %q in\n%s", want, out)
	}
	// The command line is not locked out while the app is open.
	mustRun(t, data, "sessions")
	quit(t, first, exited, stderr)
}
