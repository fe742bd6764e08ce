package audio

import (
	"errors"
	"fmt"
	"time"

	"github.com/gordonklaus/portaudio"
)

// source delivers captured audio one buffer at a time.
type source interface {
	// read blocks until the next buffer is ready and returns it (owned by the
	// source, valid until the next read). errOverflow with data means input
	// was lost before this buffer; any other error ends the take.
	read() ([]int16, error)
	rate() int
	channels() int
	close() error
}

// errOverflow marks an input overflow: the buffer is still good.
var errOverflow = errors.New("input overflowed")

// paSource is a blocking PortAudio input stream.
type paSource struct {
	stream *portaudio.Stream
	buf    []int16
	r, ch  int
	name   string
}

// openInput opens device d for capture at wantRate (0 = 16 kHz first, then
// the device's default rate), mono if it can, else with two channels.
func openInput(d *portaudio.DeviceInfo, wantRate int) (*paSource, error) {
	rates := []int{TakeRate, int(d.DefaultSampleRate + 0.5)}
	if wantRate > 0 {
		rates = []int{wantRate}
	}
	s, err := openStream(d, true, rates, 16)
	if err != nil {
		return nil, err
	}
	return &paSource{stream: s.stream, buf: s.buf, r: s.rate, ch: s.ch, name: d.Name}, nil
}

func (s *paSource) read() ([]int16, error) {
	err := s.stream.Read()
	if err == nil {
		return s.buf, nil
	}
	if errors.Is(err, portaudio.InputOverflowed) {
		return s.buf, errOverflow
	}
	return nil, fmt.Errorf("reading from %q: %w", s.name, err)
}

func (s *paSource) rate() int     { return s.r }
func (s *paSource) channels() int { return s.ch }
func (s *paSource) close() error {
	err := s.stream.Stop()
	if cerr := s.stream.Close(); err == nil {
		err = cerr
	}
	return err
}

// sliceSource plays back samples (mono, at rate) as a capture device, for
// FakeRecorder and tests. After the samples it yields silence in real time;
// failAfter > 0 makes it fail like an unplugged device after that many
// frames.
type sliceSource struct {
	samples   []int16
	pos       int
	r         int
	buf       []int16
	pace      time.Duration
	failAfter int64
	served    int64
	next      time.Time
}

func newSliceSource(samples []int16, rate int, pace time.Duration, failAfter int64) *sliceSource {
	return &sliceSource{samples: samples, r: rate, buf: make([]int16, rate/16), pace: pace, failAfter: failAfter}
}

func (s *sliceSource) read() ([]int16, error) {
	if s.failAfter > 0 && s.served >= s.failAfter {
		return nil, fmt.Errorf("reading from fake device: %w", portaudio.DeviceUnavailable)
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

func (s *sliceSource) rate() int     { return s.r }
func (s *sliceSource) channels() int { return 1 }
func (s *sliceSource) close() error  { return nil }
