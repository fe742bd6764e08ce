package audio

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"time"
)

// ErrNotWAV reports a file that is not a RIFF/WAVE file at all.
var ErrNotWAV = errors.New("not a WAV file")

// ErrTruncated reports a WAV file whose data chunk claims more bytes than the
// file holds; RepairWAV fixes such a file.
var ErrTruncated = errors.New("WAV file is truncated")

// ErrFormat reports a WAV file in a format this package does not read
// (anything but 16-bit integer PCM).
var ErrFormat = errors.New("unsupported WAV format")

// Info describes a WAV file's audio without reading its samples.
type Info struct {
	Rate     int
	Channels int
	Frames   int64
	Duration time.Duration
}

// wavLayout is what walking the chunks of a WAV file finds.
type wavLayout struct {
	riffSize   uint32 // as claimed at offset 4
	format     uint16 // 1 = PCM (extensible resolved to its sub-format)
	channels   int
	rate       int
	bits       int
	blockAlign int
	dataHdr    int64  // offset of the "data" chunk header
	dataOff    int64  // offset of the first sample byte
	dataClaim  uint32 // data size as claimed by the header
	dataAvail  int64  // bytes of the data chunk present in the file
	trailing   bool   // a well-formed chunk follows the claimed data
}

// frames is the number of whole frames the data chunk holds, trusting the
// claimed size unless the file is shorter.
func (l *wavLayout) frames() int64 {
	n := int64(l.dataClaim)
	if n > l.dataAvail {
		n = l.dataAvail
	}
	return n / int64(l.blockAlign)
}

// parseWAV walks the RIFF chunks of r (size bytes long). It checks the fmt
// chunk and finds the data chunk; it does not judge the data size (callers
// decide whether a mismatch is an error or something to repair).
func parseWAV(r io.ReaderAt, size int64, name string) (*wavLayout, error) {
	var hdr [12]byte
	if size < 12 {
		return nil, fmt.Errorf("%s: %w: only %d bytes", name, ErrNotWAV, size)
	}
	if _, err := r.ReadAt(hdr[:], 0); err != nil {
		return nil, fmt.Errorf("%s: reading RIFF header: %w", name, err)
	}
	if string(hdr[0:4]) != "RIFF" || string(hdr[8:12]) != "WAVE" {
		return nil, fmt.Errorf("%s: %w: no RIFF/WAVE header at offset 0", name, ErrNotWAV)
	}
	l := &wavLayout{riffSize: binary.LittleEndian.Uint32(hdr[4:8]), dataHdr: -1}
	haveFmt := false
	pos := int64(12)
	var ch [8]byte
	for pos+8 <= size {
		if _, err := r.ReadAt(ch[:], pos); err != nil {
			return nil, fmt.Errorf("%s: reading chunk header at offset %d: %w", name, pos, err)
		}
		id := string(ch[0:4])
		csize := binary.LittleEndian.Uint32(ch[4:8])
		body := pos + 8
		switch id {
		case "fmt ":
			if csize < 16 || body+16 > size {
				return nil, fmt.Errorf("%s: %w: fmt chunk at offset %d is %d bytes, want at least 16", name, ErrFormat, pos, csize)
			}
			var f [40]byte
			n := int64(csize)
			if n > 40 {
				n = 40
			}
			if body+n > size {
				n = size - body
			}
			if _, err := r.ReadAt(f[:n], body); err != nil {
				return nil, fmt.Errorf("%s: reading fmt chunk at offset %d: %w", name, pos, err)
			}
			l.format = binary.LittleEndian.Uint16(f[0:2])
			l.channels = int(binary.LittleEndian.Uint16(f[2:4]))
			l.rate = int(binary.LittleEndian.Uint32(f[4:8]))
			l.blockAlign = int(binary.LittleEndian.Uint16(f[12:14]))
			l.bits = int(binary.LittleEndian.Uint16(f[14:16]))
			if l.format == 0xFFFE && n >= 26 {
				// WAVE_FORMAT_EXTENSIBLE: the sub-format GUID starts at 24.
				l.format = binary.LittleEndian.Uint16(f[24:26])
			}
			haveFmt = true
		case "data":
			if !haveFmt {
				return nil, fmt.Errorf("%s: %w: data chunk at offset %d comes before any fmt chunk", name, ErrFormat, pos)
			}
			l.dataHdr = pos
			l.dataOff = body
			l.dataClaim = csize
			l.dataAvail = size - body
			end := body + int64(csize) + int64(csize&1)
			if end+8 <= size {
				l.trailing = looksLikeChunk(r, end, size)
			}
			if err := l.check(name); err != nil {
				return nil, err
			}
			return l, nil
		}
		next := body + int64(csize) + int64(csize&1)
		if next <= pos {
			break
		}
		pos = next
	}
	if !haveFmt {
		return nil, fmt.Errorf("%s: %w: no fmt chunk", name, ErrNotWAV)
	}
	return nil, fmt.Errorf("%s: %w: no data chunk (the file ends at %d bytes)", name, ErrTruncated, size)
}

