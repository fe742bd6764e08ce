package review

import (
	"strings"
	"testing"
)

func TestLemmaOf(t *testing.T) {
	known := map[string]bool{"choose": true, "go": true, "refuse": true, "stop": true, "prioritize": true,
		"analyze": true, "data": true, "plan": true, "decide": true, "not": true, "i": true, "leave": true,
		"the": true, "off": true, "few": true, "own": true, "rep": true, "us": true, "lie": true}
	for w, want := range map[string]string{
		"chose": "choose", "chosen": "choose", "went": "go", "refused": "refuse", "refusing": "refuse",
		"stopped": "stop", "prioritise": "prioritize", "prioritised": "prioritize", "analysing": "analyze",
		"planning": "plan", "decides": "decide", "didn't": "not", "can't": "not", "i'd": "i", "left": "leave",
		"unrelated": "unrelated",
		// "laid" is "lay", stored as "lie" (its own irregular lemma) in a term
		"laid": "lie",
		// no fold onto a function word, nor by the adjective rules
		"thing": "thing", "offer": "offer", "fewer": "fewer", "owner": "owner", "reply": "reply", "using": "using",
	} {
		if got := lemmaOf(w, func(s string) bool { return known[s] }); got != want {
			t.Errorf("lemmaOf(%q) = %q, want %q", w, got, want)
		}
	}
}

