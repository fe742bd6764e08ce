package session

import (
	"fmt"
	"path/filepath"
	"time"

	"github.com/rehearse-app/rehearse/review"
)

// RunTitle names the session a practice run creates: the prompt of its
// only question, or "Drill: n questions" for several ("Drill: n Strategic
// questions" when categoryTitle names the category they were drawn from).
func RunTitle(qs []review.Question, categoryTitle string) string {
	if len(qs) == 1 {
		return PromptTitle(qs[0].Prompt)
	}
	return "Drill: " + questionCount(qs, categoryTitle)
}

// InterviewTitle names the session a mock interview creates: "Mock
// interview: " and its only question's prompt, or "n (Strategic)
// questions".
func InterviewTitle(qs []review.Question, categoryTitle string) string {
	if len(qs) == 1 {
		return "Mock interview: " + PromptTitle(qs[0].Prompt)
	}
	return "Mock interview: " + questionCount(qs, categoryTitle)
}

// questionCount is "n questions", or "n Strategic questions" when
// categoryTitle names the category they were drawn from.
func questionCount(qs []review.Question, categoryTitle string) string {
	if categoryTitle != "" {
		return fmt.Sprintf("%d %s questions", len(qs), categoryTitle)
	}
	return fmt.Sprintf("%d questions", len(qs))
}

// PendingTake is a take being recorded: its session, id, question and the
// WAV file the recorder writes. It is listed in the session by FinishTake.
type PendingTake struct {
	SessionID  string
	TakeID     string
	QuestionID string
	Path       string // absolute
}

// BeginTake prepares a take of questionID in session sessID: it reserves
// the take's id and WAV path (see NewTakePath). When sessID is "" the
// session is created first, with title and questions, so a practice run
// that records nothing leaves no empty session behind.
func (s *Store) BeginTake(sessID, title string, questions []review.Question, questionID string) (PendingTake, error) {
	if sessID == "" {
		sess, err := s.Create(title, questions)
		if err != nil {
			return PendingTake{}, fmt.Errorf("starting a session in the library: %w", err)
		}
		sessID = sess.ID
	}
	takeID, path, err := s.NewTakePath(sessID, questionID)
	if err != nil {
		return PendingTake{SessionID: sessID}, fmt.Errorf("preparing the take file: %w", err)
	}
	return PendingTake{SessionID: sessID, TakeID: takeID, QuestionID: questionID, Path: path}, nil
}

// FinishTake lists a recorded take in its session, d long, created now.
func (s *Store) FinishTake(p PendingTake, d time.Duration) (Take, error) {
	take := Take{
		ID:         p.TakeID,
		QuestionID: p.QuestionID,
		Audio:      filepath.Base(p.Path),
		Duration:   d.Seconds(),
		Created:    s.opt.Now(),
	}
	if err := s.AddTake(p.SessionID, take); err != nil {
		return Take{}, err
	}
	return take, nil
}
