package ui

import (
	"reflect"
	"testing"
	"time"

	"github.com/rehearse-app/rehearse/review"
)

func runQuestions(n int) []review.Question {
	qs := make([]review.Question, n)
	for i := range qs {
		qs[i] = review.Question{ID: string(rune('a' + i)), Prompt: "Question " + string(rune('A'+i))}
	}
	return qs
}

// TestPracticeRunFlow walks a two-question run through every move, and
// tries each move where it makes no sense.
func TestPracticeRunFlow(t *testing.T) {
	var r practiceRun
	type step struct {
		name  string
		move  func() practiceState
		phase phase
		index int
	}
	for _, s := range []step{
		{"skip before a run", r.Skip, phaseIdle, 0},
		{"next before a run", r.Next, phaseIdle, 0},
		{"start", func() practiceState { return r.Start(runQuestions(2), "Drill") }, phaseSpeaking, 0},
		{"retake while speaking", r.Retake, phaseSpeaking, 0},
		{"stop while speaking", r.Stop, phaseSpeaking, 0},
		{"asked", r.Asked, phaseThinking, 0},
		{"time up", r.TimeUp, phaseRecording, 0},
		{"next while recording", r.Next, phaseRecording, 0},
		{"stop", r.Stop, phaseDone, 0},
		{"retake", r.Retake, phaseThinking, 0},
		{"skip the think time", r.Skip, phaseRecording, 0},
		{"recording fails", r.Failed, phaseDone, 0},
		{"next", r.Next, phaseSpeaking, 1},
		{"skip reading aloud", r.Skip, phaseThinking, 1},
		{"skip the think time", r.Skip, phaseRecording, 1},
		{"stop", r.Stop, phaseDone, 1},
		{"next after the last", r.Next, phaseFinished, 1},
		{"next when finished", r.Next, phaseFinished, 1},
		{"retake when finished", r.Retake, phaseFinished, 1},
	} {
		st := s.move()
		if st.Phase != s.phase || st.Index != s.index {
			t.Fatalf("%s: phase %v question %d, want %v question %d", s.name, st.Phase, st.Index, s.phase, s.index)
		}
		if !reflect.DeepEqual(st, r.State()) {
			t.Fatalf("%s: returned state differs from State()", s.name)
		}
	}
}

func TestPracticeRunCountsTakesPerQuestion(t *testing.T) {
	var r practiceRun
	r.Start(runQuestions(2), "Drill: 2 questions")
	r.Asked()
	r.TimeUp()
	st := r.Recording("sess-1", "take-1")
	if st.SessionID != "sess-1" || st.LastTake != "take-1" || st.Title != "Drill: 2 questions" {
		t.Fatalf("state %+v", st)
	}
	r.Stop()
	r.Saved(64 * time.Second)
	r.Retake()
	r.TimeUp()
	r.Recording("sess-1", "take-2")
	r.Stop()
	r.Saved(30 * time.Second)
	r.Next()
	r.Skip()
	r.Skip()
	r.Stop()
	st = r.Saved(5 * time.Second)
	want := []string{"Question 1 · take 1 · 1:04", "Question 1 · take 2 · 0:30", "Question 2 · take 1 · 0:05"}
	if !reflect.DeepEqual(st.Takes, want) {
		t.Fatalf("takes %q, want %q", st.Takes, want)
	}
	if !st.Last() || st.Question().ID != "b" {
		t.Fatalf("question %q, last %v", st.Question().ID, st.Last())
	}
}

// TestPracticeRunResetsOnce: starting again and resuming a session both
// forget the previous run's takes and counts.
func TestPracticeRunResetsOnce(t *testing.T) {
	var r practiceRun
	r.Start(runQuestions(1), "one")
	r.Skip()
	r.Skip()
	r.Recording("sess-1", "take-1")
	r.Stop()
	r.Saved(time.Second)

	st := r.Resume("sess-9", runQuestions(3), 2)
	if st.Phase != phaseSpeaking || st.Index != 2 || st.SessionID != "sess-9" || st.LastTake != "" || len(st.Takes) != 0 {
		t.Fatalf("resumed state %+v", st)
	}
	r.Skip()
	r.Skip()
	r.Stop()
	if st := r.Saved(time.Second); st.Takes[0] != "Question 3 · take 1 · 0:01" {
		t.Fatalf("takes after resume %q", st.Takes)
	}
	st = r.Start(runQuestions(2), "again")
	if st.SessionID != "" || st.Index != 0 || len(st.Takes) != 0 || st.Title != "again" {
		t.Fatalf("restarted state %+v", st)
	}
	if st := r.Resume("sess-9", runQuestions(3), 5); st.Index != 0 || st.SessionID != "" {
		t.Fatalf("resume at a question the session lacks changed the run: %+v", st)
	}
	if st := r.Start(nil, "empty"); st.Title != "again" {
		t.Fatalf("starting with no questions changed the run: %+v", st)
	}
}

func TestPracticeRunInSessionKeepsTheCreatedSession(t *testing.T) {
	var r practiceRun
	r.Start(runQuestions(1), "one")
	r.Skip()
	r.Skip()
	if st := r.InSession("sess-2"); st.SessionID != "sess-2" {
		t.Fatalf("state %+v", st)
	}
	if st := r.Failed(); st.Phase != phaseDone || st.SessionID != "sess-2" || st.LastTake != "" {
		t.Fatalf("after a failed start %+v", st)
	}
}

// TestPracticeRunInterview walks a two-question interview with one
// follow-up per question: answer, follow-up, answer, next; and with the
// model off, only the fixed questions.
func TestPracticeRunInterview(t *testing.T) {
	var r practiceRun
	if r.After(true) != afterWait {
		t.Fatal("no run: nothing to do after a take")
	}
	r.StartInterview(runQuestions(2), "Interview", 1)
	if r.After(true) != afterWait {
		t.Fatal("before an answer is saved, an interview waits")
	}
	answer := func() { r.Asked(); r.TimeUp(); r.Stop() }
	answer()
	if got := r.After(true); got != afterFollowUp {
		t.Fatalf("after the first answer: %v, want a follow-up", got)
	}
	if got := r.After(false); got != afterNext {
		t.Fatalf("with the model off: %v, want the next question", got)
	}
	r.FollowUpAsked()
	r.Retake() // the follow-up's think time, then its answer
	r.TimeUp()
	r.Stop()
	if got := r.After(true); got != afterNext {
		t.Fatalf("after the follow-up's answer: %v, want the next question", got)
	}
	if st := r.Next(); st.Index != 1 || st.Asked != 0 {
		t.Fatalf("next question: index %d, asked %d", st.Index, st.Asked)
	}
	answer()
	if got := r.After(true); got != afterFollowUp {
		t.Fatalf("the second question gets its own follow-up: %v", got)
	}

	var plain practiceRun
	plain.Start(runQuestions(1), "Drill")
	plain.Asked()
	plain.TimeUp()
	plain.Stop()
	if plain.After(true) != afterWait {
		t.Error("a drill is not an interview: the user moves on")
	}
	var none practiceRun
	none.StartInterview(runQuestions(1), "Interview", 0)
	none.Asked()
	none.TimeUp()
	none.Stop()
	if none.After(true) != afterNext {
		t.Error("an interview with no follow-ups goes straight on")
	}
}
