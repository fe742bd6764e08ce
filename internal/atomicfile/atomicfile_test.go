package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// names lists the entries of dir.
func names(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range ents {
		out = append(out, e.Name())
	}
	return out
}

func TestWriteAtomicFailureKeepsOldFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "f.json")
	if err := WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := Write(path, 0o644, func(w io.Writer) error {
		w.Write([]byte("half a new fi"))
		return errors.New("disk full")
	})
	if err == nil || !strings.Contains(err.Error(), "disk full") || !strings.Contains(err.Error(), path) {
		t.Fatalf("err = %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Fatalf("file now %q", b)
	}
	if got := names(t, dir); len(got) != 1 { // f.json: no temp left
		t.Fatalf("left behind: %v", got)
	}
}

func TestWriteFileMode(t *testing.T) {
	path := filepath.Join(t.TempDir(), "q.json")
	if err := WriteFile(path, []byte("{}"), 0o600); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v, %v", fi.Mode(), err)
	}
}

// TestCommit: a temporary file from CreateTemp replaces the destination;
// a failed commit removes it and keeps the destination.
func TestCommit(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "take.wav")
	f, err := CreateTemp(out)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(filepath.Base(f.Name()), ".take.wav.tmp-") || filepath.Ext(f.Name()) != ".wav" {
		t.Errorf("temporary name %q", f.Name())
	}
	f.WriteString("new")
	f.Close()
	if err := Commit(f.Name(), out); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(out); string(b) != "new" {
		t.Fatalf("file now %q", b)
	}
	if got := names(t, dir); len(got) != 1 {
		t.Fatalf("left behind: %v", got)
	}
	err = Commit(filepath.Join(dir, ".gone.tmp"), out)
	if err == nil || !strings.Contains(err.Error(), out) {
		t.Fatalf("commit of a missing file: %v", err)
	}
	if b, _ := os.ReadFile(out); string(b) != "new" {
		t.Fatalf("file now %q", b)
	}
}
