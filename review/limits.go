package review

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Limits on what Rehearse reads. Every place input arrives (the command
// line, the app's transcript editor, question and rule files, bundles and
// transcription servers) checks against these; the README lists them under
// Configuration → Limits.
const (
	// MaxTranscriptWords is the most words a transcript may hold: 150,000
	// words is over 15 hours of speech at 150 words a minute.
	MaxTranscriptWords = 150_000
	// MaxTranscriptBytes is the largest transcript text, in bytes (2 MiB):
	// room for MaxTranscriptWords of ordinary text with long words.
	MaxTranscriptBytes = 2 << 20
	// MaxTranscriptFileBytes is the largest transcript file in the JSON form
	// `rehearse transcribe --json` prints, and the largest answer read from
	// a transcription server (32 MiB): per-word timings take about 80 bytes
	// a word. The text inside is still held to MaxTranscriptBytes.
	MaxTranscriptFileBytes = 32 << 20
	// MaxQuestionFileBytes is the largest question file (1 MiB, a few
	// thousand questions).
	MaxQuestionFileBytes = 1 << 20
	// MaxRuleFileBytes is the largest rule file (1 MiB).
	MaxRuleFileBytes = 1 << 20
	// MaxWarningsPerFile is how many problems are reported for one question
	// or rule file; the rest are counted in one "… and N more" line.
	MaxWarningsPerFile = 10
)

// ErrEmptyTranscript means a transcript has no words to review: it is
// empty, blank, or only punctuation and filled pauses (um, uh).
var ErrEmptyTranscript = errors.New("nothing to review: the transcript is empty")

// BinaryError means data given as a transcript is not text: it holds a NUL
// byte, another control character, or bytes that are not UTF-8.
type BinaryError struct {
	Offset int    // 0-based byte offset of the first bad byte
	Reason string // e.g. "a NUL byte", "invalid UTF-8"
}

// Error says where the binary data starts, e.g. "not a text transcript
// (binary data at byte 12: a NUL byte)".
func (e *BinaryError) Error() string {
	return fmt.Sprintf("not a text transcript (binary data at byte %d: %s)", e.Offset, e.Reason)
}

// TooLargeError means an input is over one of the limits above. Size is -1
// when only its being over the limit is known (a stream cut at Limit+1).
type TooLargeError struct {
	What  string // "transcript", "question file", ...
	Size  int64  // the input's size in Unit, or -1
	Limit int64  // the limit in Unit
	Unit  string // "bytes" or "words"
	Name  string // the constant holding the limit, e.g. "MaxTranscriptBytes"
}

// Error names the size and the limit, e.g. "transcript is too large:
// 1,600,000 words, over the limit of 150,000 words (MaxTranscriptWords)".
func (e *TooLargeError) Error() string {
	if e.Size < 0 {
		return fmt.Sprintf("%s is too large: more than the limit of %s %s (%s)", e.What, thousands(e.Limit), e.Unit, e.Name)
	}
	return fmt.Sprintf("%s is too large: %s %s, over the limit of %s %s (%s)", e.What, thousands(e.Size), e.Unit, thousands(e.Limit), e.Unit, e.Name)
}

// MoreWarningsError stands for the problems of one file left out after
// MaxWarningsPerFile were reported.
type MoreWarningsError struct {
	File  string
	Count int
}

// Error reads e.g. "… and 199,990 more in huge.yaml".
func (e *MoreWarningsError) Error() string {
	return fmt.Sprintf("… and %s more in %s", thousands(int64(e.Count)), e.File)
}

// thousands formats n with commas: 1600000 → "1,600,000".
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// CheckTranscriptText checks a transcript's text before it is reviewed or
// saved: at most MaxTranscriptBytes, text (no NUL or other control bytes
// besides tab, newline, carriage return and form feed; valid UTF-8), at
// least one word that is not a filled pause, and at most MaxTranscriptWords
// words. The errors are *TooLargeError, *BinaryError and
// ErrEmptyTranscript. It allocates nothing on success.
func CheckTranscriptText(b []byte) error {
	return checkText(b)
}

// CheckTranscript checks a parsed transcript as CheckTranscriptText checks
// text; when the text is blank its words are checked instead (the review
// then reads the words). Word and segment lists are held to
// MaxTranscriptWords entries.
func CheckTranscript(t *Transcript) error {
	if t == nil {
		return ErrEmptyTranscript
	}
	for _, n := range []int{len(t.Words), len(t.Segments)} {
		if n > MaxTranscriptWords {
			return &TooLargeError{What: "transcript", Size: int64(n), Limit: MaxTranscriptWords, Unit: "words", Name: "MaxTranscriptWords"}
		}
	}
	if strings.TrimSpace(t.Text) != "" || len(t.Words) == 0 {
		return checkText(t.Text)
	}
	size, words := 0, 0
	for _, w := range t.Words {
		size += len(w.Word) + 1
		if size > MaxTranscriptBytes {
			return &TooLargeError{What: "transcript", Size: -1, Limit: MaxTranscriptBytes, Unit: "bytes", Name: "MaxTranscriptBytes"}
		}
		if off, why := firstBinary(w.Word); off >= 0 {
			return &BinaryError{Offset: size - len(w.Word) - 1 + off, Reason: why}
		}
		words += countWords(w.Word)
	}
	if words == 0 {
		return ErrEmptyTranscript
	}
	return nil
}

// checkText is CheckTranscriptText for a string or a byte slice.
func checkText[T string | []byte](s T) error {
	if len(s) > MaxTranscriptBytes {
		return &TooLargeError{What: "transcript", Size: int64(len(s)), Limit: MaxTranscriptBytes, Unit: "bytes", Name: "MaxTranscriptBytes"}
	}
	if off, why := firstBinary(s); off >= 0 {
		return &BinaryError{Offset: off, Reason: why}
	}
	switch n := countWords(s); {
	case n == 0:
		return ErrEmptyTranscript
	case n > MaxTranscriptWords:
		return &TooLargeError{What: "transcript", Size: int64(n), Limit: MaxTranscriptWords, Unit: "words", Name: "MaxTranscriptWords"}
	}
	return nil
}

// firstBinary returns the offset of the first byte that makes s not text,
// and why, or -1. A leading byte-order mark is text.
func firstBinary[T string | []byte](s T) (int, string) {
	for i, r := range string(s) { // no copy: the compiler ranges over s itself
		switch {
		case r == utf8.RuneError && !(i+2 < len(s) && s[i] == 0xef && s[i+1] == 0xbf && s[i+2] == 0xbd):
			return i, "invalid UTF-8"
		case r == 0:
			return i, "a NUL byte"
		case r < 0x20 && r != '\t' && r != '\n' && r != '\r' && r != '\f', r == 0x7f:
			return i, fmt.Sprintf("control character 0x%02x", r)
		}
	}
	return -1, ""
}

// noWordFillers are the words that alone do not make an answer; they are
// the always-filler tokens of the built-in "filler" rule.
var noWordFillers = []string{"um", "uh", "er", "ah", "erm", "hmm", "mm", "mmm", "uhm", "umm", "uhh", "ahh", "hm", "mhm"}

// countWords counts the words of s much as Tokenize splits them (runs of
// letters and digits, joined by inner apostrophes; a number such as "2.5"
// counts as two), leaving out filled pauses. It finds a word exactly when
// Tokenize finds a token that is not a filled pause. It stops counting past MaxTranscriptWords.
func countWords[T string | []byte](s T) int {
	n, start, end := 0, -1, 0
	apos := false // an apostrophe follows the word so far
	finish := func() {
		if start >= 0 && !isFilledPause(s[start:end]) {
			n++
		}
		start, apos = -1, false
	}
	for i, r := range string(s) {
		switch {
		case isWordRune(r):
			if start < 0 {
				start = i
			}
			apos, end = false, min(i+utf8.RuneLen(r), len(s))
		case isApostrophe(r) && start >= 0 && !apos:
			apos = true
		default:
			finish()
			if n > MaxTranscriptWords {
				return n
			}
		}
	}
	finish()
	return n
}

// isFilledPause reports whether w is one of noWordFillers, ignoring ASCII case.
func isFilledPause[T string | []byte](w T) bool {
	if len(w) > 3 {
		return false
	}
	for _, f := range noWordFillers {
		if len(f) != len(w) {
			continue
		}
		same := true
		for i := 0; i < len(w); i++ {
			if w[i]|0x20 != f[i] {
				same = false
				break
			}
		}
		if same {
			return true
		}
	}
	return false
}

// ReadTranscript reads a transcript from r, plain text or the JSON that
// `rehearse transcribe --json` prints, without reading more than the limit
// allows: MaxTranscriptFileBytes for JSON, MaxTranscriptBytes for text.
// The transcript is then checked with CheckTranscript. Errors are those of
// ParseTranscript, *TooLargeError, *BinaryError and ErrEmptyTranscript.
func ReadTranscript(r io.Reader) (*Transcript, error) {
	br := bufio.NewReaderSize(r, 4096)
	head, _ := br.Peek(4096)
	isJSON := bytes.HasPrefix(bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n"), []byte("{"))
	limit, name := int64(MaxTranscriptBytes+3), "MaxTranscriptBytes" // +3: a byte-order mark
	if isJSON {
		limit, name = MaxTranscriptFileBytes, "MaxTranscriptFileBytes"
	}
	data, err := io.ReadAll(io.LimitReader(br, limit+1))
	if err != nil {
		return nil, fmt.Errorf("reading the transcript: %w", err)
	}
	if int64(len(data)) > limit {
		if !isJSON {
			limit -= 3
			// binary data is named as such, whatever its size
			text := data[:len(data)-partialRune(data)]
			if off, why := firstBinary(text); off >= 0 {
				return nil, &BinaryError{Offset: off, Reason: why}
			}
		}
		return nil, &TooLargeError{What: "transcript", Size: -1, Limit: limit, Unit: "bytes", Name: name}
	}
	if !isJSON {
		if err := checkText(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))); err != nil {
			return nil, err
		}
	}
	t, err := ParseTranscript(data)
	if err != nil {
		return nil, err
	}
	if err := CheckTranscript(t); err != nil {
		return nil, err
	}
	return t, nil
}

// partialRune returns how many bytes at the end of b start a UTF-8
// sequence that b cuts off (0 to 3).
func partialRune(b []byte) int {
	for k := 1; k <= 3 && k <= len(b); k++ {
		c := b[len(b)-k]
		if c < 0x80 {
			return 0
		}
		if c >= 0xc0 { // a leading byte: is its sequence complete?
			need := 2
			if c >= 0xf0 {
				need = 4
			} else if c >= 0xe0 {
				need = 3
			}
			if need > k {
				return k
			}
			return 0
		}
	}
	return 0
}

// maxFileBytes is the size limit of the list's files and its name.
func (l yamlList[T]) maxFileBytes() (int64, string) {
	if l.kind == "rule" {
		return MaxRuleFileBytes, "MaxRuleFileBytes"
	}
	return MaxQuestionFileBytes, "MaxQuestionFileBytes"
}

// tooLarge returns the error for a file of size bytes (-1: unknown) over
// the list's limit.
func (l yamlList[T]) tooLarge(name string, size int64) error {
	limit, cname := l.maxFileBytes()
	return &FileError{File: name, Kind: l.kind, Err: &TooLargeError{What: l.kind + " file", Size: size, Limit: limit, Unit: "bytes", Name: cname}}
}

// readFile reads one file of the list, refusing one over the size limit
// without reading more than the limit.
func (l yamlList[T]) readFile(fsys fs.FS, name, label string) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, &FileError{File: label, Kind: l.kind, Err: fmt.Errorf("read: %w", err)}
	}
	defer f.Close()
	limit, _ := l.maxFileBytes()
	if st, err := f.Stat(); err == nil && st.Size() > limit {
		return nil, l.tooLarge(label, st.Size())
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, &FileError{File: label, Kind: l.kind, Err: fmt.Errorf("read: %w", err)}
	}
	if int64(len(data)) > limit {
		return nil, l.tooLarge(label, -1)
	}
	return data, nil
}

