package app

import (
	"os"
	"sync"
	"time"

	"github.com/rehearse-app/rehearse/review"
)

// envelopeCacheSize is how many takes' envelopes are remembered.
const envelopeCacheSize = 8

// EnvelopeCache remembers the energy envelopes of the last few takes, so
// opening a take's review, which both reviews the take and draws its
// waveform, reads the recording once. An entry is used only while the file
// keeps its size and modification time. The zero value is ready to use.
type EnvelopeCache struct {
	mu      sync.Mutex // held while loading, so a second caller waits and hits
	entries map[string]cachedEnvelope
	order   []string // paths, oldest first
}

// cachedEnvelope is one take's envelope and the file state it was read from.
type cachedEnvelope struct {
	size int64
	mod  time.Time
	env  *review.Envelope
	dur  float64
	// del is the delivery measured from the audio, once asked for
	del *review.AudioDelivery
}

// Load returns the envelope and duration of the WAV at path. The envelope
// is shared: callers must not change it.
func (c *EnvelopeCache) Load(path string) (*review.Envelope, float64, error) {
	st, err := os.Stat(path)
	if err != nil {
		return LoadEnvelope(path) // the same error, in the same words
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.entries[path]; ok && e.size == st.Size() && e.mod.Equal(st.ModTime()) {
		return e.env, e.dur, nil
	}
	env, dur, err := LoadEnvelope(path)
	if err != nil {
		return nil, 0, err
	}
	c.remember(path, cachedEnvelope{size: st.Size(), mod: st.ModTime(), env: env, dur: dur})
	return env, dur, nil
}

// remember keeps e for path, forgetting the oldest entry when full. The
// caller holds c.mu.
func (c *EnvelopeCache) remember(path string, e cachedEnvelope) {
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
	c.entries[path] = e
}

// Recording returns the envelope, the delivery measured from the audio and
// the duration of the WAV at path, measuring the delivery once per file
// state. Both are shared: callers must not change them.
func (c *EnvelopeCache) Recording(path string) (*review.Envelope, *review.AudioDelivery, float64, error) {
	st, err := os.Stat(path)
	if err != nil {
		return LoadRecording(path) // the same error, in the same words
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.entries[path]; ok && e.del != nil && e.size == st.Size() && e.mod.Equal(st.ModTime()) {
		return e.env, e.del, e.dur, nil
	}
	env, del, dur, err := LoadRecording(path)
	if err != nil {
		return nil, nil, 0, err
	}
	c.remember(path, cachedEnvelope{size: st.Size(), mod: st.ModTime(), env: env, dur: dur, del: del})
	return env, del, dur, nil
}
