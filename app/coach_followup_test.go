package app

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/rehearse-app/rehearse/review"
	"github.com/rehearse-app/rehearse/session"
)

func TestCoachFollowUpWaitsForTheTranscriptAndLinks(t *testing.T) {
	f := newCoachFixture(t)
	// A second take, still being transcribed.
	tk := session.Take{ID: "t2", QuestionID: "budget-prioritization", Audio: "t2.wav", TranscriptState: session.TranscriptRunning}
	if err := f.store.AddTake(f.sess.ID, tk); err != nil {
		t.Fatal(err)
	}
	go func() {
		time.Sleep(300 * time.Millisecond)
		f.store.SaveTranscript(f.sess.ID, "t2", &review.Transcript{Text: coachAnswer})
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	fu, err := f.coach.FollowUp(ctx, f.sess.ID, "t2")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(fu.Question, "?") {
		t.Errorf("follow-up = %q", fu.Question)
	}
	if err := f.coach.LinkFollowUp(f.sess.ID, "t1", "t2", fu); err != nil {
		t.Fatal(err)
	}
	s, _ := f.store.Get(f.sess.ID)
	if l := s.Take("t1").FollowUp; l == nil || l.Parent != "t2" || l.Question != fu.Question || l.Model != "llama3.2" {
		t.Errorf("link = %+v", l)
	}
	f.noKeyWritten(t)
}

func TestCoachFollowUpFailsWithoutATranscriptComing(t *testing.T) {
	f := newCoachFixture(t)
	if err := f.store.AddTake(f.sess.ID, session.Take{ID: "t2", QuestionID: "budget-prioritization", Audio: "t2.wav",
		TranscriptState: session.TranscriptFailed, TranscriptError: "the API key was refused"}); err != nil {
		t.Fatal(err)
	}
	if err := f.store.AddTake(f.sess.ID, session.Take{ID: "t3", QuestionID: "budget-prioritization", Audio: "t3.wav"}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.coach.FollowUp(context.Background(), f.sess.ID, "t2"); err == nil || !strings.Contains(err.Error(), "transcription failed") {
		t.Errorf("failed transcription: %v", err)
	}
	clock := time.Now()
	f.coach.now = func() time.Time { clock = clock.Add(2 * time.Second); return clock }
	if _, err := f.coach.FollowUp(context.Background(), f.sess.ID, "t3"); !errors.Is(err, ErrNoTranscriptComing) {
		t.Errorf("not queued: %v, want ErrNoTranscriptComing", err)
	}
	if len(f.srv.Requests()) != 0 {
		t.Error("a request was sent without a transcript")
	}
}
