package review

import (
	"bytes"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
)

func TestCheckTranscriptText(t *testing.T) {
	big := strings.Repeat("word ", MaxTranscriptWords+1)
	cases := []struct {
		name, in string
		want     string // "" for no error
	}{
		{"answer", "I'd start with the attribution data.", ""},
		{"one word", "Yes", ""},
		{"empty", "", "nothing to review: the transcript is empty"},
		{"blank", " \n\t\r\n ", "nothing to review"},
		{"punctuation", "... ?! — ,", "nothing to review"},
		{"fillers", "Um, uh... HMM? mhm, er.", "nothing to review"},
		{"filler prefix is a word", "Umbrella", ""},
		{"nul", "abc\x00def", "not a text transcript (binary data at byte 3: a NUL byte)"},
		{"bad utf8", "ok \xff\xfe", "binary data at byte 3: invalid UTF-8"},
		{"control", "ok\x1b[31m", "binary data at byte 2: control character 0x1b"},
		{"replacement char is text", "caf\uFFFD ok", ""},
		{"too many words", big, "transcript is too large: 150,001 words, over the limit of 150,000 words (MaxTranscriptWords)"},
		{"too many bytes", strings.Repeat("x", MaxTranscriptBytes+1), "transcript is too large: 2,097,153 bytes, over the limit of 2,097,152 bytes (MaxTranscriptBytes)"},
	}
	for _, c := range cases {
		err := CheckTranscriptText([]byte(c.in))
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: %v, want no error", c.name, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
	}
	if err := CheckTranscriptText([]byte("um uh")); !errors.Is(err, ErrEmptyTranscript) {
		t.Errorf("fillers only: %v is not ErrEmptyTranscript", err)
	}
	var be *BinaryError
	if err := CheckTranscriptText([]byte("a\x00")); !errors.As(err, &be) || be.Offset != 1 {
		t.Errorf("NUL: %v, want a *BinaryError at 1", err)
	}
	var te *TooLargeError
	if err := CheckTranscriptText([]byte(big)); !errors.As(err, &te) || te.Unit != "words" {
		t.Errorf("big: %v, want a *TooLargeError in words", err)
	}
}

func TestCountWordsMatchesTokenize(t *testing.T) {
	for _, s := range []string{"I'd like it", "root-cause 2.5 ~10% DKIM/SPF, right?", "it's 'quoted' 1,000", "I’d like…", "a''b", "don't'", "Ünïcödé wörds"} {
		toks, _ := Tokenize(s)
		// numbers such as "2.5" and "1,000" are one token but two words here
		if n := countWords(s); n < len(toks) || n > len(toks)+2 || (n == 0) != (len(toks) == 0) {
			t.Errorf("%q: countWords %d, Tokenize %d tokens", s, n, len(toks))
		}
	}
}

func TestCheckTranscriptWordsOnly(t *testing.T) {
	if err := CheckTranscript(&Transcript{Words: []Word{{Word: "um"}, {Word: "uh"}}}); !errors.Is(err, ErrEmptyTranscript) {
		t.Errorf("words of fillers only: %v", err)
	}
	if err := CheckTranscript(&Transcript{Words: []Word{{Word: "hello"}}}); err != nil {
		t.Errorf("a word: %v", err)
	}
	if err := CheckTranscript(&Transcript{Text: "x", Words: make([]Word, MaxTranscriptWords+1)}); err == nil || !strings.Contains(err.Error(), "MaxTranscriptWords") {
		t.Errorf("too many timed words: %v", err)
	}
	if err := CheckTranscript(nil); !errors.Is(err, ErrEmptyTranscript) {
		t.Errorf("nil: %v", err)
	}
}

