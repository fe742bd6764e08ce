package audio

import (
	"errors"
	"fmt"

	"github.com/gordonklaus/portaudio"
)

// Source delivers captured audio one buffer at a time: a capture device,
// or what stands in for one (internal/testkit/fakemic plays samples).
type Source interface {
	// Read blocks until the next buffer is ready and returns it (owned by
	// the source, valid until the next Read). ErrOverflow with data means
	// input was lost before this buffer; any other error ends the take.
	Read() ([]int16, error)
	// Rate is the sample rate and Channels the interleaved channel count.
	Rate() int
	Channels() int
	// Close releases the source; the take ends with it.
	Close() error
}

// ErrOverflow marks an input overflow: the buffer is still good.
var ErrOverflow = errors.New("input overflowed")

// ErrDeviceUnavailable is the error of a capture device that went away
// mid-take (unplugged); a Source standing in for one returns it too.
var ErrDeviceUnavailable = portaudio.DeviceUnavailable

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

func (s *paSource) Read() ([]int16, error) {
	err := s.stream.Read()
	if err == nil {
		return s.buf, nil
	}
	if errors.Is(err, portaudio.InputOverflowed) {
		return s.buf, ErrOverflow
	}
	return nil, fmt.Errorf("reading from %q: %w", s.name, err)
}

// Rate is the stream's sample rate.
func (s *paSource) Rate() int { return s.r }

// Channels is the stream's channel count.
func (s *paSource) Channels() int { return s.ch }

// Close stops and closes the stream.
func (s *paSource) Close() error {
	err := s.stream.Stop()
	if cerr := s.stream.Close(); err == nil {
		err = cerr
	}
	return err
}
