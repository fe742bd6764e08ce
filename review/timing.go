package review

import (
	"sync"
	"unicode/utf8"
)

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

// wordKeys holds the normalised word runs of transcribed words, each with
// the index of the word it came from; timeTokens reuses one from a pool.
type wordKeys struct {
	runs  normWords
	owner []int32
}

var wordKeysPool = sync.Pool{New: func() any { return new(wordKeys) }}

// timeTokens gives each token (toks: their normalised words) the time of
// the transcribed word it came from. A word such as "root-cause" holds
// several word runs, as the tokenizer splits them; every run is aligned
// with the tokens through alignWords, so words the text lacks and tokens
// no word gave are skipped. Tokens no word matched stay unknown. wbuf is
// scratch space handed back for the next call.
func timeTokens(toks *normWords, words []Word, out []span, wbuf []byte) ([]span, []byte) {
	n := toks.len()
	out = append(out[:0], make([]span, n)...)
	keys := wordKeysPool.Get().(*wordKeys)
	defer wordKeysPool.Put(keys)
	keys.runs.reset()
	keys.owner = keys.owner[:0]
	for i, w := range words {
		wordRuns(w.Word, func(run string) {
			keys.runs.add(run)
			keys.owner = append(keys.owner, int32(i))
		})
	}
	eq := func(i, j int) bool { return string(toks.at(i)) == string(keys.runs.at(j)) }
	for _, p := range alignWords(n, keys.runs.len(), eq) {
		w := words[keys.owner[p[1]]]
		out[p[0]] = span{s: w.Start, e: w.End, ok: true}
	}
	return out, wbuf
}

// wordRuns calls fn with each word run of s, as the tokenizer would split
// it: letters and digits, with apostrophes inside a run kept.
func wordRuns(s string, fn func(run string)) {
	in := false
	start := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		w := isWordRune(r) || in && isApostrophe(r) && i+size < len(s)
		if w && !in {
			in, start = true, i
		} else if !w && in {
			in = false
			fn(s[start:i])
		}
		i += size
	}
	if in {
		fn(s[start:])
	}
}
