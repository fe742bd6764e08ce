package review

import (
	"strings"
	"time"
	"unicode"
)

// Source models of transcripts that were typed or corrected by hand.
const (
	// SourceManual marks a transcript typed or pasted in, with no timings.
	SourceManual = "manual"
	// SourceManualEdited marks a transcriber's transcript corrected by hand;
	// the words left unchanged keep their timings.
	SourceManualEdited = "manual-edited"
)

// retextToken is one whitespace-separated piece of the new text.
type retextToken struct {
	text       string // as typed, punctuation included
	start, end int    // byte span in the new text
	norm       string // lower-case letters and digits only; "" for pure punctuation
}

// Retext returns a copy of old with its text replaced by newText, as when a
// candidate corrects a transcript by hand. The old and new word sequences
// are aligned (a shortest edit script over normalised words: case,
// punctuation and apostrophes ignored); words left unchanged keep their
// timings, changed and added words have none and are left out of Words,
// which stays in text order. Segments keep their times and take the new
// text of the words that fall in them; a segment whose words were all
// changed is merged into its neighbour. The source becomes
// SourceManualEdited (SourceManual when old has no timings). old is not
// modified; a nil old gives a transcript with no timings.
func Retext(old *Transcript, newText string) *Transcript {
	newText = strings.TrimSpace(newText)
	out := &Transcript{Text: newText, Words: []Word{}, Segments: []Segment{}}
	src := &Source{Model: SourceManual, Time: time.Now().UTC()}
	out.Source = src
	if old == nil {
		return out
	}
	out.Language, out.Duration = old.Language, old.Duration
	if old.Source != nil {
		src.Server = old.Source.Server
	}
	if len(old.Words) == 0 {
		return out
	}
	src.Model = SourceManualEdited

	toks := retextTokens(newText)
	// Align only the tokens and words that carry letters or digits.
	var a, b []string
	var aIdx, bIdx []int
	for i, w := range old.Words {
		if n := NormalizeWord(w.Word); n != "" {
			a, aIdx = append(a, n), append(aIdx, i)
		}
	}
	for i, t := range toks {
		if t.norm != "" {
			b, bIdx = append(b, t.norm), append(bIdx, i)
		}
	}
	oldOf := make([]int, len(toks)) // token -> old word index, or -1
	for i := range oldOf {
		oldOf[i] = -1
	}
	for _, p := range alignWords(len(a), len(b), func(i, j int) bool { return a[i] == b[j] }) {
		oldOf[bIdx[p[1]]] = aIdx[p[0]]
	}
	for i, t := range toks {
		if oi := oldOf[i]; oi >= 0 {
			w := old.Words[oi]
			out.Words = append(out.Words, Word{Word: retextClean(t.text), Start: w.Start, End: w.End})
		}
	}
	out.Segments = retextSegments(old, newText, toks, oldOf)
	return out
}

// retextSegments rebuilds the segments: each token belongs to the old
// segment of its matched word, or of the matched word before it (after it,
// for tokens before the first match).
func retextSegments(old *Transcript, text string, toks []retextToken, oldOf []int) []Segment {
	if len(old.Segments) == 0 || len(toks) == 0 {
		return []Segment{}
	}
	segOf := make([]int, len(toks))
	cur := -1
	for i := range toks {
		if oi := oldOf[i]; oi >= 0 {
			cur = max(cur, retextSegmentAt(old.Segments, old.Words[oi].Start))
		}
		segOf[i] = cur
	}
	if cur < 0 {
		return []Segment{} // no word kept its timing
	}
	first := -1
	for _, s := range segOf {
		if s >= 0 {
			first = s
			break
		}
	}
	for i := range segOf {
		if segOf[i] < 0 {
			segOf[i] = first
		}
	}
	// Group consecutive tokens by segment. A group also covers the old
	// segments that lost all their words up to the next group, so the new
	// segments still tile the recording.
	type group struct{ seg, from, to int }
	var groups []group
	for i := 0; i < len(toks); {
		j := i
		for j+1 < len(toks) && segOf[j+1] == segOf[i] {
			j++
		}
		groups = append(groups, group{segOf[i], i, j})
		i = j + 1
	}
	segs := []Segment{}
	for g, gr := range groups {
		first, last := gr.seg, len(old.Segments)-1
		if g == 0 {
			first = 0
		}
		if g+1 < len(groups) {
			last = groups[g+1].seg - 1
		}
		segs = append(segs, Segment{
			Start: old.Segments[first].Start,
			End:   old.Segments[max(last, gr.seg)].End,
			Text:  text[toks[gr.from].start:toks[gr.to].end],
		})
	}
	return segs
}

// retextSegmentAt returns the index of the last segment starting at or
// before t (segments are in time order), or 0.
func retextSegmentAt(segs []Segment, t float64) int {
	idx := 0
	for i, s := range segs {
		if s.Start <= t+1e-6 {
			idx = i
		} else {
			break
		}
	}
	return idx
}

// retextTokens splits text at white space, keeping byte spans.
func retextTokens(text string) []retextToken {
	var toks []retextToken
	start := -1
	for i, r := range text {
		if unicode.IsSpace(r) {
			if start >= 0 {
				toks = append(toks, retextToken{text: text[start:i], start: start, end: i})
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		toks = append(toks, retextToken{text: text[start:], start: start, end: len(text)})
	}
	for i := range toks {
		toks[i].norm = NormalizeWord(toks[i].text)
	}
	return toks
}

// NormalizeWord lower-cases a word and keeps only its letters and digits, so
// "Marketo," and "marketo" or "don't" and "dont" compare equal.
func NormalizeWord(w string) string {
	var b strings.Builder
	for _, r := range w {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// retextClean strips the punctuation around a typed word, the way
// transcribers list words ("budget," -> "budget").
func retextClean(w string) string {
	c := strings.TrimFunc(w, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '%' || r == '$' || r == '\'' || r == '’')
	})
	c = strings.Trim(c, "'’")
	if c == "" {
		return w
	}
	return c
}
