package app

import (
	"path/filepath"
	"testing"

	"github.com/rehearse-app/rehearse/audio"
)

func TestEnvelopeCacheReadsATakeOnceUntilItChanges(t *testing.T) {
	path := filepath.Join(t.TempDir(), "take.wav")
	write := func(n int) {
		if err := audio.WriteWAVFile(path, &audio.PCM{Rate: 16000, Channels: 1, Samples: make([]int16, n)}); err != nil {
			t.Fatal(err)
		}
	}
	write(16000)
	var c EnvelopeCache
	a, dur, err := c.Load(path)
	if err != nil || dur != 1 {
		t.Fatalf("load = %v, %v; want a 1 s envelope", dur, err)
	}
	b, _, _ := c.Load(path)
	if a != b {
		t.Fatal("the second load read the file again")
	}
	write(32000)
	d, dur, err := c.Load(path)
	if err != nil || d == a || dur != 2 {
		t.Fatalf("after the take changed: same envelope %v, duration %v, %v", d == a, dur, err)
	}
	if _, _, err := c.Load(filepath.Join(t.TempDir(), "missing.wav")); err == nil {
		t.Fatal("a missing take must be an error")
	}
}
