package review

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Token is one word of a transcript, with its byte offsets into the text and
// where it stands in its sentence and clause.
type Token struct {
	Start, End int // byte offsets: text[Start:End] is the word
	Sentence   int // index of the sentence the word belongs to
	Flags      TokenFlags
}

// TokenFlags describe a word's position.
type TokenFlags uint8

// Token position flags.
const (
	SentenceStart TokenFlags = 1 << iota // first word of a sentence
	SentenceEnd                          // last word of a sentence
	ClauseStart                          // first word after a sentence start, comma, semicolon, colon or dash
	ClauseEnd                            // followed by a comma, semicolon, colon, dash or sentence end
	QuestionEnd                          // last word of a sentence that ends with '?'
	Numeric                              // starts with a digit

	// inflected is set by a review's scan, not by Tokenize: the word met
	// the rules' vocabulary only through a suffix ("audited" for "audit").
	inflected TokenFlags = 1 << 6
)

// Sentence is a span of the text ending at '.', '!', '?', a blank line or the
// end of the text. Words indexes the sentence's tokens: tokens[First:Last].
type Sentence struct {
	Start, End  int // byte offsets
	First, Last int // token indexes, half open
	Question    bool
}

// Tokenize splits text into words and sentences. Words are runs of letters,
// digits and inner apostrophes; hyphens and slashes split words ("root-cause"
// is two words). Offsets are byte offsets into text.
func Tokenize(text string) ([]Token, []Sentence) {
	var tz tokenizer
	tz.run(text)
	return tz.toks, tz.sents
}

// tokenizer holds the tokens and sentences of the last text it ran on.
type tokenizer struct {
	toks  []Token
	sents []Sentence
}

// isWordRune reports whether r belongs in a word: a letter, a digit or a
// combining mark.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r|0x20 && r|0x20 <= 'z' || '0' <= r && r <= '9'
	}
	return isWordRuneSlow(r)
}

