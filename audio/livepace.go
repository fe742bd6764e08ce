package audio

import (
	"sync"
	"time"
)

// PaceVerdict is the glanceable reading of the live pace meter.
type PaceVerdict int

// The verdicts of the live pace meter.
const (
	// PaceUnknown: too little speech in the window to say.
	PaceUnknown PaceVerdict = iota
	// PaceSlow: below PaceOptions.SlowBelow words per minute.
	PaceSlow
	// PaceGood: between the two limits.
	PaceGood
	// PaceFast: above PaceOptions.FastAbove words per minute.
	PaceFast
)

// String names the verdict in a word a screen can show.
func (v PaceVerdict) String() string {
	switch v {
	case PaceSlow:
		return "slow"
	case PaceGood:
		return "good"
	case PaceFast:
		return "fast"
	}
	return "unknown"
}

// LivePace is what the recording says about the delivery so far, measured
// over the last PaceOptions.Window of audio while a take is recorded.
type LivePace struct {
	// Elapsed is the audio time recorded when it was measured.
	Elapsed time.Duration
	// WPM is the estimated rate over the window's speaking time; 0 with
	// PaceUnknown.
	WPM float64
	// Verdict places WPM against the limits.
	Verdict PaceVerdict
	// Silence is how long the speaker has been silent, up to Elapsed (the
	// whole take so far when nothing has been said yet).
	Silence time.Duration
}

// PaceOptions tunes the live pace meter. Zero values pick the defaults.
type PaceOptions struct {
	// Window is the stretch of recent audio measured (default 10 s).
	Window time.Duration
	// Step is how much new audio triggers a new measure (default 1 s).
	Step time.Duration
	// SlowBelow and FastAbove bound a good pace in words per minute
	// (defaults 110 and 170, the built-in pace rule's limits).
	SlowBelow, FastAbove float64
	// MinSpeaking is the speaking time the window needs before the meter
	// gives a verdict (default 3 s).
	MinSpeaking time.Duration
	// Hysteresis is how far (words per minute) the pace must cross a limit
	// to change the verdict the meter shows, so that a pace close to a
	// limit does not make it flicker (default 10; negative: none). On the
	// dev radio interview (TestCalibrateInterview) 10 wpm cut the changes
	// from 26 to 6 with limits 110–170 and from 41 to 21 with 110–200,
	// agreeing with the words of the same 10 s as often.
	Hysteresis float64
	// Delivery tunes the analysis of each window.
	Delivery DeliveryOptions
}

func (o PaceOptions) withDefaults() PaceOptions {
	if o.Window <= 0 {
		o.Window = 10 * time.Second
	}
	if o.Step <= 0 {
		o.Step = time.Second
	}
	if o.SlowBelow <= 0 {
		o.SlowBelow = 110
	}
	if o.FastAbove <= 0 {
		o.FastAbove = 170
	}
	if o.MinSpeaking <= 0 {
		o.MinSpeaking = 3 * time.Second
	}
	if o.Hysteresis == 0 {
		o.Hysteresis = 10
	}
	o.Hysteresis = max(o.Hysteresis, 0)
	return o
}

// PaceMeter measures the pace of a take while it is recorded. The capture
// goroutine hands it audio with Write, which only copies into a ring buffer;
// the analysis runs in the meter's own goroutine, so capture never waits for
// it. Readings go to a channel, latest wins.
type PaceMeter struct {
	opt  PaceOptions
	out  chan LivePace
	kick chan struct{}
	done chan struct{}

	mu      sync.Mutex
	ring    []int16 // the last Window of audio, oldest at ring[head] once full
	head    int
	written int64 // samples written in all
	dueAt   int64 // written count at which the next measure is due

	// Owned by the analysis goroutine.
	window     []int16
	lastSpeech time.Duration
	spoke      bool
	shown      PaceVerdict // the last verdict given
}

