package review

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"unicode/utf8"
)

// ParseTranscript reads a transcript: the JSON `rehearse transcribe --json`
// prints when the data starts with '{', else plain text. Malformed JSON is
// an error naming the line and column; invalid UTF-8 in plain text is
// replaced with U+FFFD.
func ParseTranscript(data []byte) (*Transcript, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	trimmed := bytes.TrimLeft(data, " \t\r\n")
	if len(trimmed) == 0 || trimmed[0] != '{' {
		text := string(data)
		if !utf8.ValidString(text) {
			text = strings.ToValidUTF8(text, "\uFFFD")
		}
		return &Transcript{Text: text, Words: []Word{}, Segments: []Segment{}}, nil
	}
	var t Transcript
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&t); err != nil {
		return nil, jsonError(data, err)
	}
	if dec.More() {
		off := dec.InputOffset()
		line, col := lineCol(data, int(off))
		return nil, fmt.Errorf("transcript JSON: line %d, column %d: unexpected data after the transcript object", line, col)
	}
	if t.Words == nil {
		t.Words = []Word{}
	}
	if t.Segments == nil {
		t.Segments = []Segment{}
	}
	if t.Text == "" && len(t.Words) == 0 {
		return nil, errors.New(`transcript JSON: no "text" and no "words"`)
	}
	if !utf8.ValidString(t.Text) {
		t.Text = strings.ToValidUTF8(t.Text, "\uFFFD")
	}
	prev := 0.0
	for i, w := range t.Words {
		if invalidTime(w.Start) || invalidTime(w.End) || w.End < w.Start {
			return nil, fmt.Errorf("transcript JSON: words[%d] (%q): start %g, end %g are not a valid time range", i, w.Word, w.Start, w.End)
		}
		if w.Start < prev-0.5 {
			return nil, fmt.Errorf("transcript JSON: words[%d] (%q): starts at %g s, before the previous word ends (%g s)", i, w.Word, w.Start, prev)
		}
		prev = max(prev, w.End)
	}
	if invalidTime(t.Duration) {
		return nil, fmt.Errorf("transcript JSON: duration %g is not a valid length", t.Duration)
	}
	return &t, nil
}

func invalidTime(x float64) bool { return x < 0 || math.IsNaN(x) || math.IsInf(x, 0) }

func jsonError(data []byte, err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		line, col := lineCol(data, int(se.Offset)-1) // Offset is just past the bad byte
		return fmt.Errorf("transcript JSON: line %d, column %d: %w", line, col, err)
	case errors.As(err, &te):
		line, col := lineCol(data, int(te.Offset)-1)
		return fmt.Errorf("transcript JSON: line %d, column %d: field %q: %w", line, col, te.Field, err)
	case errors.Is(err, io.EOF) || strings.Contains(err.Error(), "unexpected EOF"):
		line, col := lineCol(data, len(data))
		return fmt.Errorf("transcript JSON: line %d, column %d: unexpected end of data: %w", line, col, err)
	}
	return fmt.Errorf("transcript JSON: %w", err)
}

// lineCol turns a byte offset into a 1-based line and column.
func lineCol(data []byte, off int) (int, int) {
	off = min(max(off, 0), len(data))
	line := 1 + bytes.Count(data[:off], []byte("\n"))
	col := off - bytes.LastIndexByte(data[:off], '\n')
	return line, col
}
