package session

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rehearse-app/rehearse/review"
)

func TestRunTitle(t *testing.T) {
	qs := testQuestions()
	long := review.Question{Prompt: strings.Repeat("word ", 40)}
	for _, tc := range []struct {
		qs   []review.Question
		cat  string
		want string
	}{
		{qs[:1], "", qs[0].Prompt},
		{qs[:1], "Strategic", qs[0].Prompt},
		{[]review.Question{long}, "", PromptTitle(long.Prompt)},
		{qs, "", "Drill: 2 questions"},
		{qs, "Technical", "Drill: 2 Technical questions"},
	} {
		if got := RunTitle(tc.qs, tc.cat); got != tc.want {
			t.Errorf("RunTitle(%d questions, %q) = %q, want %q", len(tc.qs), tc.cat, got, tc.want)
		}
	}
}

// TestInterviewTitle: a mock interview's session is named like a drill's,
// as a mock interview.
func TestInterviewTitle(t *testing.T) {
	qs := testQuestions()
	for _, tc := range []struct {
		qs   []review.Question
		cat  string
		want string
	}{
		{qs[:1], "Strategic", "Mock interview: " + qs[0].Prompt},
		{qs, "", "Mock interview: 2 questions"},
		{qs, "Technical", "Mock interview: 2 Technical questions"},
	} {
		if got := InterviewTitle(tc.qs, tc.cat); got != tc.want {
			t.Errorf("InterviewTitle(%d questions, %q) = %q, want %q", len(tc.qs), tc.cat, got, tc.want)
		}
	}
}

func TestBeginTakeCreatesTheSessionWithTheFirstTake(t *testing.T) {
	st := newTestStore(t)
	qs := testQuestions()
	p, err := st.BeginTake("", "Drill: 2 questions", qs, qs[1].ID)
	if err != nil {
		t.Fatal(err)
	}
	if p.SessionID == "" || p.TakeID == "" || p.QuestionID != qs[1].ID || filepath.Dir(p.Path) != st.Dir(p.SessionID) {
		t.Fatalf("pending take %+v", p)
	}
	if err := os.WriteFile(p.Path, wavBytes(1600), 0o644); err != nil {
		t.Fatal(err)
	}
	take, err := st.FinishTake(p, 1500*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	// A second take goes into the same session.
	p2, err := st.BeginTake(p.SessionID, "ignored", nil, qs[0].ID)
	if err != nil || p2.SessionID != p.SessionID {
		t.Fatalf("second take %+v, %v", p2, err)
	}
	sess, err := st.Get(p.SessionID)
	if err != nil {
		t.Fatal(err)
	}
	if sess.Title != "Drill: 2 questions" || len(sess.Questions) != 2 || len(sess.Takes) != 1 {
		t.Fatalf("session %q, %d questions, %d takes", sess.Title, len(sess.Questions), len(sess.Takes))
	}
	got := sess.Takes[0]
	if got.ID != take.ID || got.QuestionID != qs[1].ID || got.Audio != filepath.Base(p.Path) || got.Duration != 1.5 || got.Created.IsZero() {
		t.Fatalf("take %+v", got)
	}
}

func TestBeginTakeInAMissingSessionCreatesNothing(t *testing.T) {
	st := newTestStore(t)
	if _, err := st.BeginTake("20260101-000000-abcd", "", nil, "q"); err == nil {
		t.Fatal("a take in a session that does not exist was prepared")
	}
	if entries, err := st.List(context.Background()); err != nil || len(entries) != 0 {
		t.Fatalf("library %v, %v; want empty", entries, err)
	}
}