// NewPaceMeter starts a meter that offers its readings to out (make it
// with capacity 1). Close it when the take ends.
func NewPaceMeter(opt PaceOptions, out chan LivePace) *PaceMeter {
	opt = opt.withDefaults()
	n := int(opt.Window.Seconds() * TakeRate)
	m := &PaceMeter{
		opt:    opt,
		out:    out,
		kick:   make(chan struct{}, 1),
		done:   make(chan struct{}),
		ring:   make([]int16, 0, n),
		window: make([]int16, 0, n),
		dueAt:  int64(opt.Step.Seconds() * TakeRate),
	}
	go m.loop()
	return m
}

// Write copies 16 kHz mono samples into the meter. It never blocks on the
// analysis and does not allocate.
func (m *PaceMeter) Write(samples []int16) {
	m.mu.Lock()
	for len(samples) > 0 {
		if len(m.ring) < cap(m.ring) {
			k := min(len(samples), cap(m.ring)-len(m.ring))
			m.ring = append(m.ring, samples[:k]...)
			samples = samples[k:]
			m.written += int64(k)
			continue
		}
		k := copy(m.ring[m.head:], samples)
		m.head = (m.head + k) % len(m.ring)
		samples = samples[k:]
		m.written += int64(k)
	}
	due := m.written >= m.dueAt
	if due {
		m.dueAt = m.written + int64(m.opt.Step.Seconds()*TakeRate)
	}
	m.mu.Unlock()
	if due {
		select {
		case m.kick <- struct{}{}:
		default: // a measure is pending already
		}
	}
}

// Close stops the meter's goroutine and waits for it.
func (m *PaceMeter) Close() {
	close(m.kick)
	<-m.done
}

func (m *PaceMeter) loop() {
	defer close(m.done)
	for range m.kick {
		m.mu.Lock()
		m.window = append(append(m.window[:0], m.ring[m.head:]...), m.ring[:m.head]...)
		written := m.written
		m.mu.Unlock()
		offerLatest(m.out, m.measure(m.window, framesDuration(written, TakeRate)))
	}
}

// measure reads the pace of window, the audio that ends at elapsed.
func (m *PaceMeter) measure(window []int16, elapsed time.Duration) LivePace {
	d := AnalyzeDelivery(&PCM{Rate: TakeRate, Channels: 1, Samples: window}, m.opt.Delivery)
	start := elapsed - d.Duration
	if d.Speech.End > d.Speech.Start {
		m.lastSpeech, m.spoke = start+d.Speech.End, true
	}
	lp := LivePace{Elapsed: elapsed, Silence: elapsed}
	if m.spoke {
		lp.Silence = max(0, elapsed-m.lastSpeech)
	}
	if d.SpeakingTime < m.opt.MinSpeaking || d.WPM <= 0 {
		return lp
	}
	lp.WPM = d.WPM
	lp.Verdict = m.verdict(d.WPM)
	m.shown = lp.Verdict
	return lp
}

// verdict places wpm against the limits, each moved by the hysteresis
// away from the verdict shown last: from "good" the pace must pass a limit
// by the hysteresis to become "slow" or "fast", and from "fast" it must
// fall the hysteresis below the upper limit to be "good" again.
func (m *PaceMeter) verdict(wpm float64) PaceVerdict {
	slow, fast, h := m.opt.SlowBelow, m.opt.FastAbove, m.opt.Hysteresis
	switch m.shown {
	case PaceSlow:
		slow += h
	case PaceFast:
		fast -= h
	case PaceGood:
		slow, fast = slow-h, fast+h
	}
	switch {
	case wpm < slow:
		return PaceSlow
	case wpm > fast:
		return PaceFast
	}
	return PaceGood
}

// offerLatest puts v in ch, replacing a stale value, and never blocks.
func offerLatest[T any](ch chan T, v T) {
	for range 2 {
		select {
		case ch <- v:
			return
		default:
		}
		select {
		case <-ch: // drop the stale value
		default:
		}
	}
}
