package review

import (
	"strings"
	"testing"
)

// FuzzParseConceptFile checks that any concept file either loads or is
// refused with errors, and that the concepts it defines compile and match
// any text without panicking, with spans inside the text.
func FuzzParseConceptFile(f *testing.F) {
	f.Add("concepts:\n  - id: decide\n    terms: [choose, \"go with\", \"@pick\"]\n  - id: pick\n    terms: [pick]\n", "He went with the manual list.")
	f.Add("concepts: [{id: x, terms: ['@x']}]", "x x x")
	f.Add("concepts:\n  - id: a\n    terms: []\n", "")
	f.Add("concepts: 3", "not a list")
	f.Fuzz(func(t *testing.T, file, text string) {
		specs, errs := ParseConceptFile([]byte(file), "fuzz.yaml")
		for _, err := range errs {
			if err.Error() == "" {
				t.Fatal("empty error")
			}
		}
		cs := NewConcepts(specs)
		var elems []string
		for _, id := range cs.IDs() {
			elems = append(elems, "@"+id)
		}
		if len(elems) == 0 {
			return
		}
		rule := RuleSpec{ID: "x", Kind: KindExistence, Level: LevelInfo, Message: "m",
			Match: []MatchSpec{{Concepts: elems[:1]}, {Concepts: elems, Window: 5, Ordered: true}, {Concepts: elems, Real: true}}}
		if _, err := cs.checkRule(&rule); err != nil {
			return
		}
		rep := New(NewRuleSetWithConcepts([]RuleSpec{rule}, cs)).Review(Input{Transcript: &Transcript{Text: text}})
		for _, fd := range rep.Findings {
			if fd.Start < 0 || fd.End > len(text) || fd.Start > fd.End {
				t.Fatalf("finding span [%d,%d) outside the text of %d bytes", fd.Start, fd.End, len(text))
			}
		}
	})
}

// FuzzRubricQuestion checks that a question file with any rubric, concept
// lines and parts reviews any answer without panicking: scores stay in
// 0..100 and spans inside the text.
func FuzzRubricQuestion(f *testing.F) {
	q := `questions:
  - id: q
    category: behavioral
    prompt: "Tell me about a time."
    think_seconds: 5
    answer_seconds: 60
    tags: [story, agency]
    assess: [star, agency, talking-points]
    talking_points:
      - id: options
        label: Options with costs
        concepts: [["@alternative", "@cost"]]
      - id: parts
        label: Two parts
        parts:
          - {id: a, label: A, concepts: [["@choose"]]}
          - {id: b, label: B, cues: [cost]}
`
	f.Add(q, "Last year our VP asked for it. I offered two options: a list by Thursday, or routing in a fortnight. He went with the list, and it worked.")
	f.Add(strings.Replace(q, "[star, agency, talking-points]", "[nonsense]", 1), "")
	f.Add(strings.Replace(q, `"@alternative", "@cost"`, `"@missing"`, 1), "if I had asked I would have offered options")
	rules := builtinRules(f)
	f.Fuzz(func(t *testing.T, file, text string) {
		qs, _ := ParseBankFile([]byte(file), "fuzz.yaml")
		rv := New(rules)
		for i := range qs {
			rules.CheckQuestion(&qs[i])
			rep := rv.Review(Input{Transcript: &Transcript{Text: text}, Question: &qs[i]})
			for _, s := range []int{rep.Scores.Delivery, rep.Scores.Structure, rep.Scores.Agency, rep.Scores.Content} {
				if s < 0 || s > 100 {
					t.Fatalf("score %d out of 0..100", s)
				}
			}
			for _, tp := range rep.TalkingPoints {
				if tp.Start < 0 || tp.End > len(text) || tp.Start > tp.End {
					t.Fatalf("talking point span [%d,%d) outside %d bytes", tp.Start, tp.End, len(text))
				}
			}
			for _, h := range rep.Star {
				if h.Start < 0 || h.End > len(text) || h.Start > h.End {
					t.Fatalf("STAR span [%d,%d) outside %d bytes", h.Start, h.End, len(text))
				}
			}
		}
	})
}