// TestConceptMatches checks lines by meaning: lemmas, negation, the
// hypothetical scope, windows and order.
func TestConceptMatches(t *testing.T) {
	cs := NewConcepts([]ConceptSpec{
		{ID: "choose", Terms: []string{"choose", "pick", "go with", "decide"}},
		{ID: "other", Terms: []string{"he", "she", "they"}},
		{ID: "option", Terms: []string{"option", "or we"}},
		{ID: "cost", Terms: []string{"cost", "week", "risk"}},
	})
	for _, c := range []struct {
		name string
		ms   MatchSpec
		text string
		want bool
	}{
		{"lemma of an irregular verb", MatchSpec{Concepts: []string{"@other", "@choose"}}, "In the end she chose the first.", true},
		{"phrase with an inflected word", MatchSpec{Concepts: []string{"@other", "@choose"}}, "He went with the manual list.", true},
		{"negated", MatchSpec{Concepts: []string{"@option"}}, "I didn't give him any options at all.", false},
		{"negation in another clause", MatchSpec{Concepts: []string{"@option"}}, "I didn't refuse, I gave him options.", true},
		{"a subject pronoun starts a clause of its own", MatchSpec{Concepts: []string{"@other", "@choose"}},
			"the data gets worse not better she picked the forty fields", true},
		{"a negation before the pronoun that does it", MatchSpec{Concepts: []string{"@other", "@choose"}}, "she did not pick any of them", false},
		{"a line that names a negation", MatchSpec{Concepts: []string{"not|never", "@choose"}}, "I did not decide for her.", true},
		{"hypothetical, real required", MatchSpec{Concepts: []string{"@option"}, Real: true}, "If he had asked, I would have offered options.", false},
		{"hypothetical allowed", MatchSpec{Concepts: []string{"@option"}}, "If he had asked, I would have offered options.", true},
		{"'could have it ready' is not hypothetical", MatchSpec{Concepts: []string{"@option", "@cost"}, Real: true}, "One option I could have ready in a week.", true},
		{"outside the window", MatchSpec{Concepts: []string{"@option", "@cost"}, Window: 3}, "The option was there, and after a long and winding story the cost came up.", false},
		{"within the window", MatchSpec{Concepts: []string{"@option", "@cost"}, Window: 6}, "The second option would cost a week.", true},
		{"ordered, in order", MatchSpec{Concepts: []string{"i", "@choose"}, Window: 3, Ordered: true}, "Then I picked the list.", true},
		{"ordered, wrong order", MatchSpec{Concepts: []string{"i", "@choose"}, Window: 3, Ordered: true}, "They picked it. I agreed.", false},
		{"two elements on one word", MatchSpec{Concepts: []string{"@option", "or we|cost"}}, "Or we wait.", false},
		{"two elements on their own words", MatchSpec{Concepts: []string{"@option", "@cost"}}, "Or we wait a week.", true},
		{"hindsight: if I did it again", MatchSpec{Concepts: []string{"@option"}, Real: true}, "If I did it again, I'd go in with options.", false},
		{"an 'if' that offers", MatchSpec{Concepts: []string{"@option"}, Real: true}, "If you want it Friday, that is one option.", true},
		{"hindsight frames its whole sentence", MatchSpec{Concepts: []string{"@option"}, Real: true},
			"If I did it again I'd go to her first, walk her through the numbers and the reconciliation, and then lay out the options.", false},
		{"hindsight goes on in the sentences that keep its mood", MatchSpec{Concepts: []string{"@option"}, Real: true},
			"If I did it again I wouldn't just flag the risk. I'd give her two options.", false},
		{"hindsight in the present, then a modal", MatchSpec{Concepts: []string{"@option"}, Real: true},
			"If I do it again, maybe I would prepare two options and let him choose.", false},
		{"hindsight: if I had it to do again", MatchSpec{Concepts: []string{"@option"}, Real: true},
			"If I had it to do again, I'd put two or three routes in front of him, say a fast lane or a pilot, and let him pick an option.", false},
		{"hindsight in the present, then 'will'", MatchSpec{Concepts: []string{"@option"}, Real: true},
			"If I do again, I will bring her some option with the cost.", false},
		{"hindsight goes on in the sentences that go on from it", MatchSpec{Concepts: []string{"@option"}, Real: true},
			"Looking back, I should have given him a choice. Like a list on Friday, or we wait six weeks. And let him pick.", false},
		{"hindsight ends where the story goes on", MatchSpec{Concepts: []string{"@option"}, Real: true},
			"Looking back, I should have asked first. She gave me a week. Or we wait, she said.", true},
		{"hindsight: next time", MatchSpec{Concepts: []string{"@option"}, Real: true},
			"Next time I'd go in with options. And let him pick.", false},
		{"'the next time' is a time, not hindsight", MatchSpec{Concepts: []string{"@option"}, Real: true},
			"If they dig in, the next time we ask for budget they'll discount it. And then I gave her two options.", true},
		{"hindsight: if the same thing comes to me", MatchSpec{Concepts: []string{"@option"}, Real: true},
			"Now if same thing is coming to me, I will give him two options and let him choose.", false},
		{"hindsight: when I look back", MatchSpec{Concepts: []string{"@option"}, Real: true},
			"Now when I look back, I should give him some option.", false},
		{"looking back at the data is no hindsight", MatchSpec{Concepts: []string{"@option"}, Real: true},
			"I would look back at the data, then give her two options.", true},
		{"...and ends with the first that does not", MatchSpec{Concepts: []string{"@option"}, Real: true},
			"If I did it again I wouldn't just flag the risk. I'd go to her first. Today I give people options.", true},
		{"subject other, words between", MatchSpec{Concepts: []string{"@choose"}, Subject: SubjectOther}, "She thought about it overnight and went with the second.", true},
		{"subject other, the speaker chose", MatchSpec{Concepts: []string{"@choose"}, Subject: SubjectOther}, "My team and I weighed it and went with the dedupe.", false},
		{"subject other, let her choose", MatchSpec{Concepts: []string{"@choose"}, Subject: SubjectOther}, "I laid it out and let her choose.", true},
		{"subject other, asked them to pick", MatchSpec{Concepts: []string{"@choose"}, Subject: SubjectOther}, "I asked them to pick one.", true},
		{"subject other, a role", MatchSpec{Concepts: []string{"@choose"}, Subject: SubjectOther}, "In the end the CMO picked the footnote.", true},
		{"subject other, a clause of its own", MatchSpec{Concepts: []string{"@choose"}, Subject: SubjectOther}, "They asked which one I would pick.", false},
		{"subject speaker", MatchSpec{Concepts: []string{"@choose"}, Subject: SubjectSpeaker}, "So we talked it through as a team and decided.", true},
		{"subject speaker, a noun phrase does it", MatchSpec{Concepts: []string{"@choose"}, Subject: SubjectSpeaker}, "If we do the newsletter first, the event invitations go with two days' notice.", false},
		{"subject other, a contraction without its apostrophe", MatchSpec{Concepts: []string{"@choose"}, Subject: SubjectOther},
			"and everyone else later in the week and shes going to pick it herself", true},
		{"subject other, names", MatchSpec{Concepts: []string{"@choose"}, Subject: SubjectOther},
			"Then Dan and Tom talked it over and went with the first one.", true},
		{"subject other, a day is no one", MatchSpec{Concepts: []string{"@choose"}, Subject: SubjectOther},
			"We moved it to Friday and went with waves.", false},
		{"subject other, left out of its sentence", MatchSpec{Concepts: []string{"@choose"}, Subject: SubjectOther},
			"He slept on it. Went with the tool.", true},
		{"subject speaker, left out of its sentence", MatchSpec{Concepts: []string{"@choose"}, Subject: SubjectOther},
			"I slept on it. Went with the tool.", false},
		{"subject other, the object of the verb before", MatchSpec{Concepts: []string{"@choose"}, Subject: SubjectOther},
			"She laughed at the third one, picked the first straight away.", true},
		{"subject not the speaker, a name that opens its sentence", MatchSpec{Concepts: []string{"@choose"}, Subject: SubjectNotSpeaker},
			"Sanne picked within the hour.", true},
		{"subject not the speaker, the speaker", MatchSpec{Concepts: []string{"@choose"}, Subject: SubjectNotSpeaker},
			"I picked within the hour.", false},
		{"subject other, plural roles", MatchSpec{Concepts: []string{"@choose"}, Subject: SubjectOther}, "The CMO and the two directors picked the shorter history.", true},
		{"subject speaker, she chose", MatchSpec{Concepts: []string{"@choose"}, Subject: SubjectSpeaker}, "I told her the costs and she decided.", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			rule := RuleSpec{ID: "x", Kind: KindExistence, Level: LevelInfo, Message: "m", Match: []MatchSpec{c.ms}}
			if _, err := cs.checkRule(&rule); err != nil {
				t.Fatal(err)
			}
			rep := New(NewRuleSetWithConcepts([]RuleSpec{rule}, cs)).Review(Input{Transcript: &Transcript{Text: c.text}})
			if got := len(rep.Findings) > 0; got != c.want {
				t.Errorf("%q: match %v, want %v (%+v)", c.text, got, c.want, rep.Findings)
			}
		})
	}
}

