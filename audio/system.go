package audio

import (
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
	var match *portaudio.DeviceInfo
	for _, d := range devs {
		ch := d.MaxOutputChannels
		if input {
			ch = d.MaxInputChannels
		}
		if ch < 1 {
			continue
		}
		names = append(names, fmt.Sprintf("%q", d.Name))
		if match == nil && d.Name == name {
			match = d
		}
	}
	if match == nil {
		for _, d := range devs { // then case-insensitively
			ch := d.MaxOutputChannels
			if input {
				ch = d.MaxInputChannels
			}
			if ch > 0 && strings.EqualFold(d.Name, name) {
				match = d
				break
			}
		}
	}
	if match == nil {
		list := "none"
		if len(names) > 0 {
			list = strings.Join(names, ", ")
		}
		return nil, fmt.Errorf("%s device %q: %w; %s devices: %s", kind, name, ErrNoDevice, kind, list)
	}
	return match, nil
}
