package review

import (
	"strings"
	"testing"
)

// pointCovered reviews text against question id of the built-in bank and
// reports whether its talking point pid is covered.
func pointCovered(t *testing.T, qid, pid, text string) bool {
	t.Helper()
	q, ok := builtinBank(t).ByID(qid)
	if !ok {
		t.Fatalf("no built-in question %q", qid)
	}
	rep := New(builtinRules(t)).Review(Input{Transcript: &Transcript{Text: text}, Question: &q})
	for _, tp := range rep.TalkingPoints {
		if tp.ID == pid {
			return tp.Covered
		}
	}
	t.Fatalf("question %q has no talking point %q", qid, pid)
	return false
}

// TestPointDefersToVerdict checks the two ways a talking point defers to
// the tradeoff rule. vetoed_by: the point is not covered when the speaker
// picked for the stakeholder, and is when the stakeholder picked. requires:
// the point is covered only where the review finds the offer, so its own
// concept lines ("sourced" and "influenced" named together) are not enough
// when nothing is offered.
func TestPointDefersToVerdict(t *testing.T) {
	const options = "The head of sales wanted every form fill sent to reps. " +
		"We could pilot it with one team, which is slower to learn from, or lower the threshold, which means more junk for the reps. "
	cases := []struct {
		name, qid, pid, text string
		want                 bool
	}{
		{"stakeholder picks", "saying-no-to-sales", "offer-options", options + "He went with the pilot.", true},
		{"speaker picks", "saying-no-to-sales", "offer-options", options + "I decided we'd go with the pilot and told him on Monday.", false},
		{"speaker recommends, stakeholder picks", "saying-no-to-sales", "offer-options", options + "I told him which one I'd pick, and then he chose the pilot.", true},
		{"named, not offered", "pushback-on-reporting", "alternatives",
			"I checked the numbers first. Then I explained to her the difference between sourced and influenced pipeline, and she kept her number.", false},
		{"offered with costs", "pushback-on-reporting", "alternatives",
			"I checked the numbers first. I told her we could show sourced only, which is smaller but safe, or sourced and influenced side by side, which takes longer to explain. She went with side by side.", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := pointCovered(t, c.qid, c.pid, c.text); got != c.want {
				t.Errorf("%s covered = %v, want %v in %q", c.pid, got, c.want, c.text)
			}
		})
	}
}

// TestPointImpliedByVerdict checks that a point implied_by the tradeoff
// rule is covered by an offer in words its own lines do not know, and not
// by a refusal.
func TestPointImpliedByVerdict(t *testing.T) {
	const ask = "The head of events wanted every badge scan in Salesforce overnight. "
	cases := []struct {
		name, text string
		want       bool
	}{
		{"an offer", ask + "A manual upload could be there Thursday, or the integration next Wednesday. She took Wednesday.", true},
		{"a refusal", ask + "I told her it wasn't possible and explained why.", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := pointCovered(t, "impossible-request", "no-flat-no", c.text); got != c.want {
				t.Errorf("no-flat-no covered = %v, want %v in %q", got, c.want, c.text)
			}
		})
	}
}

// TestPointVetoedByUnknownRule checks that a vetoed_by naming no rule is
// reported with the question and the field.
func TestPointVetoedByUnknownRule(t *testing.T) {
	q := Question{ID: "q1", Category: "behavioral", Prompt: "p", Source: "mine.yaml",
		TalkingPoints: []TalkingPoint{{ID: "a", Label: "A", Cues: []string{"x"}}, {ID: "b", Label: "B", Cues: []string{"y"}, VetoedBy: "no-such-rule"}}}
	errs := builtinRules(t).CheckQuestion(&q)
	if len(errs) != 1 {
		t.Fatalf("got %d errors %v, want 1", len(errs), errs)
	}
	for _, want := range []string{"mine.yaml", "q1", "talking_points[1].vetoed_by", "no-such-rule"} {
		if !strings.Contains(errs[0].Error(), want) {
			t.Errorf("error %q does not name %q", errs[0], want)
		}
	}
}

// TestPointRequiresUnknownRule checks that a requires naming no rule is
// reported with the question and the field.
func TestPointRequiresUnknownRule(t *testing.T) {
	q := Question{ID: "q1", Category: "behavioral", Prompt: "p", Source: "mine.yaml",
		TalkingPoints: []TalkingPoint{{ID: "a", Label: "A", Cues: []string{"x"}, Requires: "no-such-rule"}}}
	errs := builtinRules(t).CheckQuestion(&q)
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "talking_points[0].requires") || !strings.Contains(errs[0].Error(), "no-such-rule") {
		t.Fatalf("errors %v; want one naming talking_points[0].requires and no-such-rule", errs)
	}
}

// TestCueInHindsight checks that a cue only imagined in hindsight, or
// negated right before it, does not cover its point, and that a negation
// further back ("it wasn't possible in 24 hours") does not cancel it.
func TestCueInHindsight(t *testing.T) {
	cases := []struct {
		name, qid, pid, text string
		want                 bool
	}{
		{"said", "conflicting-priorities", "escalate-together",
			"I put it to both of them in the same room and they agreed on the order.", true},
		{"hindsight", "conflicting-priorities", "escalate-together",
			"I picked one myself. In hindsight I should have got them in the same room.", false},
		{"negated fact", "impossible-request", "situation",
			"It wasn't possible in 24 hours.", true},
		{"negated right before", "pushback-on-reporting", "verify-first",
			"I didn't double-check anything, I just told her the slide was wrong.", false},
		{"said, a cue", "pushback-on-reporting", "verify-first",
			"First I'd double-check my numbers against the CRM.", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := pointCovered(t, c.qid, c.pid, c.text); got != c.want {
				t.Errorf("%s covered = %v, want %v in %q", c.pid, got, c.want, c.text)
			}
		})
	}
}

// TestPointDefersWithParts checks that a point with parts that requires
// the tradeoff rule is neither covered nor partly covered by its parts
// when the review finds no offer.
func TestPointDefersWithParts(t *testing.T) {
	q, ok := builtinBank(t).ByID("saying-no-to-sales")
	if !ok {
		t.Fatal("no built-in question saying-no-to-sales")
	}
	q.TalkingPoints = []TalkingPoint{{ID: "offer", Label: "Offer a pilot or a fast lane", Requires: "tradeoff",
		Parts: []TalkingPointPart{{ID: "pilot", Label: "a pilot", Cues: []string{"pilot"}}, {ID: "lane", Label: "a fast lane", Cues: []string{"fast lane"}}}}}
	for _, c := range []struct {
		text string
		want bool
	}{
		{"I told the head of sales we would run a pilot and build a fast lane, and that was that.", false},
		{"We could run a pilot, which is slower to learn from, or build a fast lane, which means more junk for the reps. He went with the fast lane.", true},
	} {
		rep := New(builtinRules(t)).Review(Input{Transcript: &Transcript{Text: c.text}, Question: &q})
		if tp := rep.TalkingPoints[0]; tp.Covered != c.want || tp.Partial {
			t.Errorf("covered %v partial %v, want covered %v and not partial, in %q", tp.Covered, tp.Partial, c.want, c.text)
		}
	}
}
