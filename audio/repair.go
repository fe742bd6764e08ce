package audio

import (
	"encoding/binary"
	"fmt"
	"os"
	"time"
)

// RepairResult says what RepairWAV did.
type RepairResult struct {
	Repaired bool          // the header or length was changed
	Frames   int64         // whole frames the file holds now
	Duration time.Duration // their length
}

// RepairWAV makes the header of the WAV file at path agree with its length,
// as needed after a crash or a cut-off copy. It walks the chunks to find the
// data chunk; when the data chunk runs to the end of the file (no well-formed
// chunk follows its claimed end) or claims more than the file holds, its
// size becomes every whole frame present, a trailing partial frame is cut
// off, and the RIFF size is set from the file length. A consistent file is
// left untouched.
func RepairWAV(path string) (RepairResult, error) {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return RepairResult{}, fmt.Errorf("repairing WAV: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return RepairResult{}, fmt.Errorf("repairing WAV: %w", err)
	}
	l, err := parseWAV(f, st.Size(), path)
	if err != nil {
		return RepairResult{}, fmt.Errorf("repairing: %w", err)
	}
	claim := int64(l.dataClaim)
	data := claim
	if claim > l.dataAvail || !l.trailing {
		// The data chunk is the last thing in the file: it holds everything
		// to the end, in whole frames.
		data = l.dataAvail - l.dataAvail%int64(l.blockAlign)
	}
	size := st.Size()
	if data+l.dataOff < size && !l.trailing {
		size = l.dataOff + data // cut a partial frame
	}
	res := RepairResult{Frames: data / int64(l.blockAlign)}
	res.Duration = framesDuration(res.Frames, l.rate)
	riff := size - 8
	if riff > 0xFFFFFFFF || data > 0xFFFFFFFF {
		return res, fmt.Errorf("repairing %s: %w: more than 4 GiB", path, ErrFormat)
	}
	if data == claim && uint32(riff) == l.riffSize && size == st.Size() {
		return res, nil
	}
	if size != st.Size() {
		if err := f.Truncate(size); err != nil {
			return res, fmt.Errorf("repairing %s: cutting partial frame: %w", path, err)
		}
	}
	var b [4]byte
	binary.LittleEndian.PutUint32(b[:], uint32(riff))
	if _, err := f.WriteAt(b[:], 4); err != nil {
		return res, fmt.Errorf("repairing %s: writing RIFF size at offset 4: %w", path, err)
	}
	binary.LittleEndian.PutUint32(b[:], uint32(data))
	if _, err := f.WriteAt(b[:], l.dataHdr+4); err != nil {
		return res, fmt.Errorf("repairing %s: writing data size at offset %d: %w", path, l.dataHdr+4, err)
	}
	if err := f.Sync(); err != nil {
		return res, fmt.Errorf("repairing %s: %w", path, err)
	}
	res.Repaired = true
	return res, nil
}
