package audio

import (
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/rehearse-app/rehearse/internal/atomicfile"
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
	out := mixDown(make([]int16, p.Frames()), p.Samples, p.Channels)
	return &PCM{Rate: p.Rate, Channels: 1, Samples: out}
}

// mixDown averages each frame of the interleaved ch-channel samples in into
// dst (one sample a frame, len(dst) frames) and returns dst.
func mixDown(dst, in []int16, ch int) []int16 {
	for i := range dst {
		s := 0
		for c := 0; c < ch; c++ {
			s += int(in[i*ch+c])
		}
		dst[i] = int16(s / ch)
	}
	return dst
}

// ReadWAV reads a whole 16-bit PCM WAV file. The frame count comes from the
// data chunk, never from an estimated duration. A file whose data chunk
// claims more than the file holds is an ErrTruncated error (RepairWAV fixes
// it); a trailing partial frame is ignored.
func ReadWAV(path string) (*PCM, error) {
	f, l, err := openCompleteWAV(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	n := l.frames() * int64(l.channels)
	buf := make([]byte, n*2)
	if _, err := f.ReadAt(buf, l.dataOff); err != nil && err != io.EOF {
		return nil, fmt.Errorf("%s: reading samples at offset %d: %w", path, l.dataOff, err)
	}
	return &PCM{Rate: l.rate, Channels: l.channels, Samples: decodeInt16(make([]int16, n), buf)}, nil
}

// WriteWAVFile writes pcm to path atomically: a temporary file in the same
// folder, fsync'd, then renamed over path.
func WriteWAVFile(path string, pcm *PCM) error {
	if pcm == nil || pcm.Channels < 1 || pcm.Rate < 1 {
		return fmt.Errorf("writing %s: invalid PCM (rate and channels must be positive)", path)
	}
	tmp, err := atomicfile.CreateTemp(path)
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	tmpName := tmp.Name()
	w, err := newWAVWriter(tmp, tmpName, pcm.Rate, pcm.Channels)
	if err != nil {
		tmp.Close()
		os.Remove(tmpName)
		return fmt.Errorf("writing %s: %w", path, err)
	}
	err = w.Write(pcm.Samples)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmpName)
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return atomicfile.Commit(tmpName, path)
}

// decodeInt16 decodes little-endian 16-bit samples from b into dst
// (len(dst) of them) and returns dst.
func decodeInt16(dst []int16, b []byte) []int16 {
	for i := range dst {
		dst[i] = int16(binary.LittleEndian.Uint16(b[2*i:]))
	}
	return dst
}
