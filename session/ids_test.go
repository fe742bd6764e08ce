package session

import (
	"testing"
	"time"
)

func TestValidID(t *testing.T) {
	for _, id := range []string{"a", "20261127-020435-9f3ab1c2", "take-1.x", "A_b-c"} {
		if !validID(id) {
			t.Errorf("validID(%q) = false", id)
		}
	}
	for _, id := range []string{"", ".", "..", "-a", ".hidden", "a..b", "a/b", `a\b`, "a b", "C:x", "a.",
		"con", "NUL.x", "com1", "lpt9.wav", "é", string(make([]byte, 65))} {
		if validID(id) {
			t.Errorf("validID(%q) = true", id)
		}
	}
	if !validAudioName("take-1.wav") || validAudioName("take-1.WAV") || validAudioName("../a.wav") || validAudioName("aux.wav") {
		t.Error("validAudioName")
	}
	if id := newID(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)); !validID(id) || id[:16] != "20260102-030405-" {
		t.Errorf("newID = %q", id)
	}
	if id := freshID("n", "imp"); !validID(id) {
		t.Errorf("freshID = %q", id)
	}
	long := "x123456789x123456789x123456789x123456789x123456789x123456789abcd"
	if id := freshID(long, "imp"); !validID(id) || len(id) > maxIDLen {
		t.Errorf("freshID(long) = %q", id)
	}
}
