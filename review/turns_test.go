package review

import (
	"strings"
	"testing"
)

func TestCandidateTurns(t *testing.T) {
	for _, c := range []struct {
		name, text string
		want       string // the words kept, joined by spaces
		turns      int
	}{
		{"both sides inline", "CANDIDATE: Um, first I'd ask why. INTERVIEWER: Mm-hm. CANDIDATE: Then I'd pull the numbers.",
			"Um, first I'd ask why. Then I'd pull the numbers.", 1},
		{"one turn a line", "Interviewer: How would you start?\nMe: With the data.\nInterviewer: And then?\nMe: I'd ask Sales.",
			"With the data. I'd ask Sales.", 2},
		{"Q and A", "Q: Which channel?\nA: I would check attribution first.", "I would check attribution first.", 1},
		{"the interviewer last", "Candidate: It depends on the goal. Recruiter: Thanks, that's all.", "It depends on the goal.", 1},
		{"no labels", "I would start with the data. Then I'd ask Sales.", "I would start with the data. Then I'd ask Sales.", 0},
		{"one side only: a candidate's own 'Question:'", "The CMO asked for more leads. Question: why now? I asked her that first.",
			"The CMO asked for more leads. Question: why now? I asked her that first.", 0},
		{"not at a sentence start", "We ran plan A: a pilot. The interviewer: no label here. Candidate: a word.",
			"We ran plan A: a pilot. The interviewer: no label here. Candidate: a word.", 0},
		{"a time is no label", "Interviewer: When?\nCandidate: At 10:30, Q4: the week of the launch.",
			"At 10:30, Q4: the week of the launch.", 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, turns := candidateTurns(c.text)
			if len(got) != len(c.text) {
				t.Fatalf("length %d, want %d: offsets must still point into the text", len(got), len(c.text))
			}
			if kept := strings.Join(strings.Fields(got), " "); kept != c.want || turns != c.turns {
				t.Errorf("kept %q (%d turns left out), want %q (%d)", kept, turns, c.want, c.turns)
			}
		})
	}
}

// TestReviewLeavesOutTheInterviewer: in a transcript of both sides, the
// interviewer's "mm-hm" and "like" are no fillers of the candidate's, the
// words counted are the candidate's, and findings point into the text as
// given.
func TestReviewLeavesOutTheInterviewer(t *testing.T) {
	rv := New(builtinRules(t))
	text := "INTERVIEWER: Um, so, like, what would you do? CANDIDATE: Um, I would start with the attribution data. " +
		"INTERVIEWER: Mm-hm, right. CANDIDATE: Then I'd ask Sales which leads they trust."
	rep := rv.Review(Input{Transcript: &Transcript{Text: text}})
	if rep.Metrics.InterviewerTurns != 2 || rep.Metrics.Words != 16 {
		t.Errorf("interviewer turns %d, words %d; want 2 and the candidate's 16", rep.Metrics.InterviewerTurns, rep.Metrics.Words)
	}
	fillers := 0
	for _, f := range rep.Findings {
		if f.Rule == "filler" {
			fillers++
			if f.Start < strings.Index(text, "CANDIDATE") || text[f.Start:f.End] != f.Text {
				t.Errorf("filler %q at %d..%d: want the candidate's, quoting the text as given", f.Text, f.Start, f.End)
			}
		}
	}
	if fillers != 1 {
		t.Errorf("%d fillers, want the candidate's one um: %+v", fillers, rep.Findings)
	}
	if rep.Text != text {
		t.Errorf("report text %q, want the transcript as given", rep.Text)
	}
}
