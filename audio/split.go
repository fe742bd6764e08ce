package audio

import (
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/rehearse-app/rehearse/internal/atomicfile"
)

// Chunk is one piece of a split recording.
type Chunk struct {
	Path     string
	Offset   time.Duration // where the chunk starts in the original
	Duration time.Duration
}

// splitHop is the window over which SplitWAV measures quiet.
const splitHop = 20 * time.Millisecond

// SplitWAV splits the WAV file at path into WAV files in outDir, each at
// most maxBytes long (header included), cutting at the quietest moment in
// the last quarter (at most 30 s) before each limit, so that words are not
// cut in half. A file that already fits yields one chunk: a copy. The file is
// streamed, never read whole. Chunks are named after the original:
// NAME-001.wav, NAME-002.wav, ...
func SplitWAV(path, outDir string, maxBytes int64) ([]Chunk, error) {
	f, l, err := openWAV(path)
	if err != nil {
		return nil, fmt.Errorf("splitting: %w", err)
	}
	defer f.Close()
	if int64(l.dataClaim) > l.dataAvail {
		return nil, fmt.Errorf("splitting %s: %w (RepairWAV fixes this)", path, ErrTruncated)
	}
	const header = 44
	ba := int64(l.blockAlign)
	maxFrames := (maxBytes - header) / ba
	hopFrames := int64(int64(splitHop) * int64(l.rate) / int64(time.Second))
	if maxFrames < 4*hopFrames {
		return nil, fmt.Errorf("splitting %s: limit of %d bytes is too small (need at least %d)", path, maxBytes, header+4*hopFrames*ba)
	}
	total := l.frames()
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return nil, fmt.Errorf("splitting %s: %w", path, err)
	}
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	var chunks []Chunk
	var win []byte
	for start := int64(0); start < total || len(chunks) == 0; {
		end := total
		if total-start > maxFrames {
			end = start + maxFrames
			search := min(maxFrames/4, int64(30*l.rate))
			win = growBytes(win, int(search*ba))
			if _, err := f.ReadAt(win, l.dataOff+(end-search)*ba); err != nil && err != io.EOF {
				return nil, fmt.Errorf("splitting %s: %w", path, err)
			}
			end = end - search + quietest(win, l.channels, hopFrames)
		}
		out := filepath.Join(outDir, fmt.Sprintf("%s-%03d.wav", base, len(chunks)+1))
		if err := copyFrames(f, l, start, end, out); err != nil {
			return nil, fmt.Errorf("splitting %s: %w", path, err)
		}
		chunks = append(chunks, Chunk{Path: out, Offset: framesDuration(start, l.rate), Duration: framesDuration(end-start, l.rate)})
		start = end
		if total == 0 {
			break
		}
	}
	return chunks, nil
}

func growBytes(b []byte, n int) []byte {
	if cap(b) < n {
		return make([]byte, n)
	}
	return b[:n]
}

// quietest returns the frame offset within win (interleaved 16-bit) of the
// middle of its quietest hop; ties go to the later hop so chunks stay long.
func quietest(win []byte, ch int, hop int64) int64 {
	frames := int64(len(win) / (2 * ch))
	best, at := math.Inf(1), frames
	for s := int64(0); s+hop <= frames; s += hop {
		var sum float64
		for i := s * int64(ch); i < (s+hop)*int64(ch); i++ {
			v := float64(int16(binary.LittleEndian.Uint16(win[2*i:])))
			sum += v * v
		}
		if sum <= best {
			best, at = sum, s+hop/2
		}
	}
	return at
}

// copyFrames writes frames [start,end) of the open WAV as a new WAV file.
func copyFrames(f *os.File, l *wavLayout, start, end int64, out string) error {
	ba := int64(l.blockAlign)
	tmp, err := atomicfile.CreateTemp(out)
	if err != nil {
		return err
	}
	name := tmp.Name()
	defer os.Remove(name)
	w, err := newWAVWriter(tmp, name, l.rate, l.channels)
	if err != nil {
		tmp.Close()
		return err
	}
	buf := make([]byte, 64*1024-64*1024%int(ba))
	samples := make([]int16, len(buf)/2)
	r := io.NewSectionReader(f, l.dataOff+start*ba, (end-start)*ba)
	for {
		n, rerr := io.ReadFull(r, buf)
		n -= n % int(ba)
		if n > 0 {
			if err := w.Write(decodeInt16(samples[:n/2], buf)); err != nil {
				w.Close()
				return err
			}
		}
		if rerr == io.EOF || rerr == io.ErrUnexpectedEOF {
			break
		}
		if rerr != nil {
			w.Close()
			return rerr
		}
	}
	if err := w.Close(); err != nil {
		return err
	}
	return atomicfile.Commit(name, out)
}
