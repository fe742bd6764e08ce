package transcribe

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/rehearse-app/rehearse/review"
)

// rawWord is a word (OpenAI, speaches) or a token (whisper.cpp) with times.
type rawWord struct {
	Word  string  `json:"word"`
	Start float64 `json:"start"`
	End   float64 `json:"end"`
}

// rawSegment is a verbose_json segment; whisper.cpp's server puts the
// segment's tokens with their times in Words.
type rawSegment struct {
	Start float64   `json:"start"`
	End   float64   `json:"end"`
	Text  string    `json:"text"`
	Words []rawWord `json:"words"`
}

// rawTranscript is the union of the answers of OpenAI (json and
// verbose_json), speaches and whisper.cpp's server.
type rawTranscript struct {
	Text     *string      `json:"text"`
	Language string       `json:"language"`
	Duration float64      `json:"duration"`
	Words    []rawWord    `json:"words"`
	Segments []rawSegment `json:"segments"`
}

// parseTranscript reads a transcription answer body into a Transcript.
// Word timings come from the top-level words (OpenAI, speaches) or, when
// there are none, from the segments' words (whisper.cpp, whose entries are
// sub-word tokens and are joined into words here).
func parseTranscript(body []byte) (*review.Transcript, error) {
	var raw rawTranscript
	if err := json.Unmarshal(body, &raw); err != nil {
		return nil, fmt.Errorf("the answer is not JSON (%s): %w", shorten(string(body), 60), err)
	}
	if raw.Text == nil && len(raw.Segments) == 0 {
		return nil, fmt.Errorf("the answer has no \"text\" field (%s)", shorten(string(body), 80))
	}
	t := &review.Transcript{
		Language: raw.Language,
		Duration: raw.Duration,
		Words:    []review.Word{},
		Segments: []review.Segment{},
	}
	if raw.Text != nil {
		t.Text = strings.TrimSpace(*raw.Text)
	}
	var segTexts []string
	for i, s := range raw.Segments {
		text := strings.TrimSpace(s.Text)
		if err := checkTimes(s.Start, s.End); err != nil {
			return nil, fmt.Errorf("segment %d: %w", i, err)
		}
		segTexts = append(segTexts, text)
		if text == "" {
			continue
		}
		t.Segments = append(t.Segments, review.Segment{Start: s.Start, End: s.End, Text: text})
	}
	if t.Text == "" {
		t.Text = strings.Join(segTexts, " ")
	}
	if len(raw.Words) > 0 {
		for i, w := range raw.Words {
			if err := checkTimes(w.Start, w.End); err != nil {
				return nil, fmt.Errorf("word %d %q: %w", i, w.Word, err)
			}
			t.Words = appendWord(t.Words, w)
		}
	} else {
		for i, s := range raw.Segments {
			for j, w := range s.Words {
				if err := checkTimes(w.Start, w.End); err != nil {
					return nil, fmt.Errorf("segment %d word %d %q: %w", i, j, w.Word, err)
				}
			}
			t.Words = append(t.Words, joinTokens(s.Words)...)
		}
	}
	t.Words = monotonic(t.Words)
	for _, w := range t.Words {
		t.Duration = max(t.Duration, w.End)
	}
	for _, s := range t.Segments {
		t.Duration = max(t.Duration, s.End)
	}
	return t, nil
}

// checkTimes rejects negative or reversed times.
func checkTimes(start, end float64) error {
	if start < 0 || end < 0 || start != start || end != end {
		return fmt.Errorf("bad time %v..%v", start, end)
	}
	if end+0.5 < start {
		return fmt.Errorf("ends (%v) before it starts (%v)", end, start)
	}
	return nil
}

// appendWord appends w cleaned of spaces and surrounding punctuation;
// non-speech markers such as "[BLANK_AUDIO]" and empty words are dropped.
func appendWord(ws []review.Word, w rawWord) []review.Word {
	text := cleanWord(w.Word)
	if text == "" {
		return ws
	}
	return append(ws, review.Word{Word: text, Start: w.Start, End: max(w.End, w.Start)})
}

// joinTokens turns whisper.cpp tokens (" Market", "o", ",") into words: a
// token that starts with a space, or the first one, starts a new word; the
// others continue the current one.
func joinTokens(tokens []rawWord) []review.Word {
	var out []review.Word
	var cur *rawWord
	flush := func() {
		if cur != nil {
			out = appendWord(out, *cur)
			cur = nil
		}
	}
	for _, tk := range tokens {
		if strings.HasPrefix(tk.Word, "[") && strings.HasSuffix(strings.TrimSpace(tk.Word), "]") {
			flush() // [_BEG_], [BLANK_AUDIO], [_TT_123]
			continue
		}
		if cur == nil || strings.HasPrefix(tk.Word, " ") {
			flush()
			c := tk
			cur = &c
			continue
		}
		cur.Word += tk.Word
		cur.End = max(cur.End, tk.End)
	}
	flush()
	return out
}

// cleanWord trims spaces and the punctuation around a word, keeping inner
// marks (don't, e-mail, 3.5) and signs that carry meaning (%, $).
func cleanWord(s string) string {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "[") && strings.HasSuffix(s, "]") {
		return ""
	}
	return strings.Trim(s, ".,!?;:\"“”‘’()[]{}…—–-*")
}

// monotonic makes word starts non-decreasing and ends no earlier than starts.
func monotonic(ws []review.Word) []review.Word {
	for i := range ws {
		if i > 0 && ws[i].Start < ws[i-1].Start {
			ws[i].Start = ws[i-1].Start
		}
		if ws[i].End < ws[i].Start {
			ws[i].End = ws[i].Start
		}
	}
	return ws
}
