package audio

import (
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

// PCM is interleaved 16-bit audio held in memory.
type PCM struct {
	Rate     int
	Channels int
	Samples  []int16
}

// Frames is the number of frames (samples per channel) p holds.
func (p *PCM) Frames() int64 {
	if p == nil || p.Channels <= 0 {
		return 0
	}
	return int64(len(p.Samples) / p.Channels)
}

// Duration is the length of p.
func (p *PCM) Duration() time.Duration { return framesDuration(p.Frames(), p.Rate) }

// Mono returns p mixed down to one channel (p itself if it is mono).
func (p *PCM) Mono() *PCM {
	if p.Channels == 1 {
		return p
	}
	n := int(p.Frames())
	out := make([]int16, n)
	for i := 0; i < n; i++ {
		s := 0
		for c := 0; c < p.Channels; c++ {
			s += int(p.Samples[i*p.Channels+c])
		}
		out[i] = int16(s / p.Channels)
	}
	return &PCM{Rate: p.Rate, Channels: 1, Samples: out}
}

// ReadWAV reads a whole 16-bit PCM WAV file. The frame count comes from the
// data chunk, never from an estimated duration. A file whose data chunk
// claims more than the file holds is an ErrTruncated error (RepairWAV fixes
// it); a trailing partial frame is ignored.
func ReadWAV(path string) (*PCM, error) {
	f, l, err := openWAV(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if int64(l.dataClaim) > l.dataAvail {
		return nil, fmt.Errorf("%s: %w: data chunk claims %d bytes, file holds %d (RepairWAV fixes this)", path, ErrTruncated, l.dataClaim, l.dataAvail)
	}
	n := l.frames() * int64(l.channels)
	buf := make([]byte, n*2)
	if _, err := f.ReadAt(buf, l.dataOff); err != nil && err != io.EOF {
		return nil, fmt.Errorf("%s: reading samples at offset %d: %w", path, l.dataOff, err)
	}
	s := make([]int16, n)
	for i := range s {
		s[i] = int16(binary.LittleEndian.Uint16(buf[2*i:]))
	}
	return &PCM{Rate: l.rate, Channels: l.channels, Samples: s}, nil
}

// WriteWAVFile writes pcm to path atomically: a temporary file in the same
// folder, fsync'd, then renamed over path.
func WriteWAVFile(path string, pcm *PCM) error {
	if pcm == nil || pcm.Channels < 1 || pcm.Rate < 1 {
		return fmt.Errorf("writing %s: invalid PCM (rate and channels must be positive)", path)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	tmpName := tmp.Name()
	fail := func(err error) error {
		tmp.Close()
		os.Remove(tmpName)
		return fmt.Errorf("writing %s: %w", path, err)
	}
	w, err := newWAVWriter(tmp, tmpName, pcm.Rate, pcm.Channels)
	if err != nil {
		return fail(err)
	}
	if err := w.Write(pcm.Samples); err != nil {
		return fail(err)
	}
	if err := w.Close(); err != nil {
		os.Remove(tmpName)
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := os.Rename(tmpName, path); err != nil {
		os.Remove(tmpName)
		return fmt.Errorf("writing %s: %w", path, err)
	}
	syncDir(filepath.Dir(path))
	return nil
}

// syncDir fsyncs a directory so a rename in it survives a power cut; errors
// are ignored (some systems cannot sync directories).
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
