package review

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzTokenize checks token and sentence offsets on any input: in range,
// in order, not overlapping, each token a whole word; and that tokenizing
// n bytes allocates no more than tokenizeBound allows.
func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"", "Um, so I'd do LinkedIn Ads.", "root-cause 2.5 ~10% DKIM/SPF, right?\n\nNext", "I’d like…", "a\u0301b", "\xff\xfe", "..!?", "it's 'quoted' 1,000", strings.Repeat("a. ", 2000)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var toks []Token
		var sents []Sentence
		checkAllocs(t, "Tokenize", len(s), tokenizeBound, func() { toks, sents = Tokenize(s) })
		prev := 0
		for i, tk := range toks {
			if tk.Start < prev || tk.End <= tk.Start || tk.End > len(s) {
				t.Fatalf("token %d [%d,%d) out of order or range (prev end %d, len %d)", i, tk.Start, tk.End, prev, len(s))
			}
			r, _ := utf8.DecodeRuneInString(s[tk.Start:])
			if !isWordRune(r) {
				t.Fatalf("token %d %q does not start with a word character", i, s[tk.Start:tk.End])
			}
			if tk.Sentence < 0 || tk.Sentence >= len(sents) {
				t.Fatalf("token %d in sentence %d of %d", i, tk.Sentence, len(sents))
			}
			prev = tk.End
		}
		last := 0
		for i, se := range sents {
			if se.First != last || se.Last <= se.First || se.Last > len(toks) {
				t.Fatalf("sentence %d tokens [%d,%d) do not follow %d", i, se.First, se.Last, last)
			}
			if se.Start > toks[se.First].Start || se.End < toks[se.Last-1].End || se.End > len(s) {
				t.Fatalf("sentence %d [%d,%d) does not cover its tokens", i, se.Start, se.End)
			}
			last = se.Last
		}
		if last != len(toks) {
			t.Fatalf("sentences cover %d of %d tokens", last, len(toks))
		}
	})
}

// FuzzParseRuleFile checks the rule loader never panics and that whatever
// it accepts compiles and reviews. The seeds are small, one rule of each
// kind: YAML parsing costs about 0.15 µs a byte (0.3 under the fuzzer's
// coverage), and the fuzzer minimizes each new input it keeps for up to
// -fuzzminimizetime (60 s by default), so seeds the size of the built-in
// rule files (4–5 KB; TestBuiltinRulesLoad checks those) made every new
// input cost up to a minute. -fuzzminimizetime 1s keeps a short run busy
// fuzzing.
func FuzzParseRuleFile(f *testing.F) {
	if data, err := os.ReadFile("testdata/rules/bad-rules.yaml"); err == nil {
		f.Add(data)
	}
	for _, rule := range []string{
		"{id: x, extends: existence, level: info, message: m, match: [{tokens: ['a ... b', '#number']}]}",
		"{id: f, extends: existence, level: warning, message: m, score: {area: delivery, points: -2, cap: -20}, match: [{tokens: [like, so], position: filler, not_preceded_by: [looks], within: 2}], unless: [{concepts: ['@decide|leave it to']}]}",
		"{id: o, extends: occurrence, level: warning, message: m, min: 1, opening_words: 40, match: [{concepts: [option, cost], window: 12, real: true}], anchor: [{tokens: ['no'], position: sentence-start}]}",
		"{id: j, extends: ordering, level: warning, message: m, first: [{tokens: [data, 'look at']}], then: [{tokens: ['linkedin ads'], followed_by: [first], opening: 30}]}",
		"{id: c, extends: coverage, level: warning, message: m, needs_question: true}",
		"{id: p, extends: pace, level: info, message: m, min_wpm: 110, max_wpm: 170, source: s}",
		"{id: g, extends: pause, level: info, message: m, min_seconds: 2}",
		"{id: v, extends: voiced-gap, level: warning, message: m, min_gap: 0.3}",
		"{id: h, extends: hesitation, level: warning, message: m}",
		"{id: q, extends: questions, level: info, message: m, themes: [{id: team, label: Team, cues: [team, manager]}]}",
		"{id: s, extends: star, level: info, message: m, elements: [{id: result, label: Result, rule: star-missing-result, message: m, points: -10, match: [{concepts: ['@result'], ordered: true}]}]}",
	} {
		f.Add([]byte("rules:\n  - " + rule + "\n"))
	}
	f.Add([]byte("concepts:\n  - {id: decide, terms: [choose, go with]}\nrules:\n  - {id: x, extends: existence, level: info, message: m, match: [{concepts: ['@decide']}]}\n"))
	f.Add([]byte("rules: &a [*a, *a]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var rs []RuleSpec
		var errs []error
		checkAllocs(t, "ParseRuleFile", len(data), yamlFileBound, func() { rs, errs = ParseRuleFile(data, "fuzz.yaml") })
		for _, err := range errs {
			if !strings.HasPrefix(err.Error(), "fuzz.yaml") {
				t.Fatalf("error does not name the file: %v", err)
			}
		}
		rep := New(NewRuleSet(rs)).Review(Input{Transcript: &Transcript{Text: "Um, so I'd do LinkedIn Ads, like, a b either way or not."}})
		_ = rep
	})
}