// isWordRuneSlow is isWordRune for non-ASCII runes.
func isWordRuneSlow(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// asciiWord reports whether c is an ASCII letter or digit.
func asciiWord(c byte) bool {
	return 'a' <= c|0x20 && c|0x20 <= 'z' || '0' <= c && c <= '9'
}

// decodeRune decodes the rune at text[i], with a fast path for ASCII.
func decodeRune(text string, i int) (rune, int) {
	if c := text[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(text[i:])
}

// isApostrophe reports whether r is a straight or curly apostrophe.
func isApostrophe(r rune) bool { return r == '\'' || r == '\u2019' }

// openSentence is the state of the sentence run is reading.
type openSentence struct {
	start      int  // byte offset of its first word, or -1 before its first word
	first      int  // index of its first token
	fresh      bool // the next word starts a sentence
	clause     bool // the next word starts a clause
	question   bool // it ends with '?' so far
	pendingEnd int  // byte offset just after a sentence-ending mark, or -1
}

// run tokenizes text, reusing the tokenizer's slices.
func (tz *tokenizer) run(text string) {
	tz.toks = tz.toks[:0]
	tz.sents = tz.sents[:0]
	s := openSentence{start: -1, fresh: true, clause: true, pendingEnd: -1}
	newlines := 0
	for i := 0; i < len(text); {
		r, size := rune(text[i]), 1
		isWord := false
		if r < utf8.RuneSelf {
			isWord = asciiWord(text[i])
		} else {
			r, size = utf8.DecodeRuneInString(text[i:])
			isWord = isWordRuneSlow(r)
		}
		if isWord {
			if s.pendingEnd >= 0 || newlines >= 2 && len(tz.toks) > s.first {
				end := s.pendingEnd
				if end < 0 {
					end = tz.toks[len(tz.toks)-1].End
				}
				tz.closeSentence(&s, end)
			}
			newlines = 0
			i = tz.addWord(&s, text, i, wordEnd(text, i+size, r))
			continue
		}
		tz.punctuation(&s, text, i, r, size)
		if r == '\n' {
			newlines++
		} else if r != '\r' && r != ' ' && r != '\t' {
			newlines = 0
		}
		i += size
	}
	end := len(text)
	if s.pendingEnd >= 0 {
		end = s.pendingEnd
	} else if len(tz.toks) > 0 {
		end = tz.toks[len(tz.toks)-1].End
	}
	tz.closeSentence(&s, end)
}

// closeSentence ends the open sentence at byte offset end, if it has a
// word, and opens the next.
func (tz *tokenizer) closeSentence(s *openSentence, end int) {
	if len(tz.toks) > s.first && s.start >= 0 {
		last := &tz.toks[len(tz.toks)-1]
		last.Flags |= SentenceEnd | ClauseEnd
		if s.question {
			last.Flags |= QuestionEnd
		}
		tz.sents = append(tz.sents, Sentence{Start: s.start, End: end, First: s.first, Last: len(tz.toks), Question: s.question})
	}
	*s = openSentence{start: -1, first: len(tz.toks), fresh: true, clause: true, pendingEnd: -1}
}

// wordEnd returns the end of the word whose first rune, first, ends at i:
// letters and digits, with inner apostrophes ("I'd") and decimal points
// ("2.5") when a letter or digit follows them.
func wordEnd(text string, i int, first rune) int {
	for i < len(text) {
		if asciiWord(text[i]) {
			i++ // ASCII letters and digits: the common case
			continue
		}
		r, size := decodeRune(text, i)
		if isWordRune(r) {
			i += size
			continue
		}
		// inner apostrophe ("I'd") or decimal point ("2.5")
		if isApostrophe(r) || (r == '.' || r == ',') && unicode.IsDigit(first) {
			if i+size < len(text) {
				next, nextSize := utf8.DecodeRuneInString(text[i+size:])
				if isApostrophe(r) && isWordRune(next) || !isApostrophe(r) && unicode.IsDigit(next) {
					i += size + nextSize
					continue
				}
			}
		}
		break
	}
	return i
}

// addWord adds the word text[start:end] to the open sentence and returns
// end.
func (tz *tokenizer) addWord(s *openSentence, text string, start, end int) int {
	var f TokenFlags
	if text[start] >= '0' && text[start] <= '9' && numeric(text[start:end]) {
		f |= Numeric
	}
	if s.fresh {
		f |= SentenceStart | ClauseStart
		s.start = start
	} else if s.clause {
		f |= ClauseStart
	}
	tz.toks = append(tz.toks, Token{Start: start, End: end, Sentence: len(tz.sents), Flags: f})
	s.fresh, s.clause = false, false
	return end
}

// punctuation applies the mark r (size bytes at text[i]) to the open
// sentence: a sentence end, a clause break, or nothing.
func (tz *tokenizer) punctuation(s *openSentence, text string, i int, r rune, size int) {
	hasWord := len(tz.toks) > s.first
	switch r {
	case '.', '!', '?', '\u2026':
		if hasWord {
			s.pendingEnd = i + size
			if r == '?' {
				s.question = true
			} else if r != '.' || !s.question {
				s.question = false
			}
			tz.toks[len(tz.toks)-1].Flags |= ClauseEnd
		}
	case ',', ';', ':', '\u2014', '\u2013', '(', ')':
		s.clause = true
		if hasWord {
			tz.toks[len(tz.toks)-1].Flags |= ClauseEnd
		}
	case '-':
		// a dash set off by spaces separates clauses; a hyphen joins words
		if (i == 0 || text[i-1] == ' ') && (i+1 >= len(text) || text[i+1] == ' ' || text[i+1] == '-') {
			s.clause = true
			if hasWord {
				tz.toks[len(tz.toks)-1].Flags |= ClauseEnd
			}
		}
	}
}

// normWord appends the lower-case, apostrophe-normalised form of w to buf.
func normWord(buf []byte, w string) []byte {
	for i := 0; i < len(w); {
		c := w[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf = append(buf, c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(w[i:])
		if r == '\u2019' {
			r = '\''
		}
		buf = utf8.AppendRune(buf, unicode.ToLower(r))
		i += size
	}
	return buf
}

// wordsOf returns the normalised words of a phrase, as the tokenizer would
// split them. A "..." field becomes the gap marker, "#number" stays as is.
func wordsOf(phrase string) []string {
	var out []string
	for _, f := range strings.Fields(phrase) {
		if f == gapWord || f == numberWord {
			out = append(out, f)
			continue
		}
		toks, _ := Tokenize(f)
		for _, t := range toks {
			out = append(out, string(normWord(nil, f[t.Start:t.End])))
		}
	}
	return out
}

const (
	gapWord    = "..."
	numberWord = "#number"
)

// numeric reports whether w is a number: digits with inner '.' or ','.
func numeric(w string) bool {
	for i := 0; i < len(w); i++ {
		if c := w[i]; (c < '0' || c > '9') && c != '.' && c != ',' {
			return false
		}
	}
	return w != ""
}

// unpunctuatedReach is how many words before a word the text must run
// without a sentence or clause mark for unpunctuated to call it raw
// speech-to-text.
const unpunctuatedReach = 40

// unpunctuated reports whether the words before token i run on without a
// sentence or clause mark for unpunctuatedReach words (or from the start of
// the text, half as many at least): speech-to-text that writes none, where
// no clause start can be known ("gave her two ways first way merge only the
// forty thousand ... second way do all of them").
func unpunctuated(toks []Token, i int) bool {
	if i < unpunctuatedReach/2 {
		return false
	}
	for j := i; j > i-unpunctuatedReach && j > 0; j-- {
		if toks[j].Flags&(ClauseStart|SentenceStart) != 0 {
			return false
		}
	}
	return true
}
