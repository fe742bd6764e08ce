package audio

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rehearse-app/rehearse/internal/testkit"
)

// TestCheckWAV was session's test of its own RIFF parser; the check is
// audio's now.
func TestCheckWAV(t *testing.T) {
	check := func(b []byte) error { return CheckWAV(bytes.NewReader(b), int64(len(b)), "t.wav") }
	good := testkit.WAV(100)
	if err := check(good); err != nil {
		t.Fatal(err)
	}
	// A LIST chunk before data is fine.
	withList := append([]byte(nil), good[:36]...)
	withList = append(withList, []byte("LIST\x04\x00\x00\x00abcd")...)
	withList = append(withList, good[36:]...)
	withList[4] += 12
	if err := check(withList); err != nil {
		t.Fatal(err)
	}
	bad := append([]byte(nil), good...)
	bad[22] = 0 // zero channels
	if err := check(bad); err == nil || !strings.Contains(err.Error(), "channels") {
		t.Fatalf("zero channels: %v", err)
	}
	if err := check(good[:30]); err == nil {
		t.Fatal("cut header accepted")
	}
	if err := check(good[:len(good)-100]); !errors.Is(err, ErrTruncated) || !strings.Contains(err.Error(), "t.wav") {
		t.Fatalf("cut data: %v", err)
	}
	half := append(append([]byte(nil), good...), 0)
	half[40]++
	half[4]++
	if err := check(half); err == nil || !strings.Contains(err.Error(), "whole number") {
		t.Fatalf("half frame: %v", err)
	}
	if err := check([]byte("ID3 this is an mp3, honest")); !errors.Is(err, ErrNotWAV) {
		t.Fatalf("mp3: %v", err)
	}
	p := filepath.Join(t.TempDir(), "take-1.wav")
	os.WriteFile(p, good, 0o644)
	if err := CheckWAVFile(p, ""); err != nil {
		t.Fatal(err)
	}
	if err := CheckWAVFile(filepath.Join(t.TempDir(), "none.wav"), "none.wav"); err == nil || !strings.Contains(err.Error(), "none.wav") {
		t.Fatalf("missing file: %v", err)
	}
}