// FuzzParseBankFile checks the question loader never panics and accepts
// only valid questions.
func FuzzParseBankFile(f *testing.F) {
	for _, name := range []string{"testdata/bank/bad-category.yaml", "testdata/bank/talking-points.yaml", "../assets/questions/strategic.yaml"} {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("questions:\n  - {id: x, category: nonsense}\n  - {id: y, category: nonsense}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var qs []Question
		checkAllocs(t, "ParseBankFile", len(data), yamlFileBound, func() { qs, _ = ParseBankFile(data, "fuzz.yaml") })
		for _, q := range qs {
			if !validID(q.ID) || q.Prompt == "" || q.ThinkSeconds <= 0 || q.AnswerSeconds <= 0 {
				t.Fatalf("invalid question accepted: %+v", q)
			}
		}
	})
}

// FuzzParseTranscript checks the transcript reader never panics, that
// reading n bytes (ReadTranscript, with its limits) allocates no more than
// transcriptBound allows, and that a transcript it accepts reviews (with
// every built-in rule) without panic and with spans inside the text.
func FuzzParseTranscript(f *testing.F) {
	f.Add([]byte(`{"text":"I'd start with the data. Um.","duration":3,"words":[{"word":"I'd","start":0.1,"end":0.3},{"word":"start","start":0.3,"end":0.6},{"word":"with","start":2.9,"end":3}],"segments":[]}`))
	f.Add([]byte("plain text, like, um, right?"))
	f.Add([]byte(`{"text": 5}`))
	f.Add([]byte("{\n  \"text\": \"a\",\n  \"words\": [ {\"word\": \"a\", \"start\": 1e308, \"end\": 1e309} ]\n}"))
	rs, errs := LoadRules(BankSource{FS: os.DirFS("../assets/rules"), Dir: ".", Label: "builtin"})
	if len(errs) > 0 {
		f.Fatal(errs)
	}
	rv := New(rs)
	q := &Question{ID: "q", Category: CategoryStrategic, Prompt: "p", ThinkSeconds: 1, AnswerSeconds: 60,
		TalkingPoints: []TalkingPoint{{ID: "a", Label: "Attribution", Cues: []string{"attribution data", "data"}}}}
	env := &Envelope{Hop: 0.01, RMS: make([]float32, 400)}
	for i := range env.RMS {
		env.RMS[i] = float32(i%37) / 100
	}
	f.Add([]byte(`{"words":[{},{},{},{},{},{},{},{}]}`))
	f.Add([]byte("\x00\x01binary"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var tr *Transcript
		var err error
		checkAllocs(t, "ReadTranscript", len(data), transcriptBound, func() { tr, err = ReadTranscript(bytes.NewReader(data)) })
		if err != nil {
			if strings.TrimSpace(err.Error()) == "" {
				t.Fatal("empty error")
			}
			return
		}
		rep := rv.Review(Input{Transcript: tr, Question: q, Envelope: env})
		for _, fd := range rep.Findings {
			if fd.Start < 0 || fd.End < fd.Start || fd.End > len(rep.Text) {
				t.Fatalf("finding %s span [%d,%d) outside text of %d bytes", fd.Rule, fd.Start, fd.End, len(rep.Text))
			}
		}
	})
}