// TestConceptErrors checks that an unknown concept is refused with the
// rule and field that name it.
func TestConceptErrors(t *testing.T) {
	cs := NewConcepts([]ConceptSpec{{ID: "a", Terms: []string{"a"}}})
	rule := RuleSpec{ID: "x", Kind: KindExistence, Level: LevelInfo, Message: "m",
		Match: []MatchSpec{{Tokens: []string{"b"}}, {Concepts: []string{"@a", "@nope"}}}}
	field, err := cs.checkRule(&rule)
	if err == nil || field != "match[1].concepts" {
		t.Fatalf("field %q, err %v; want match[1].concepts and an error", field, err)
	}
	rule = RuleSpec{ID: "x", Kind: KindExistence, Level: LevelInfo, Message: "m",
		Match: []MatchSpec{{Concepts: []string{"@a"}, Subject: "boss"}}}
	if err := validateMatch(rule.Match[0]); err == nil || err.field != "subject" || !strings.Contains(err.err.Error(), "boss") {
		t.Errorf("subject boss: %v; want an error in subject naming it", err)
	}
	if err := validateMatch(MatchSpec{Tokens: []string{"a"}, Subject: SubjectOther}); err == nil || err.field != "subject" {
		t.Errorf("subject on tokens: %v; want an error in subject", err)
	}
	if _, errs := ParseConceptFile([]byte("concepts:\n  - id: Bad Id\n    terms: [x]\n  - id: ok\n    terms: []\n"), "c.yaml"); len(errs) != 2 {
		t.Errorf("want 2 errors, got %v", errs)
	}
}

