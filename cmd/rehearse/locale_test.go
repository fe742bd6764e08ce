package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestSubcommandsAreQuietUnderCUTF8: under LANG=C.UTF-8 with LC_ALL unset,
// as in containers and CI, the subcommands print nothing on stderr (Fyne,
// linked for the desktop app, used to log "Error parsing user locale C").
func TestSubcommandsAreQuietUnderCUTF8(t *testing.T) {
	var env []string
	for _, kv := range os.Environ() {
		switch name, _, _ := strings.Cut(kv, "="); name {
		case "LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES":
		default:
			env = append(env, kv)
		}
	}
	env = append(env, "LANG=C.UTF-8")
	data := t.TempDir()
	answer := filepath.Join(t.TempDir(), "answer.txt")
	if err := os.WriteFile(answer, []byte("We could ship a pilot this week, or wait for the full build; it's your call."), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"questions"},
		{"review", "--question", "impossible-request", answer},
		{"sessions"},
	} {
		cmd := exec.Command(binPath, append(args, "--data-dir", data)...)
		cmd.Env = env
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil {
			t.Errorf("rehearse %s: %v\nstderr: %s", strings.Join(args, " "), err, stderr.String())
			continue
		}
		if stderr.Len() > 0 {
			t.Errorf("rehearse %s under LANG=C.UTF-8 printed on stderr:\n%s", strings.Join(args, " "), stderr.String())
		}
		if stdout.Len() == 0 {
			t.Errorf("rehearse %s printed nothing on stdout", strings.Join(args, " "))
		}
	}
}