// looksLikeChunk reports whether well-formed RIFF chunks (ids of letters,
// digits and spaces, sizes within the file) start at pos and chain exactly to
// the end of the file, as metadata after a data chunk does. Audio bytes
// left behind by a crash almost never do.
func looksLikeChunk(r io.ReaderAt, pos, size int64) bool {
	var ch [8]byte
	for i := 0; i < 64 && pos+8 <= size; i++ {
		if _, err := r.ReadAt(ch[:], pos); err != nil {
			return false
		}
		for _, c := range ch[0:4] {
			if !(c == ' ' || c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z') {
				return false
			}
		}
		n := int64(binary.LittleEndian.Uint32(ch[4:8]))
		next := pos + 8 + n + n&1
		if pos+8+n > size {
			return false
		}
		if next >= size {
			return true
		}
		pos = next
	}
	return false
}

// ConvertHint tells how to turn a WAV another app wrote (float, 24-bit,
// compressed) into the format Rehearse reads.
const ConvertHint = "convert with: sox in.wav -r 16000 -c 1 -b 16 out.wav"

// check validates the sample format.
func (l *wavLayout) check(name string) error {
	if l.format != 1 {
		what := ""
		switch l.format {
		case 3:
			what = fmt.Sprintf(" (%d-bit float)", l.bits)
		case 0xfffe:
			what = " (extensible)"
		}
		return fmt.Errorf("%s: %w: format tag %d%s, want 1 (integer PCM); %s", name, ErrFormat, l.format, what, ConvertHint)
	}
	if l.bits != 16 {
		return fmt.Errorf("%s: %w: %d bits per sample, want 16; %s", name, ErrFormat, l.bits, ConvertHint)
	}
	if l.channels < 1 || l.channels > 16 {
		return fmt.Errorf("%s: %w: %d channels", name, ErrFormat, l.channels)
	}
	if l.rate < 1000 || l.rate > 768000 {
		return fmt.Errorf("%s: %w: sample rate %d Hz", name, ErrFormat, l.rate)
	}
	if l.blockAlign != l.channels*2 {
		return fmt.Errorf("%s: %w: block align %d, want %d for %d channels", name, ErrFormat, l.blockAlign, l.channels*2, l.channels)
	}
	return nil
}

// openWAV opens path and parses its layout.
func openWAV(path string) (*os.File, *wavLayout, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("opening WAV: %w", err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("opening WAV: %w", err)
	}
	l, err := parseWAV(f, st.Size(), path)
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, l, nil
}

// openCompleteWAV is openWAV for a file whose data chunk is all there: one
// that claims more than the file holds is an ErrTruncated error.
func openCompleteWAV(path string) (*os.File, *wavLayout, error) {
	f, l, err := openWAV(path)
	if err != nil {
		return nil, nil, err
	}
	if int64(l.dataClaim) > l.dataAvail {
		f.Close()
		return nil, nil, fmt.Errorf("%s: %w: data chunk claims %d bytes, file holds %d (RepairWAV fixes this)", path, ErrTruncated, l.dataClaim, l.dataAvail)
	}
	return f, l, nil
}

// framesDuration converts a frame count at rate to a duration.
func framesDuration(frames int64, rate int) time.Duration {
	if rate <= 0 {
		return 0
	}
	return time.Duration(frames * int64(time.Second) / int64(rate))
}

// WAVInfo reads the header of the WAV file at path. A data chunk that claims
// more than the file holds is reported as ErrTruncated.
func WAVInfo(path string) (Info, error) {
	f, l, err := openCompleteWAV(path)
	if err != nil {
		return Info{}, err
	}
	f.Close()
	n := l.frames()
	return Info{Rate: l.rate, Channels: l.channels, Frames: n, Duration: framesDuration(n, l.rate)}, nil
}
