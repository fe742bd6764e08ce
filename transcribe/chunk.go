package transcribe

import (
	"strings"
	"time"

	"github.com/rehearse-app/rehearse/review"
)

// Chunk is one piece of a long recording, written by a Splitter.
type Chunk struct {
	// Path is the chunk's WAV file.
	Path string
	// Offset is where the chunk starts in the original recording.
	Offset time.Duration
	// Duration is the chunk's length.
	Duration time.Duration
}

// Splitter cuts a WAV recording into chunk files in outDir, each at most
// maxBytes long (header included), preferably at silences. Package audio
// provides one (audio.SplitWAV); cmd adapts it to this interface.
type Splitter interface {
	SplitWAV(path, outDir string, maxBytes int64) ([]Chunk, error)
}

// SplitterFunc adapts a function to the Splitter interface.
type SplitterFunc func(path, outDir string, maxBytes int64) ([]Chunk, error)

// SplitWAV calls f.
func (f SplitterFunc) SplitWAV(path, outDir string, maxBytes int64) ([]Chunk, error) {
	return f(path, outDir, maxBytes)
}

// mergeChunks joins the transcripts of consecutive chunks into one: times
// are shifted by each chunk's offset and clamped to the chunk, so words and
// segments increase monotonically across chunk boundaries.
func mergeChunks(parts []*review.Transcript, chunks []Chunk) *review.Transcript {
	out := &review.Transcript{Words: []review.Word{}, Segments: []review.Segment{}}
	var texts []string
	lastWord, lastSeg := 0.0, 0.0
	for i, p := range parts {
		off := chunks[i].Offset.Seconds()
		end := off + p.Duration
		if chunks[i].Duration > 0 {
			end = off + chunks[i].Duration.Seconds()
		}
		clamp := func(v float64, lo float64) float64 {
			return min(max(v+off, lo), max(end, lo))
		}
		for _, w := range p.Words {
			s := clamp(w.Start, lastWord)
			e := clamp(w.End, s)
			out.Words = append(out.Words, review.Word{Word: w.Word, Start: s, End: e})
			lastWord = s
		}
		for _, sg := range p.Segments {
			s := clamp(sg.Start, lastSeg)
			e := clamp(sg.End, s)
			out.Segments = append(out.Segments, review.Segment{Start: s, End: e, Text: sg.Text})
			lastSeg = e
		}
		if t := strings.TrimSpace(p.Text); t != "" {
			texts = append(texts, t)
		}
		if out.Language == "" {
			out.Language = p.Language
		}
		out.Duration = max(out.Duration, end)
	}
	out.Text = strings.Join(texts, " ")
	return out
}
