package coach

import (
	"strings"

	"github.com/rehearse-app/rehearse/review"
)

// MinQuoteWords is the fewest words (fillers aside) a quote needs to count
// as evidence: "the data" is in most answers.
const MinQuoteWords = 3

// fillers are left out on both sides when a quote is looked up, so a quote
// that drops an "um" or a "you know" still matches: the filled pauses of the
// built-in filler rule and its discourse fillers.
var fillers = map[string]bool{
	"um": true, "uh": true, "er": true, "ah": true, "erm": true, "hmm": true, "mm": true, "mmm": true,
	"uhm": true, "umm": true, "uhh": true, "ahh": true, "hm": true, "mhm": true,
	"like": true, "basically": true, "actually": true, "literally": true, "so": true, "okay": true, "ok": true,
	"right": true, "well": true, "just": true,
}

// fillerPairs are two-word fillers, left out the same way.
var fillerPairs = map[[2]string]bool{
	{"you", "know"}: true, {"i", "mean"}: true, {"sort", "of"}: true, {"kind", "of"}: true,
}

// normWord is one word of a text, normalised, with its byte span.
type normWord struct {
	w          string
	start, end int
}

// normWords splits text into lower-case words with apostrophes unified,
// leaving out fillers. Punctuation and case never matter.
func normWords(text string) []normWord {
	toks, _ := review.Tokenize(text)
	ws := make([]normWord, 0, len(toks))
	for _, t := range toks {
		w := strings.ToLower(text[t.Start:t.End])
		w = strings.NewReplacer("’", "'", "‘", "'", "ʼ", "'").Replace(w)
		ws = append(ws, normWord{w: w, start: t.Start, end: t.End})
	}
	out := ws[:0]
	for i := 0; i < len(ws); i++ {
		if i+1 < len(ws) && fillerPairs[[2]string{ws[i].w, ws[i+1].w}] {
			i++
			continue
		}
		if fillers[ws[i].w] {
			continue
		}
		out = append(out, ws[i])
	}
	return out
}

// quoteIndex looks quotes up in one transcript.
type quoteIndex struct {
	words []normWord
}

// newQuoteIndex prepares transcript for quote look-ups.
func newQuoteIndex(transcript string) *quoteIndex {
	return &quoteIndex{words: normWords(transcript)}
}

// find reports whether quote is in the transcript, word for word once case,
// punctuation and fillers are set aside, and where (byte offsets into the
// transcript). A quote may skip words with an ellipsis ("we looked at … the
// pipeline"): its parts must then be found in order, each of at least two
// words. A quote of fewer than MinQuoteWords words is not evidence.
func (x *quoteIndex) find(quote string) (start, end int, ok bool) {
	parts := splitEllipsis(quote)
	total := 0
	var pw [][]normWord
	for _, p := range parts {
		ws := normWords(p)
		if len(ws) == 0 {
			continue
		}
		if len(parts) > 1 && len(ws) < 2 {
			return 0, 0, false
		}
		total += len(ws)
		pw = append(pw, ws)
	}
	if total < MinQuoteWords || len(pw) == 0 {
		return 0, 0, false
	}
	from := 0
	start = -1
	for _, ws := range pw {
		i := x.index(ws, from)
		if i < 0 {
			return 0, 0, false
		}
		if start < 0 {
			start = x.words[i].start
		}
		end = x.words[i+len(ws)-1].end
		from = i + len(ws)
	}
	return start, end, true
}

// index returns the first position at or after from where ws occur in a
// row, or -1.
func (x *quoteIndex) index(ws []normWord, from int) int {
	for i := from; i+len(ws) <= len(x.words); i++ {
		match := true
		for j := range ws {
			if x.words[i+j].w != ws[j].w {
				match = false
				break
			}
		}
		if match {
			return i
		}
	}
	return -1
}

// splitEllipsis splits a quote at "..." and "…".
func splitEllipsis(q string) []string {
	q = strings.ReplaceAll(q, "…", "...")
	var out []string
	for _, p := range strings.Split(q, "...") {
		if strings.TrimSpace(p) != "" {
			out = append(out, p)
		}
	}
	return out
}
