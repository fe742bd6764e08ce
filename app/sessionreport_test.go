package app

import (
	"testing"

	"github.com/rehearse-app/rehearse/review"
	"github.com/rehearse-app/rehearse/session"
)

// TestSessionReport: the report of a library session has its heading, its
// takes in order with their notes (and only theirs), the failed
// transcription and each take's review.
func TestSessionReport(t *testing.T) {
	s := &session.Session{ID: "s1", Title: "Mock", Questions: []review.Question{{ID: "q", Prompt: "Why?"}},
		Takes: []session.Take{
			{ID: "t1", QuestionID: "q", Duration: 3, Transcript: &review.Transcript{Text: "Because."}},
			{ID: "t2", QuestionID: "q", TranscriptState: session.TranscriptFailed, TranscriptError: "offline",
				FollowUp: &session.TakeFollowUp{Parent: "t1", Question: "Why that?", Model: "m"}},
		},
		Notes: []session.Note{
			{TakeID: "t2", Author: "A", Tag: session.TagFix, Text: "later", Start: -1, End: -1, Time: 1},
			{TakeID: "t1", Author: "B", Tag: session.TagPraise, Text: "good", Start: 0, End: 7, Time: -1},
		}}
	rep := &review.Report{Question: "q"}
	got := SessionReport(s, map[string]*review.Report{"t1": rep})
	if got.Title != "Mock" || got.ID != "s1" || len(got.Questions) != 1 || len(got.Takes) != 2 {
		t.Fatalf("report session %+v", got)
	}
	t1, t2 := got.Takes[0], got.Takes[1]
	if t1.ID != "t1" || t1.Review != rep || t1.Duration != 3 || t1.Transcript.Text != "Because." || t1.TranscriptFailed {
		t.Errorf("take 1: %+v", t1)
	}
	if len(t1.Notes) != 1 || t1.Notes[0].Author != "B" || t1.Notes[0].End != 7 || t1.Notes[0].Time != -1 {
		t.Errorf("take 1 notes: %+v", t1.Notes)
	}
	if t1.FollowUp != nil || t2.FollowUp == nil || t2.FollowUp.Parent != "t1" || t2.FollowUp.Question != "Why that?" {
		t.Errorf("follow-ups: take 1 %+v, take 2 %+v", t1.FollowUp, t2.FollowUp)
	}
	if t2.Review != nil || !t2.TranscriptFailed || t2.TranscriptError != "offline" || len(t2.Notes) != 1 || t2.Notes[0].Text != "later" {
		t.Errorf("take 2: %+v", t2)
	}
}
