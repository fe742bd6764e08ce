package audio

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// canonicalWAV returns a canonical 16 kHz mono 16-bit WAV of n frames.
func canonicalWAV(n int) []byte {
	var b bytes.Buffer
	data := n * 2
	b.WriteString("RIFF")
	binary.Write(&b, binary.LittleEndian, uint32(36+data))
	b.WriteString("WAVEfmt ")
	binary.Write(&b, binary.LittleEndian, uint32(16))
	binary.Write(&b, binary.LittleEndian, uint16(1))     // PCM
	binary.Write(&b, binary.LittleEndian, uint16(1))     // mono
	binary.Write(&b, binary.LittleEndian, uint32(16000)) // rate
	binary.Write(&b, binary.LittleEndian, uint32(32000)) // byte rate
	binary.Write(&b, binary.LittleEndian, uint16(2))     // block align
	binary.Write(&b, binary.LittleEndian, uint16(16))    // bits
	b.WriteString("data")
	binary.Write(&b, binary.LittleEndian, uint32(data))
	for i := 0; i < n; i++ {
		binary.Write(&b, binary.LittleEndian, int16((i*37)%2000-1000))
	}
	return b.Bytes()
}

// TestCheckWAV was session's test of its own RIFF parser; the check is
// audio's now.
func TestCheckWAV(t *testing.T) {
	check := func(b []byte) error { return CheckWAV(bytes.NewReader(b), int64(len(b)), "t.wav") }
	good := canonicalWAV(100)
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
