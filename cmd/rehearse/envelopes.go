package main

import (
	"os"
	"sync"
	"time"

	"github.com/rehearse-app/rehearse/review"
)

// envelopeCacheSize is how many takes' envelopes are remembered.
const envelopeCacheSize = 8

// envelopeCache remembers the energy envelopes of the last few takes, so
// opening a take's review, which both reviews the take and draws its
// waveform, reads the recording once. An entry is used only while the file
// keeps its size and modification time.
type envelopeCache struct {
	mu      sync.Mutex // held while loading, so a second caller waits and hits
	entries map[string]cachedEnvelope
	order   []string // paths, oldest first
}

type cachedEnvelope struct {
	size int64
	mod  time.Time
	env  *review.Envelope
	dur  float64
}

// load returns the envelope and duration of the WAV at path. The envelope
// is shared: callers must not change it.
func (c *envelopeCache) load(path string) (*review.Envelope, float64, error) {
	st, err := os.Stat(path)
	if err != nil {
		return loadEnvelope(path) // the same error, in the same words
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.entries[path]; ok && e.size == st.Size() && e.mod.Equal(st.ModTime()) {
		return e.env, e.dur, nil
	}
	env, dur, err := loadEnvelope(path)
	if err != nil {
		return nil, 0, err
	}
	if c.entries == nil {
		c.entries = map[string]cachedEnvelope{}
	}
	if _, ok := c.entries[path]; !ok {
		c.order = append(c.order, path)
		if len(c.order) > envelopeCacheSize {
			delete(c.entries, c.order[0])
			c.order = c.order[1:]
		}
	}
	c.entries[path] = cachedEnvelope{size: st.Size(), mod: st.ModTime(), env: env, dur: dur}
	return env, dur, nil
}
