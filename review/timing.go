package review

import "unicode/utf8"

// span is a time range in seconds; ok is false when unknown.
type span struct {
	s, e float64
	ok   bool
}

// normWords holds normalised words (see normWord) back to back: word i is
// buf[end[i-1]:end[i]].
type normWords struct {
	buf []byte
	end []int32
}

func (w *normWords) reset() { w.buf, w.end = w.buf[:0], w.end[:0] }

// add appends the normalised form of word and returns it.
func (w *normWords) add(word string) []byte {
	start := len(w.buf)
	w.buf = normWord(w.buf, word)
	w.end = append(w.end, int32(len(w.buf)))
	return w.buf[start:]
}

func (w *normWords) len() int { return len(w.end) }

func (w *normWords) at(i int) []byte {
	start := int32(0)
	if i > 0 {
		start = w.end[i-1]
	}
	return w.buf[start:w.end[i]]
}

// timeTokens gives each token (toks: their normalised words) the time of
// the transcribed word it came from, matching words to tokens in order (a
// word such as "root-cause" may cover several tokens; words the text lacks
// are skipped). Tokens no word matched stay unknown.
func timeTokens(toks *normWords, words []Word, out []span, wbuf []byte) ([]span, []byte) {
	n := toks.len()
	out = append(out[:0], make([]span, n)...)
	k := 0
	for _, w := range words {
		first, runs := firstRun(w.Word)
		if runs == 0 || k >= n {
			continue
		}
		wbuf = normWord(wbuf[:0], first)
		for look := 0; look < 4 && k+look < n; look++ {
			if string(toks.at(k+look)) != string(wbuf) {
				continue
			}
			for j := 0; j < runs && k+look+j < n; j++ {
				out[k+look+j] = span{s: w.Start, e: w.End, ok: true}
			}
			k += look + runs
			break
		}
	}
	return out, wbuf
}

// firstRun returns the first word run of s and how many runs s holds, as
// the tokenizer would split it.
func firstRun(s string) (string, int) {
	first := ""
	n := 0
	in := false
	start := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		w := isWordRune(r) || in && isApostrophe(r) && i+size < len(s)
		if w && !in {
			in, start = true, i
			n++
		} else if !w && in {
			in = false
			if n == 1 {
				first = s[start:i]
			}
		}
		i += size
	}
	if in && n == 1 {
		first = s[start:]
	}
	return first, n
}
