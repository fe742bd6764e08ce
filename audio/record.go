package audio

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sync/atomic"
	"time"
)

// TakeRate is the sample rate of every recorded take: 16 kHz mono 16-bit.
const TakeRate = 16000

// Level is a snapshot of the input for a level meter, sent about 16 times a
// second while recording.
type Level struct {
	RMS       float32       // root-mean-square of the last buffer, 0..1
	Peak      float32       // largest absolute sample of the last buffer, 0..1
	Frames    int64         // frames written to the take so far
	Elapsed   time.Duration // audio time recorded so far (Frames at 16 kHz)
	Overflows int           // input overflows so far
}

// RecordOptions says what to record and where.
type RecordOptions struct {
	Device    string // input device name; empty for the default
	Path      string // the WAV file to write (created or truncated)
	MaxFrames int64  // stop after this many 16 kHz frames; 0 = until Stop
	// Levels, if not nil, receives level snapshots without ever blocking the
	// capture: when the channel is full the stale value is taken out and the
	// new one put in (latest wins). Make it with capacity 1. It is a
	// bidirectional channel because dropping the stale value needs a receive.
	Levels chan Level
	// Pace, if not nil, receives live pace readings (a PaceMeter measures
	// the take as it is recorded, in its own goroutine), latest wins. Make
	// it with capacity 1.
	Pace chan LivePace
	// PaceOptions tunes the live pace meter.
	PaceOptions PaceOptions

	deviceRate int // tests: open the device at this rate (forces resampling)
}

// Result is the outcome of a take.
type Result struct {
	Frames    int64         // 16 kHz frames in the file
	Duration  time.Duration // their length
	Overflows int           // input overflows (audio lost inside the device)
	// Peak is the largest absolute sample of the take, 0..1; a take whose
	// peak stays near 0 heard nothing (a muted or wrong microphone).
	Peak float32
	// Err is why the take ended early (the device vanished, the disk filled
	// up); what was captured before it is in the file, finalized.
	Err error
}

// Recorder starts takes. *System records from PortAudio; tests use
// internal/testkit/fakemic, which records given samples through RecordFrom.
type Recorder interface {
	Record(ctx context.Context, opt RecordOptions) (*Recording, error)
}

// Recording is a take in progress. Capture runs in its own goroutine; the
// take ends at Stop, at MaxFrames, when ctx is cancelled (like Stop), or on
// a device or disk error (Result.Err).
type Recording struct {
	w    *WAVWriter
	stop atomic.Bool
	done chan struct{}
	res  Result     // set by run before it closes done
	pace *PaceMeter // nil unless RecordOptions.Pace is set
}

// Record starts recording from opt.Device to opt.Path: 16 kHz mono 16-bit,
// whatever the device's rate (the device is opened at 16 kHz if it can be,
// else at its default rate and resampled). It returns once the device is
// open and the file created.
func (s *System) Record(ctx context.Context, opt RecordOptions) (*Recording, error) {
	d, err := findDevice(opt.Device, true)
	if err != nil {
		return nil, fmt.Errorf("recording: %w", err)
	}
	src, err := openInput(d, opt.deviceRate)
	if err != nil {
		return nil, fmt.Errorf("recording: %w", err)
	}
	rec, err := RecordFrom(ctx, src, opt)
	if err != nil {
		src.Close()
		return nil, err
	}
	return rec, nil
}

// RecordFrom records a take from src through the same pipeline as a
// capture device (mixing to mono, resampling to TakeRate, levels and live
// pace): it creates the WAV file and the capture goroutine. The take ends
// with Stop, ctx, MaxFrames or an error from src, which Close ends.
func RecordFrom(ctx context.Context, src Source, opt RecordOptions) (*Recording, error) {
	if opt.Path == "" {
		return nil, errors.New("recording: no output path")
	}
	if opt.MaxFrames < 0 {
		return nil, fmt.Errorf("recording: MaxFrames %d is negative", opt.MaxFrames)
	}
	p, err := newPipeline(src, opt)
	if err != nil {
		return nil, fmt.Errorf("recording: %w", err)
	}
	w, err := CreateWAV(opt.Path, TakeRate, 1)
	if err != nil {
		return nil, fmt.Errorf("recording: %w", err)
	}
	rec := &Recording{w: w, done: make(chan struct{})}
	if opt.Pace != nil {
		rec.pace = NewPaceMeter(opt.PaceOptions, opt.Pace)
	}
	go rec.run(ctx, src, p, opt)
	return rec, nil
}

// Path is the file the take is written to.
func (r *Recording) Path() string { return r.w.Path() }

// Frames is the number of frames written so far.
func (r *Recording) Frames() int64 { return r.w.Frames() }

// Done is closed when the take has ended and the file is finalized.
func (r *Recording) Done() <-chan struct{} { return r.done }

