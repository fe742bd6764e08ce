package report

import (
	"cmp"
	"slices"

	"github.com/rehearse-app/rehearse/review"
)

// textWord is one whitespace-separated word of a transcript's text, with
// the time the transcriber gave it, if any.
type textWord struct {
	start, end int // byte span in the text
	t0, t1     float64
	timed      bool
}

// timedWords splits the transcript's text into words and gives each the
// time of the transcribed word it matches, in order, resynchronising over a
// short look-ahead where the two disagree (edited or split words).
func timedWords(tr *review.Transcript) []textWord {
	text := tr.Text
	var words []textWord
	for i := 0; i < len(text); {
		for i < len(text) && isSpace(text[i]) {
			i++
		}
		j := i
		for j < len(text) && !isSpace(text[j]) {
			j++
		}
		if j > i {
			words = append(words, textWord{start: i, end: j})
		}
		i = j
	}
	const look = 8
	wi := 0
	for k := range words {
		w := &words[k]
		norm := review.NormalizeWord(text[w.start:w.end])
		if norm == "" {
			continue
		}
		for d := 0; d < look && wi+d < len(tr.Words); d++ {
			if review.NormalizeWord(tr.Words[wi+d].Word) == norm {
				tw := tr.Words[wi+d]
				w.t0, w.t1, w.timed = tw.Start, tw.End, true
				wi += d + 1
				break
			}
		}
	}
	return words
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

// offsetNear returns where in the text a marker for time sec goes: next to
// the timed word nearest to sec (before it when sec falls in its first
// half or before it, after it otherwise). Without word timings the place
// is estimated from sec's share of duration, moved to the start of a word.
func offsetNear(text string, words []textWord, sec, duration float64) int {
	best, bestD := -1, 0.0
	for i, w := range words {
		if !w.timed {
			continue
		}
		d := 0.0
		if sec < w.t0 {
			d = w.t0 - sec
		} else if sec > w.t1 {
			d = sec - w.t1
		}
		if best < 0 || d < bestD {
			best, bestD = i, d
		}
	}
	if best >= 0 {
		w := words[best]
		if sec < (w.t0+w.t1)/2 {
			return w.start
		}
		return w.end
	}
	if duration <= 0 || len(words) == 0 {
		return 0
	}
	off := int(sec / duration * float64(len(text)))
	for _, w := range words {
		if w.end > off {
			return w.start
		}
	}
	return words[len(words)-1].end
}

// timeAnchors places a marker for each finding that has a time but points
// at no words of the transcript (a voiced gap at 0:00, a long pause) at the
// nearest word of its text, so a reader sees where it happened. duration
// is the take's length, for transcripts without word timings; title names
// a rule.
func timeAnchors(tr *review.Transcript, duration float64, r *review.Report, title func(string) string) []anchor {
	if r == nil || tr == nil || tr.Text == "" || (r.Text != "" && r.Text != tr.Text) {
		return nil
	}
	if tr.Duration > 0 {
		duration = tr.Duration
	}
	var out []anchor
	var words []textWord
	for i, f := range r.Findings {
		if !f.HasTime || validSpan(tr.Text, f.Start, f.End) {
			continue
		}
		if words == nil {
			words = timedWords(tr)
		}
		out = append(out, anchor{
			At: offsetNear(tr.Text, words, f.TimeStart, duration), Rule: f.Rule, N: i + 1,
			Title: title(f.Rule), Message: f.Message,
		})
	}
	return out
}

// mergeAnchors puts two lists of anchors together in text order (a before
// b where they fall at the same place).
func mergeAnchors(a, b []anchor) []anchor {
	out := append(slices.Clip(a), b...)
	slices.SortStableFunc(out, func(x, y anchor) int { return cmp.Compare(x.At, y.At) })
	return out
}