// TestNeeds: a rule with "needs" counts its matches only when one of them
// matches somewhere in the answer too.
func TestNeeds(t *testing.T) {
	checkOptionRule(t, RuleSpec{Needs: []MatchSpec{{Concepts: []string{"her call"}}, {Tokens: []string{"which one"}}}},
		[]textMatch{
			{"Two options: a list today or we wait. It's her call.", true},
			{"Two options: a list today or we wait. Which one do you want?", true},
			{"Two options: a list today or we wait. I built the list that night.", false},
		})
}

// TestVetoRevoked: an "unless" match vetoes the rule's matches unless a
// "revoked_by" match comes after it; the last word wins.
func TestVetoRevoked(t *testing.T) {
	checkOptionRule(t, RuleSpec{Unless: []MatchSpec{{Concepts: []string{"i pick"}}}, RevokedBy: []MatchSpec{{Concepts: []string{"her call"}}}},
		[]textMatch{
			{"Two options: a list today or we wait. It's her call.", true},
			{"Two options: a list today or we wait. I pick the list.", false},
			{"Two options: a list today or we wait. I'd tell her what I pick, and then it's her call.", true},
			{"It's her call, I said. Two options: a list today or we wait. In the end I pick the list.", false},
		})
}

// TestVetoFinal: a final "unless" match stands whatever "revoked_by" match
// comes after it.
func TestVetoFinal(t *testing.T) {
	rule := RuleSpec{Unless: []MatchSpec{{Concepts: []string{"i pick"}}, {Concepts: []string{"not", "give", "option"}, Window: 5, Ordered: true, Final: true}},
		RevokedBy: []MatchSpec{{Concepts: []string{"her call"}}}}
	checkOptionRule(t, rule, []textMatch{
		{"Two options: a list today or we wait. I'd tell her what I pick, and then it's her call.", true},
		{"I did not give her options, or we would argue all week. I said it's her call.", false},
		{"Two options: a list today or we wait. It's her call.", true},
	})
}

// textMatch is a text and whether the rule under test finds anything in it.
type textMatch struct {
	text string
	want bool
}

// checkOptionRule completes rule as an existence rule matching "@option"
// (options, "or we") and checks whether it finds anything in each text.
func checkOptionRule(t *testing.T, rule RuleSpec, cases []textMatch) {
	t.Helper()
	cs := NewConcepts([]ConceptSpec{{ID: "option", Terms: []string{"option", "or we"}}})
	rule.ID, rule.Kind, rule.Level, rule.Message = "x", KindExistence, LevelPositive, "m"
	rule.Match = []MatchSpec{{Concepts: []string{"@option"}}}
	checkRuleFinds(t, cs, rule, cases)
}

// checkRuleFinds checks, for each text, whether rule (with the concepts cs)
// finds anything in it.
func checkRuleFinds(t *testing.T, cs *Concepts, rule RuleSpec, cases []textMatch) {
	t.Helper()
	if _, err := cs.checkRule(&rule); err != nil {
		t.Fatal(err)
	}
	rv := New(NewRuleSetWithConcepts([]RuleSpec{rule}, cs))
	for _, c := range cases {
		rep := rv.Review(Input{Transcript: &Transcript{Text: c.text}})
		if got := len(rep.Findings) > 0; got != c.want {
			t.Errorf("%q: match %v, want %v", c.text, got, c.want)
		}
	}
}
