package ui

import (
	"fmt"
	"time"

	"github.com/rehearse-app/rehearse/review"
)

// phase is where a practice run is in the flow of one question.
type phase int

const (
	phaseIdle      phase = iota // picking questions
	phaseSpeaking               // the question is being read aloud
	phaseThinking               // think-time countdown
	phaseRecording              // recording the answer
	phaseDone                   // take saved (or not recorded); retake, next or review
	phaseFinished               // every question of the run answered
)

func (ph phase) String() string {
	return [...]string{"idle", "speaking", "thinking", "recording", "done", "finished"}[ph]
}

// practiceState is what the practice screen shows of a run.
type practiceState struct {
	Phase     phase
	Started   bool // a run has questions (Start or Resume was called)
	Index     int  // the current question, in Questions
	Questions []review.Question
	SessionID string   // "" until the run's first take creates the session
	Title     string   // of the session the first take creates
	LastTake  string   // the take recorded last, "" for none
	Takes     []string // "Question 1 · take 2 · 1:04", one per saved take
	// Interview is a mock interview: after each answer the interviewer
	// asks up to FollowUps follow-ups, then moves on by itself. Asked
	// counts the follow-ups asked about the current question.
	Interview bool
	FollowUps int
	Asked     int
}

// Question is the question being practised.
func (st practiceState) Question() review.Question { return st.Questions[st.Index] }

// Last reports whether the current question is the run's last.
func (st practiceState) Last() bool { return st.Index+1 >= len(st.Questions) }

// afterTake is what an interview does once an answer is saved.
type afterTake int

const (
	afterWait     afterTake = iota // not an interview (or not done): the user moves on
	afterFollowUp                  // ask the interviewer model for a follow-up
	afterNext                      // go on to the next question, or finish
)

// practiceRun is the flow of a practice run, without widgets: each
// question is read aloud, thought about, answered and saved; Skip, Stop,
// Next and Retake move it on. Each method returns the new state; a move
// that makes no sense in the current phase leaves the state as it is.
type practiceRun struct {
	st        practiceState
	takeCount map[int]int // takes saved per question index
}

// State returns the current state.
func (r *practiceRun) State() practiceState { return r.st }

// reset begins a run over qs at question index, in session sessionID (""
// for a session created with the first take, named title).
func (r *practiceRun) reset(qs []review.Question, index int, sessionID, title string) practiceState {
	r.st = practiceState{Phase: phaseSpeaking, Started: true, Index: index, Questions: qs,
		SessionID: sessionID, Title: title}
	r.takeCount = map[int]int{}
	return r.st
}

// Start begins a new run with questions qs; the session, named title, is
// created with the first take, so a run with no answer leaves no empty
// session in the library.
func (r *practiceRun) Start(qs []review.Question, title string) practiceState {
	if len(qs) == 0 {
		return r.st
	}
	return r.reset(qs, 0, "", title)
}

// StartInterview begins a mock interview over questions qs: after each
// answer, up to followUps follow-up questions, then the next question by
// itself.
func (r *practiceRun) StartInterview(qs []review.Question, title string, followUps int) practiceState {
	if len(qs) == 0 {
		return r.st
	}
	r.reset(qs, 0, "", title)
	r.st.Interview, r.st.FollowUps = true, max(0, followUps)
	return r.st
}

// After says what an interview does once an answer is saved: ask a
// follow-up while fewer than FollowUps were asked about this question and
// the interviewer model is on, else go on. Outside an interview, and
// before the answer is saved, the user moves on (afterWait).
func (r *practiceRun) After(modelOn bool) afterTake {
	switch {
	case !r.st.Interview || r.st.Phase != phaseDone:
		return afterWait
	case modelOn && r.st.Asked < r.st.FollowUps:
		return afterFollowUp
	}
	return afterNext
}

// FollowUpAsked counts a follow-up asked about the current question.
func (r *practiceRun) FollowUpAsked() practiceState {
	if r.st.Started {
		r.st.Asked++
	}
	return r.st
}

// Resume begins a run in an existing session at its question index (a
// retake from the review screen).
func (r *practiceRun) Resume(sessionID string, qs []review.Question, index int) practiceState {
	if index < 0 || index >= len(qs) {
		return r.st
	}
	return r.reset(qs, index, sessionID, "")
}

// Asked moves from reading the question aloud to thinking.
func (r *practiceRun) Asked() practiceState { return r.move(phaseSpeaking, phaseThinking) }

// Skip skips reading the question aloud, or the rest of the think time.
func (r *practiceRun) Skip() practiceState {
	switch r.st.Phase {
	case phaseSpeaking:
		return r.move(phaseSpeaking, phaseThinking)
	case phaseThinking:
		return r.move(phaseThinking, phaseRecording)
	}
	return r.st
}

// TimeUp ends the think time: recording starts.
func (r *practiceRun) TimeUp() practiceState { return r.move(phaseThinking, phaseRecording) }

// Recording notes the take being recorded, and the session it is in.
func (r *practiceRun) Recording(sessionID, takeID string) practiceState {
	if r.st.Phase == phaseRecording {
		r.st.SessionID, r.st.LastTake = sessionID, takeID
	}
	return r.st
}

// InSession notes the session the run's takes go into, once created.
func (r *practiceRun) InSession(sessionID string) practiceState {
	if r.st.Started && sessionID != "" {
		r.st.SessionID = sessionID
	}
	return r.st
}

// Failed gives up on recording the current question (no microphone, or
// the recording did not start): Retake or Next from here.
func (r *practiceRun) Failed() practiceState { return r.move(phaseRecording, phaseDone) }

// Stop ends the recording.
func (r *practiceRun) Stop() practiceState { return r.move(phaseRecording, phaseDone) }

// Saved counts a take of d saved for the current question.
func (r *practiceRun) Saved(d time.Duration) practiceState {
	r.takeCount[r.st.Index]++
	line := fmt.Sprintf("Question %d · take %d · %s", r.st.Index+1, r.takeCount[r.st.Index], clock(d))
	r.st.Takes = append(r.st.Takes[:len(r.st.Takes):len(r.st.Takes)], line)
	return r.st
}

// Retake records the current question again, after its think time.
func (r *practiceRun) Retake() practiceState { return r.move(phaseDone, phaseThinking) }

// Next moves to the next question, or finishes the run after the last.
// A recording still running must be stopped (Stop) first.
func (r *practiceRun) Next() practiceState {
	if !r.st.Started || r.st.Phase == phaseRecording || r.st.Phase == phaseFinished || r.st.Phase == phaseIdle {
		return r.st
	}
	if r.st.Last() {
		r.st.Phase = phaseFinished
		return r.st
	}
	r.st.Index++
	r.st.Phase = phaseSpeaking
	r.st.Asked = 0
	return r.st
}

// move goes from phase from to phase to; in any other phase nothing moves.
func (r *practiceRun) move(from, to phase) practiceState {
	if r.st.Started && r.st.Phase == from {
		r.st.Phase = to
	}
	return r.st
}
