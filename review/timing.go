package review

import "unicode/utf8"

// span is a time range in seconds; ok is false when unknown.
type span struct {
	s, e float64
	ok   bool
}

// timeTokens gives each token the time of the transcribed word it came
// from, matching words to tokens in order (a word such as "root-cause" may
// cover several tokens; words the text lacks are skipped). Tokens no word
// matched stay unknown.
func timeTokens(text string, toks []Token, words []Word, out []span, buf, wbuf []byte) ([]span, []byte, []byte) {
	out = out[:0]
	for range toks {
		out = append(out, span{})
	}
	k := 0
	for _, w := range words {
		first, n := firstRun(w.Word)
		if n == 0 || k >= len(toks) {
			continue
		}
		wbuf = normWord(wbuf[:0], first)
		for look := 0; look < 4 && k+look < len(toks); look++ {
			t := toks[k+look]
			buf = normWord(buf[:0], text[t.Start:t.End])
			if string(buf) != string(wbuf) {
				continue
			}
			for j := 0; j < n && k+look+j < len(toks); j++ {
				out[k+look+j] = span{s: w.Start, e: w.End, ok: true}
			}
			k += look + n
			break
		}
	}
	return out, buf, wbuf
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
