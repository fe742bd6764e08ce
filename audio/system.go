package audio

import (
	"cmp"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/gordonklaus/portaudio"
)

// ErrNoDevice reports that no device matches a name, or that there is no
// default device of the wanted kind.
var ErrNoDevice = errors.New("no such audio device")

// System is an initialised PortAudio. Create one with Init at start-up,
// hand it to whoever records or plays, and Close it at exit. PortAudio reads
// its device list once per Init, so devices plugged in later appear only
// after Close and a new Init.
type System struct {
	closeOnce sync.Once
	closeErr  error
}

// Device describes an audio device PortAudio offers.
type Device struct {
	Name              string
	HostAPI           string
	MaxInputChannels  int
	MaxOutputChannels int
	DefaultSampleRate float64
	DefaultInput      bool // the host's default input device
	DefaultOutput     bool // the host's default output device
}

// Init initialises PortAudio.
func Init() (*System, error) {
	if err := portaudio.Initialize(); err != nil {
		return nil, fmt.Errorf("initialising PortAudio: %w", err)
	}
	avoidCheckptrStreamIDs()
	return &System{}, nil
}

// Close terminates PortAudio. Streams still open are closed. Calling Close
// again returns the first result.
func (s *System) Close() error {
	s.closeOnce.Do(func() {
		if err := portaudio.Terminate(); err != nil {
			s.closeErr = fmt.Errorf("terminating PortAudio: %w", err)
		}
	})
	return s.closeErr
}

// Devices lists the devices of every host API.
func (s *System) Devices() ([]Device, error) {
	devs, err := portaudio.Devices()
	if err != nil {
		return nil, fmt.Errorf("listing audio devices: %w", err)
	}
	out := make([]Device, 0, len(devs))
	for _, d := range devs {
		out = append(out, toDevice(d))
	}
	return out, nil
}

func toDevice(d *portaudio.DeviceInfo) Device {
	dv := Device{
		Name:              d.Name,
		MaxInputChannels:  d.MaxInputChannels,
		MaxOutputChannels: d.MaxOutputChannels,
		DefaultSampleRate: d.DefaultSampleRate,
	}
	if h := d.HostApi; h != nil {
		dv.HostAPI = h.Name
		dv.DefaultInput = h.DefaultInputDevice != nil && h.DefaultInputDevice.Index == d.Index
		dv.DefaultOutput = h.DefaultOutputDevice != nil && h.DefaultOutputDevice.Index == d.Index
	}
	return dv
}

// stream is a blocking PortAudio stream with its buffer of int16 samples.
type stream struct {
	stream   *portaudio.Stream
	buf      []int16 // one buffer, ch samples a frame
	rate, ch int
}

// openStream opens d for capture (input) or playback at the first of rates
// it accepts, mono if it can, else with two channels, with buffers of
// 1/perSecond of a second. A capture stream is also started.
func openStream(d *portaudio.DeviceInfo, input bool, rates []int, perSecond int) (*stream, error) {
	kind, maxCh, latency := "output", d.MaxOutputChannels, d.DefaultHighOutputLatency
	if input {
		kind, maxCh, latency = "input", d.MaxInputChannels, d.DefaultHighInputLatency
	}
	var firstErr error
	for _, rate := range rates {
		if rate <= 0 {
			continue
		}
		for ch := 1; ch <= min(maxCh, 2); ch++ {
			s := &stream{buf: make([]int16, rate/perSecond*ch), rate: rate, ch: ch}
			dev := portaudio.StreamDeviceParameters{Device: d, Channels: ch, Latency: latency}
			params := portaudio.StreamParameters{SampleRate: float64(rate), FramesPerBuffer: rate / perSecond}
			if input {
				params.Input = dev
			} else {
				params.Output = dev
			}
			st, err := portaudio.OpenStream(params, s.buf)
			if err != nil {
				if firstErr == nil {
					firstErr = fmt.Errorf("opening %q at %d Hz, %d channel(s): %w", d.Name, rate, ch, err)
				}
				continue
			}
			if input {
				if err := st.Start(); err != nil {
					st.Close()
					if firstErr == nil {
						firstErr = fmt.Errorf("starting %q at %d Hz: %w", d.Name, rate, err)
					}
					continue
				}
			}
			s.stream = st
			return s, nil
		}
	}
	if firstErr == nil {
		firstErr = fmt.Errorf("%s device %q has no %s channels: %w", kind, d.Name, kind, ErrNoDevice)
	}
	return nil, firstErr
}

// findDevice returns the input (or output) device called name; an empty
// name means the default one. An unknown name is an error that lists the
// devices there are.
func findDevice(name string, input bool) (*portaudio.DeviceInfo, error) {
	kind := "output"
	if input {
		kind = "input"
	}
	if name == "" {
		var d *portaudio.DeviceInfo
		var err error
		if input {
			d, err = portaudio.DefaultInputDevice()
		} else {
			d, err = portaudio.DefaultOutputDevice()
		}
		if err != nil || d == nil {
			return nil, fmt.Errorf("default %s device: %w (%v)", kind, ErrNoDevice, err)
		}
		return d, nil
	}
	devs, err := portaudio.Devices()
	if err != nil {
		return nil, fmt.Errorf("listing audio devices: %w", err)
	}
	var names []string
	var exact, folded *portaudio.DeviceInfo
	for _, d := range devs {
		ch := d.MaxOutputChannels
		if input {
			ch = d.MaxInputChannels
		}
		if ch < 1 {
			continue
		}
		names = append(names, fmt.Sprintf("%q", d.Name))
		if exact == nil && d.Name == name {
			exact = d
		}
		if folded == nil && strings.EqualFold(d.Name, name) {
			folded = d
		}
	}
	match := cmp.Or(exact, folded) // the exact name first, then case-insensitively
	if match == nil {
		list := "none"
		if len(names) > 0 {
			list = strings.Join(names, ", ")
		}
		return nil, fmt.Errorf("%s device %q: %w; %s devices: %s", kind, name, ErrNoDevice, kind, list)
	}
	return match, nil
}
