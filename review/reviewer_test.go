package review

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestEmptyAnswerNotScored checks that an answer with no words is not
// scored as a perfect one: one empty-answer finding, every talking point
// uncovered, every score null in JSON, and no other rule's findings.
func TestEmptyAnswerNotScored(t *testing.T) {
	rv := New(builtinRules(t))
	q := seedQuestion(t, "budget-prioritization")
	for name, tr := range map[string]*Transcript{
		"nil":           nil,
		"empty":         {},
		"blank":         {Text: " \n\t"},
		"punctuation":   {Text: "... ?!"},
		"filled pauses": {Text: "Um, uh... hmm."},
		"blank words":   {Words: []Word{{Word: " ", Start: 0, End: 0.5}}},
	} {
		t.Run(name, func(t *testing.T) {
			rep := rv.Review(Input{Transcript: tr, Question: q})
			if len(rep.Findings) != 1 || rep.Findings[0].Rule != EmptyAnswerRule || rep.Findings[0].Level != LevelError {
				t.Errorf("findings %+v, want one %s error", rep.Findings, EmptyAnswerRule)
			}
			if len(rep.TalkingPoints) != len(q.TalkingPoints) {
				t.Errorf("%d talking points, want %d", len(rep.TalkingPoints), len(q.TalkingPoints))
			}
			for _, tp := range rep.TalkingPoints {
				if tp.Covered || tp.Partial {
					t.Errorf("talking point %s covered in an empty answer", tp.ID)
				}
			}
			if rep.Scores != (Scores{}) {
				t.Errorf("scores %+v, want none", rep.Scores)
			}
			if s := rep.Summary(); s.Assessed != (Assessed{}) {
				t.Errorf("summary assesses %+v", s.Assessed)
			}
			data, err := json.Marshal(rep)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(data), `"scores":{"delivery":null,"structure":null,"agency":null,"content":null}`) {
				t.Errorf("scores not null in JSON: %s", data)
			}
			if !strings.Contains(string(data), `"reasons":[]`) || strings.Contains(string(data), `"reasons":null`) {
				t.Errorf("score reasons not empty lists: %s", data)
			}
		})
	}
}

// TestOneWordIsAnAnswer checks the empty-answer verdict stops at the
// first real word.
func TestOneWordIsAnAnswer(t *testing.T) {
	rep := New(builtinRules(t)).Review(Input{Transcript: &Transcript{Text: "Um, budget."}})
	if countRule(rep, EmptyAnswerRule) != 0 || !rep.ScoreReasons.Delivery.Assessed {
		t.Errorf("a one-word answer reviewed as empty: %+v", rep.Findings)
	}
}
