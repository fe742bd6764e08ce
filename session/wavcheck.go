package session

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
)

// checkWAVFile checks that path is a plain RIFF/WAVE PCM file whose header
// agrees with its length: a RIFF header, a sane fmt chunk, and a data chunk
// holding whole frames, none of it running past the end of the file.
func checkWAVFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	if err := checkWAV(f, fi.Size()); err != nil {
		return fmt.Errorf("%s: %w", fi.Name(), err)
	}
	return nil
}

// checkWAV checks a WAV file of the given size read through r.
func checkWAV(r io.ReaderAt, size int64) error {
	var hdr [12]byte
	if size < 12 {
		return errors.New("not a WAV file: shorter than a RIFF header")
	}
	if _, err := r.ReadAt(hdr[:], 0); err != nil {
		return fmt.Errorf("not a WAV file: %w", err)
	}
	if string(hdr[0:4]) != "RIFF" || string(hdr[8:12]) != "WAVE" {
		return errors.New("not a WAV file: no RIFF/WAVE header")
	}
	riffEnd := 8 + int64(binary.LittleEndian.Uint32(hdr[4:8]))
	if riffEnd > size {
		return fmt.Errorf("truncated WAV: the RIFF header says %d bytes but the file has %d", riffEnd, size)
	}
	var (
		off       int64 = 12
		haveFmt   bool
		blockAlgn int64
		dataSize  int64 = -1
	)
	for n := 0; off+8 <= riffEnd; n++ {
		if n >= 64 {
			return errors.New("WAV file has more than 64 chunks")
		}
		var ch [8]byte
		if _, err := r.ReadAt(ch[:], off); err != nil {
			return fmt.Errorf("WAV chunk at byte %d: %w", off, err)
		}
		csize := int64(binary.LittleEndian.Uint32(ch[4:8]))
		body := off + 8
		if body+csize > riffEnd {
			return fmt.Errorf("truncated WAV: chunk %q at byte %d says %d bytes, past the end of the file (%d bytes)", ch[0:4], off, csize, riffEnd)
		}
		switch string(ch[0:4]) {
		case "fmt ":
			if csize < 16 {
				return fmt.Errorf("WAV fmt chunk is %d bytes, want at least 16", csize)
			}
			var fm [16]byte
			if _, err := r.ReadAt(fm[:], body); err != nil {
				return fmt.Errorf("WAV fmt chunk: %w", err)
			}
			format := binary.LittleEndian.Uint16(fm[0:2])
			channels := int64(binary.LittleEndian.Uint16(fm[2:4]))
			rate := binary.LittleEndian.Uint32(fm[4:8])
			align := int64(binary.LittleEndian.Uint16(fm[12:14]))
			bits := int64(binary.LittleEndian.Uint16(fm[14:16]))
			if format != 1 && format != 3 && format != 0xFFFE {
				return fmt.Errorf("WAV format tag %d is not PCM", format)
			}
			if channels < 1 || channels > 16 {
				return fmt.Errorf("WAV has %d channels", channels)
			}
			if rate < 1000 || rate > 384000 {
				return fmt.Errorf("WAV sample rate %d Hz is out of range", rate)
			}
			switch bits {
			case 8, 16, 24, 32, 64:
			default:
				return fmt.Errorf("WAV has %d bits per sample", bits)
			}
			if align != channels*bits/8 {
				return fmt.Errorf("WAV block align %d does not match %d channels of %d bits", align, channels, bits)
			}
			haveFmt, blockAlgn = true, align
		case "data":
			if !haveFmt {
				return errors.New("WAV data chunk comes before the fmt chunk")
			}
			dataSize = csize
		}
		off = body + csize + csize%2
		if dataSize >= 0 {
			break
		}
	}
	if !haveFmt {
		return errors.New("WAV file has no fmt chunk")
	}
	if dataSize < 0 {
		return errors.New("WAV file has no data chunk")
	}
	if dataSize%blockAlgn != 0 {
		return fmt.Errorf("WAV data chunk of %d bytes is not a whole number of %d-byte frames", dataSize, blockAlgn)
	}
	return nil
}
