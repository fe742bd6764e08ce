package audio

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/gordonklaus/portaudio"
)

// Player plays one piece of audio on an output device, with pause and seek.
// Load or Open gives it the audio; its methods are safe for concurrent use
// (a UI thread and a timer may both call them).
type Player struct {
	dev *portaudio.DeviceInfo

	mu      sync.Mutex
	pcm     *PCM // mono, at the stream's rate
	stream  *portaudio.Stream
	buf     []int16 // the stream's buffer, ch samples per frame
	ch      int
	pos     int64 // next frame to play, at the stream's rate
	playing bool
	stopReq bool
	done    chan struct{} // closed when the current play loop ends
	ended   chan struct{} // closed when playback reaches the end
	closed  bool
	lastErr error
	latency int64 // the stream's output latency in frames

	forceRate int // tests: open the device at this rate (forces resampling)
}

// NewPlayer returns a player for the output device called device (empty for
// the default output).
func (s *System) NewPlayer(device string) (*Player, error) {
	d, err := findDevice(device, false)
	if err != nil {
		return nil, fmt.Errorf("playing: %w", err)
	}
	return &Player{dev: d}, nil
}

// Open loads the WAV file at path.
func (p *Player) Open(path string) error {
	pcm, err := ReadWAV(path)
	if err != nil {
		return fmt.Errorf("playing: %w", err)
	}
	return p.Load(pcm)
}

// Load gives the player audio to play (mixed down to mono), replacing what
// it had and stopping playback. The device is opened at the audio's rate, or
// at its default rate with the audio resampled when it refuses that rate.
func (p *Player) Load(pcm *PCM) error {
	if pcm == nil || pcm.Rate <= 0 || pcm.Channels <= 0 {
		return errors.New("playing: invalid PCM")
	}
	p.Pause()
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return errors.New("playing: player is closed")
	}
	if p.stream != nil {
		p.stream.Close()
		p.stream = nil
	}
	mono := pcm.Mono()
	rates := []int{mono.Rate, int(p.dev.DefaultSampleRate + 0.5)}
	if p.forceRate > 0 {
		rates = []int{p.forceRate}
	}
	s, err := openStream(p.dev, false, rates, 20)
	if err != nil {
		return fmt.Errorf("playing: %w", err)
	}
	data := mono
	if s.rate != mono.Rate {
		if data, err = ResamplePCM(mono, s.rate); err != nil {
			s.stream.Close()
			return fmt.Errorf("playing: %w", err)
		}
	}
	p.stream, p.buf, p.ch, p.pcm, p.pos = s.stream, s.buf, s.ch, data, 0
	p.latency = 0
	if info := s.stream.Info(); info != nil {
		p.latency = int64(info.OutputLatency.Seconds() * float64(s.rate))
	}
	p.ended = make(chan struct{})
	p.lastErr = nil
	return nil
}

// Play starts or resumes playback; at the end it starts again from the
// beginning.
func (p *Player) Play() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed || p.stream == nil {
		return errors.New("playing: nothing loaded")
	}
	if p.playing {
		return nil
	}
	if p.pos >= p.pcm.Frames() {
		p.pos = 0
	}
	select {
	case <-p.ended: // a new run to the end
		p.ended = make(chan struct{})
	default:
	}
	if err := p.stream.Start(); err != nil {
		return fmt.Errorf("playing on %q: %w", p.dev.Name, err)
	}
	p.playing, p.stopReq = true, false
	p.done = make(chan struct{})
	go p.loop(p.done, p.ended)
	return nil
}

// loop writes buffers until paused or at the end.
func (p *Player) loop(done, ended chan struct{}) {
	defer close(done)
	for {
		p.mu.Lock()
		if p.stopReq {
			p.mu.Unlock()
			p.stream.Abort()
			return
		}
		frames := len(p.buf) / p.ch
		n := int64(frames)
		if left := p.pcm.Frames() - p.pos; left < n {
			n = max(left, 0)
		}
		src := p.pcm.Samples[p.pos : p.pos+n]
		for i := 0; i < frames; i++ {
			var v int16
			if i < len(src) {
				v = src[i]
			}
			for c := 0; c < p.ch; c++ {
				p.buf[i*p.ch+c] = v
			}
		}
		p.pos += n
		last := n < int64(frames) || p.pos >= p.pcm.Frames()
		st := p.stream
		p.mu.Unlock()
		err := st.Write()
		if err != nil && !errors.Is(err, portaudio.OutputUnderflowed) {
			p.mu.Lock()
			p.lastErr = fmt.Errorf("playing on %q: %w", p.dev.Name, err)
			p.playing = false
			p.mu.Unlock()
			st.Abort()
			close(ended)
			return
		}
		if last {
			st.Stop() // lets the buffered audio play out
			p.mu.Lock()
			p.playing = false
			p.mu.Unlock()
			close(ended)
			return
		}
	}
}

// Pause stops playback, keeping the position.
func (p *Player) Pause() {
	p.mu.Lock()
	if !p.playing {
		p.mu.Unlock()
		return
	}
	p.stopReq = true
	done := p.done
	p.mu.Unlock()
	<-done
	p.mu.Lock()
	// The aborted stream dropped what it held: resume from what was heard.
	p.pos = max(p.pos-p.latency, 0)
	p.playing = false
	p.mu.Unlock()
}

// Seek moves the position to d from the start (clamped to the audio).
func (p *Player) Seek(d time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.pcm == nil {
		return
	}
	f := int64(d) * int64(p.pcm.Rate) / int64(time.Second)
	p.pos = min(max(f, 0), p.pcm.Frames())
}

// Position is how far into the audio playback is: while playing, what has
// been handed to the device less the device's reported output latency.
func (p *Player) Position() time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.pcm == nil {
		return 0
	}
	pos := p.pos
	if p.playing {
		pos = max(pos-p.latency, 0)
	}
	return framesDuration(pos, p.pcm.Rate)
}

// Duration is the length of the loaded audio.
func (p *Player) Duration() time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.pcm == nil {
		return 0
	}
	return p.pcm.Duration()
}

// Playing reports whether audio is playing.
func (p *Player) Playing() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.playing
}

// Wait blocks until playback reaches the end (or fails), or ctx ends, in
// which case it pauses playback and returns ctx's error.
func (p *Player) Wait(ctx context.Context) error {
	p.mu.Lock()
	ended := p.ended
	p.mu.Unlock()
	if ended == nil {
		return errors.New("playing: nothing loaded")
	}
	select {
	case <-ended:
		p.mu.Lock()
		defer p.mu.Unlock()
		return p.lastErr
	case <-ctx.Done():
		p.Pause()
		return ctx.Err()
	}
}

// Close stops playback and releases the device.
func (p *Player) Close() error {
	p.Pause()
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return nil
	}
	p.closed = true
	if p.stream != nil {
		if err := p.stream.Close(); err != nil {
			return fmt.Errorf("closing player on %q: %w", p.dev.Name, err)
		}
	}
	return nil
}

// PlayFile plays the WAV file at path on device (empty for the default) and
// returns when it has played, or when ctx ends (stopping it).
func (s *System) PlayFile(ctx context.Context, device, path string) error {
	p, err := s.NewPlayer(device)
	if err != nil {
		return err
	}
	defer p.Close()
	if err := p.Open(path); err != nil {
		return err
	}
	if err := p.Play(); err != nil {
		return err
	}
	return p.Wait(ctx)
}