func TestReadTranscriptLimits(t *testing.T) {
	cases := []struct {
		name string
		in   []byte
		want string
	}{
		{"text", []byte("\xef\xbb\xbfI'd start with the data."), ""},
		{"json", []byte(`{"text":"I'd start with the data.","words":[],"segments":[]}`), ""},
		{"empty", nil, "nothing to review"},
		{"json blank", []byte(`{"text":"  um ","words":[]}`), "nothing to review"},
		{"json nul", []byte(`{"text":"a\u0000b"}`), "binary data at byte 1"},
		{"binary", append([]byte("RIFF"), make([]byte, 100)...), "binary data at byte 4"},
		{"big binary", append([]byte("ab\x00"), make([]byte, MaxTranscriptBytes+10)...), "binary data at byte 2: a NUL byte"},
		{"big text cut inside a rune", append(bytes.Repeat([]byte("w "), MaxTranscriptBytes/2+1), "é"...), "transcript is too large"},
		{"text too big", bytes.Repeat([]byte("word "), MaxTranscriptBytes), "transcript is too large: more than the limit of 2,097,152 bytes (MaxTranscriptBytes)"},
		{"json too big", append([]byte(`{"text":"`), bytes.Repeat([]byte("w"), MaxTranscriptFileBytes)...), "more than the limit of 33,554,432 bytes (MaxTranscriptFileBytes)"},
		{"json text too big", []byte(`{"text":"` + strings.Repeat("w", MaxTranscriptBytes+1) + `"}`), "MaxTranscriptBytes"},
	}
	for _, c := range cases {
		tr, err := ReadTranscript(bytes.NewReader(c.in))
		switch {
		case c.want == "" && (err != nil || tr == nil):
			t.Errorf("%s: %v", c.name, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
	}
}

// TestReadTranscriptReadsNoMoreThanTheLimit feeds an endless reader: the
// read stops at the limit.
func TestReadTranscriptReadsNoMoreThanTheLimit(t *testing.T) {
	r := &countingReader{}
	_, err := ReadTranscript(r)
	if err == nil || r.n > MaxTranscriptBytes+4096+8 {
		t.Fatalf("read %d bytes of an endless text, err %v", r.n, err)
	}
}

type countingReader struct{ n int }

func (c *countingReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'a' + byte(i%5)
		if i%6 == 5 {
			p[i] = ' '
		}
	}
	c.n += len(p)
	return len(p), nil
}

func TestQuestionFileLimits(t *testing.T) {
	var b strings.Builder
	b.WriteString("questions:\n")
	for i := range 5000 {
		fmt.Fprintf(&b, "  - {id: q%d, category: nonsense}\n", i)
	}
	qs, errs := ParseBankFile([]byte(b.String()), "huge.yaml")
	if len(qs) != 0 || len(errs) != MaxWarningsPerFile+1 {
		t.Fatalf("got %d questions and %d problems, want 0 and %d", len(qs), len(errs), MaxWarningsPerFile+1)
	}
	if got := errs[len(errs)-1].Error(); got != "… and 4,990 more in huge.yaml" {
		t.Errorf("last problem %q", got)
	}
	big := append([]byte("questions:\n#"), bytes.Repeat([]byte("x"), MaxQuestionFileBytes)...)
	_, errs = ParseBankFile(big, "big.yaml")
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "big.yaml: question file is too large: 1,048,588 bytes, over the limit of 1,048,576 bytes (MaxQuestionFileBytes)") {
		t.Errorf("big file: %v", errs)
	}
	if err := ValidateBankFile(big, "big.yaml"); err == nil || !strings.Contains(err.Error(), "MaxQuestionFileBytes") {
		t.Errorf("ValidateBankFile on a big file: %v", err)
	}
	good := "questions:\n  - {id: ok-one, category: technical, prompt: p, think_seconds: 1, answer_seconds: 2}\n"
	fsys := fstest.MapFS{"q/big.yaml": {Data: big}, "q/huge.yaml": {Data: []byte(b.String())}, "q/good.yaml": {Data: []byte(good)}}
	bank, errs := LoadBank(BankSource{FS: fsys, Dir: "q", Label: "user"})
	if bank.Len() != 1 {
		t.Errorf("the good file beside the bad ones: %d questions loaded", bank.Len())
	}
	if len(errs) != 1+MaxWarningsPerFile+1 {
		t.Errorf("%d problems, want 1 for big.yaml and %d for huge.yaml: %v", len(errs), MaxWarningsPerFile+1, errs)
	}
	_, rerrs := LoadRules(BankSource{FS: fstest.MapFS{"r/big.yaml": {Data: big}}, Dir: "r", Label: "user"})
	if len(rerrs) != 1 || !strings.Contains(rerrs[0].Error(), "rule file is too large") || !strings.Contains(rerrs[0].Error(), "MaxRuleFileBytes") {
		t.Errorf("big rule file: %v", rerrs)
	}
}

func TestCapWarnings(t *testing.T) {
	var errs []error
	for i := range 25 {
		errs = append(errs, &FileError{File: "a.yaml", Line: i + 1, Kind: "question", Err: errors.New("bad")})
		if i < 2 {
			errs = append(errs, &FileError{File: "b.yaml", Line: i + 1, Kind: "question", Err: errors.New("bad")})
		}
	}
	errs = append(errs, errors.New("no file"))
	got := CapWarnings(errs)
	if len(got) != 1+MaxWarningsPerFile+1+2 {
		t.Fatalf("%d problems: %v", len(got), got)
	}
	if got[MaxWarningsPerFile+1].Error() != "… and 15 more in a.yaml" {
		t.Errorf("summary line %q", got[MaxWarningsPerFile+1])
	}
}

// allocBound is the documented memory bound of a loader: an input of n
// bytes may allocate at most perByte*n + fixed bytes in all.
type allocBound struct {
	perByte uint64
	fixed   uint64
}

// Memory bounds of the loaders, checked by the fuzzers. YAML is parsed
// into a node tree first, which costs a few hundred bytes a node.
var (
	tokenizeBound   = allocBound{perByte: 160, fixed: 64 << 10}
	transcriptBound = allocBound{perByte: 64, fixed: 256 << 10}
	yamlFileBound   = allocBound{perByte: 1024, fixed: 1 << 20}
)

// checkAllocs runs fn and fails when it allocated more than b allows for
// an input of n bytes (TotalAlloc before and after, not a count of
// allocations).
func checkAllocs(t *testing.T, what string, n int, b allocBound, fn func()) {
	t.Helper()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	got := after.TotalAlloc - before.TotalAlloc
	if limit := b.perByte*uint64(n) + b.fixed; got > limit {
		t.Fatalf("%s of %d bytes allocated %d bytes, over the bound %d×n+%d = %d", what, n, got, b.perByte, b.fixed, limit)
	}
}
