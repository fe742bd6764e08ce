// Package fakemic is a microphone for tests: a Recorder that "captures"
// given samples through audio's real recording pipeline (audio.RecordFrom)
// and writes a real WAV file with levels, and the Source under it.
package fakemic

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/rehearse-app/rehearse/audio"
)

// Recorder is a deterministic audio.Recorder for tests of code that
// records: it captures Samples (16 kHz mono) through the same pipeline as
// a device. After the samples it records silence in real time until Stop
// or MaxFrames.
type Recorder struct {
	Samples []int16
	// Pace, if positive, is the time each 1/16 s buffer takes (1/16 s for
	// real time); zero delivers the samples as fast as possible.
	Pace time.Duration
	// FailAfter, if positive, makes the fake device vanish after that many
	// frames, as an unplugged microphone does.
	FailAfter int64
	// Err, if set, is returned by Record instead of starting a take.
	Err error

	mu    sync.Mutex
	calls []audio.RecordOptions
}

var _ audio.Recorder = (*Recorder)(nil)

// New returns a Recorder that captures samples.
func New(samples []int16) *Recorder { return &Recorder{Samples: samples} }

// Record starts a fake take.
func (f *Recorder) Record(ctx context.Context, opt audio.RecordOptions) (*audio.Recording, error) {
	f.mu.Lock()
	f.calls = append(f.calls, opt)
	f.mu.Unlock()
	if f.Err != nil {
		return nil, f.Err
	}
	return audio.RecordFrom(ctx, NewSource(f.Samples, audio.TakeRate, f.Pace, f.FailAfter), opt)
}

// Calls returns the options of every Record call so far.
func (f *Recorder) Calls() []audio.RecordOptions {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]audio.RecordOptions(nil), f.calls...)
}

// Source plays back samples (mono, at a rate) as a capture device. After
// the samples it yields silence in real time; failAfter > 0 makes it fail
// like an unplugged device (audio.ErrDeviceUnavailable) after that many
// frames.
type Source struct {
	samples   []int16
	pos       int
	r         int
	buf       []int16
	pace      time.Duration
	failAfter int64
	served    int64
	next      time.Time
}

var _ audio.Source = (*Source)(nil)

// NewSource returns a Source of samples at rate, each 1/16 s buffer taking
// pace (zero: as fast as possible), failing after failAfter frames (zero:
// never).
func NewSource(samples []int16, rate int, pace time.Duration, failAfter int64) *Source {
	return &Source{samples: samples, r: rate, buf: make([]int16, rate/16), pace: pace, failAfter: failAfter}
}

// Read returns the next 1/16 s of samples, or of silence after them.
func (s *Source) Read() ([]int16, error) {
	if s.failAfter > 0 && s.served >= s.failAfter {
		return nil, fmt.Errorf("reading from fake device: %w", audio.ErrDeviceUnavailable)
	}
	pace := s.pace
	n := copy(s.buf, s.samples[s.pos:])
	s.pos += n
	clear(s.buf[n:])
	if n == 0 && pace == 0 {
		pace = time.Second / 16 // silence after the end comes in real time
	}
	if pace > 0 {
		if s.next.IsZero() {
			s.next = time.Now()
		}
		s.next = s.next.Add(pace)
		time.Sleep(time.Until(s.next))
	}
	out := s.buf
	if s.failAfter > 0 && s.served+int64(len(out)) > s.failAfter {
		out = out[:s.failAfter-s.served]
	}
	s.served += int64(len(out))
	return out, nil
}

// Rate is the samples' rate.
func (s *Source) Rate() int { return s.r }

// Channels is 1: the samples are mono.
func (s *Source) Channels() int { return 1 }

// Close does nothing.
func (s *Source) Close() error { return nil }