// Stop ends the take (if it has not ended), waits for the file to be
// finalized and returns the result. The error is Result.Err: non-nil when
// the take ended early, the audio before it being kept. Stop may be called
// more than once.
func (r *Recording) Stop() (Result, error) {
	r.stop.Store(true)
	<-r.done
	return r.res, r.res.Err
}

// run is the capture goroutine.
func (r *Recording) run(ctx context.Context, src Source, p *pipeline, opt RecordOptions) {
	defer close(r.done)
	var runErr error
	for !r.stop.Load() && ctx.Err() == nil {
		buf, err := src.Read()
		if errors.Is(err, ErrOverflow) {
			p.overflows++
		} else if err != nil {
			runErr = err
			break
		}
		out := p.convert(buf)
		written := r.w.Frames()
		full := p.limit(&out, written)
		if err := r.w.Write(out); err != nil {
			runErr = err
			break
		}
		p.track(out)
		p.sendLevel(opt.Levels, out, written+int64(len(out)))
		if r.pace != nil {
			r.pace.Write(out)
		}
		if full {
			break
		}
	}
	if cerr := src.Close(); cerr != nil && runErr == nil && ctx.Err() == nil && !r.stop.Load() {
		runErr = fmt.Errorf("closing input: %w", cerr)
	}
	// Flush the resampler's tail: what the device gave before the end.
	if tail := p.flush(); len(tail) > 0 {
		p.limit(&tail, r.w.Frames())
		if err := r.w.Write(tail); err != nil && runErr == nil {
			runErr = err
		} else {
			p.track(tail)
		}
	}
	if err := r.w.Close(); err != nil && runErr == nil {
		runErr = err
	}
	if r.pace != nil {
		r.pace.Close()
	}
	n := r.w.Frames()
	r.res = Result{Frames: n, Duration: framesDuration(n, TakeRate), Overflows: p.overflows, Peak: float32(p.peak) / 32768, Err: runErr}
}

// pipeline turns device buffers into 16 kHz mono without allocating.
type pipeline struct {
	ch        int
	rs        *Resampler
	mono      []int16
	out       []int16
	max       int64
	overflows int
	peak      int32 // largest absolute sample written so far
}

// track notes the peak of samples written to the take.
func (p *pipeline) track(out []int16) {
	for _, s := range out {
		v := int32(s)
		if v < 0 {
			v = -v
		}
		if v > p.peak {
			p.peak = v
		}
	}
}

func newPipeline(src Source, opt RecordOptions) (*pipeline, error) {
	p := &pipeline{ch: src.Channels(), max: opt.MaxFrames}
	if p.ch > 1 {
		p.mono = make([]int16, src.Rate())
	}
	if src.Rate() != TakeRate {
		rs, err := NewResampler(src.Rate(), TakeRate)
		if err != nil {
			return nil, err
		}
		p.rs = rs
		p.out = make([]int16, 0, rs.MaxOut(src.Rate())+rs.half)
	}
	return p, nil
}

// convert mixes buf down to mono and resamples it to 16 kHz.
func (p *pipeline) convert(buf []int16) []int16 {
	mono := buf
	if p.ch > 1 {
		mono = mixDown(p.mono[:len(buf)/p.ch], buf, p.ch)
	}
	if p.rs == nil {
		return mono
	}
	return p.rs.Process(mono, p.out)
}

// flush returns the resampler's remaining output, if it resamples.
func (p *pipeline) flush() []int16 {
	if p.rs == nil {
		return nil
	}
	return p.rs.Flush(p.out)
}

// limit cuts *out so the take does not pass MaxFrames and reports whether
// the take is full.
func (p *pipeline) limit(out *[]int16, written int64) bool {
	if p.max == 0 {
		return false
	}
	left := p.max - written
	if left <= 0 {
		*out = (*out)[:0]
		return true
	}
	if int64(len(*out)) >= left {
		*out = (*out)[:left]
		return true
	}
	return false
}

// sendLevel measures out and offers the level to ch without blocking.
func (p *pipeline) sendLevel(ch chan Level, out []int16, frames int64) {
	if ch == nil {
		return
	}
	var sum float64
	var peak int32
	for _, s := range out {
		v := int32(s)
		if v < 0 {
			v = -v
		}
		if v > peak {
			peak = v
		}
		sum += float64(v) * float64(v)
	}
	lv := Level{Frames: frames, Elapsed: framesDuration(frames, TakeRate), Overflows: p.overflows, Peak: float32(peak) / 32768}
	if len(out) > 0 {
		lv.RMS = float32(math.Sqrt(sum/float64(len(out))) / 32768)
	}
	offerLatest(ch, lv)
}

var _ Recorder = (*System)(nil)
