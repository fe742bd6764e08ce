package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// binPath is the rehearse binary built once for the tests that run it as a
// user would.
var binPath string

func TestMain(m *testing.M) {
	os.Setenv("LANG", "en_US.UTF-8")
	dir, err := os.MkdirTemp("", "rehearse-bin-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binPath = filepath.Join(dir, "rehearse")
	args := []string{"build", "-o", binPath}
	if raceEnabled {
		args = append(args, "-race")
	}
	build := exec.Command("go", append(args, ".")...)
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building rehearse:", err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// result is what one run of the binary printed.
type result struct {
	stdout, stderr string
	code           int
}

// rehearse runs the binary with args and a private data folder.
func rehearse(t *testing.T, dataDir string, args ...string) result {
	t.Helper()
	cmd := exec.Command(binPath, append(args, "--data-dir", dataDir)...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("running rehearse %s: %v", strings.Join(args, " "), err)
	}
	return result{out.String(), errb.String(), code}
}

// mustRun runs the binary and fails the test on a non-zero exit.
func mustRun(t *testing.T, dataDir string, args ...string) string {
	t.Helper()
	r := rehearse(t, dataDir, args...)
	if r.code != 0 {
		t.Fatalf("rehearse %s: exit %d\nstderr: %s", strings.Join(args, " "), r.code, r.stderr)
	}
	return r.stdout
}