// fileErrs collects the problems of one file, keeping the first
// MaxWarningsPerFile and counting the rest.
type fileErrs struct {
	file string
	errs []error
	more int
}

// add records one problem.
func (c *fileErrs) add(err error) {
	var m *MoreWarningsError
	switch {
	case errors.As(err, &m):
		c.more += m.Count
	case len(c.errs) < MaxWarningsPerFile:
		c.errs = append(c.errs, err)
	default:
		c.more++
	}
}

// list returns the problems kept, followed by a *MoreWarningsError when
// some were left out.
func (c *fileErrs) list() []error {
	if c.more > 0 {
		return append(c.errs, &MoreWarningsError{File: c.file, Count: c.more})
	}
	return c.errs
}

// CapWarnings keeps at most MaxWarningsPerFile problems for each file
// (named by the *FileError's File), replacing the rest with one
// *MoreWarningsError after that file's last kept problem. Errors that name
// no file are kept as they are.
func CapWarnings(errs []error) []error {
	var out []error
	byFile := map[string]*fileErrs{}
	var order []string
	for _, err := range errs {
		file := ""
		var fe *FileError
		var m *MoreWarningsError
		switch {
		case errors.As(err, &m):
			file = m.File
		case errors.As(err, &fe):
			file = fe.File
		default:
			out = append(out, err)
			continue
		}
		c := byFile[file]
		if c == nil {
			c = &fileErrs{file: file}
			byFile[file] = c
			order = append(order, file)
		}
		c.add(err)
	}
	for _, f := range order {
		out = append(out, byFile[f].list()...)
	}
	return out
}
