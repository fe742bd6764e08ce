package session

import (
	"fmt"
	"strings"
	"time"
)

// MaxRewriteBytes bounds a stored rewrite; a stronger answer is a few
// hundred words.
const MaxRewriteBytes = 32 << 10

// TakeRewrite is the interviewer model's stronger version of a take's
// answer, saved with the take. It is optional: takes recorded before the
// interviewer model, or without it, have none.
type TakeRewrite struct {
	// Text is the rewrite, with visible placeholders such as [your number]
	// where the model stated facts the answer does not hold.
	Text string `json:"text"`
	// Placeholders is how many placeholders Text holds.
	Placeholders int `json:"placeholders,omitempty"`
	// Model and Server name the model that wrote it and the host it runs
	// on (never a key or a full URL).
	Model  string `json:"model"`
	Server string `json:"server,omitempty"`
	// Created is when it was written.
	Created time.Time `json:"created"`
}

// SetRewrite stores (or, with nil, removes) a take's rewrite, atomically
// through Update. Nothing else of the take changes, and on failure
// session.json is left as it was.
func (s *Store) SetRewrite(sessID, takeID string, r *TakeRewrite) error {
	if r != nil {
		if strings.TrimSpace(r.Text) == "" {
			return fmt.Errorf("session %s: take %s: the rewrite is empty", sessID, takeID)
		}
		if len(r.Text) > MaxRewriteBytes {
			return fmt.Errorf("session %s: take %s: the rewrite is %d bytes, over the limit of %d", sessID, takeID, len(r.Text), MaxRewriteBytes)
		}
		c := *r
		r = &c
	}
	return s.updateTake(sessID, takeID, func(tk *Take) { tk.Rewrite = r })
}

// MaxFollowUpBytes bounds a stored follow-up question.
const MaxFollowUpBytes = 2000

// TakeFollowUp marks a take as the answer to a follow-up question that
// the interviewer model asked about another take (its parent) of the same
// question: question → answer → follow-up → answer.
type TakeFollowUp struct {
	// Parent is the id of the take the follow-up was asked about.
	Parent string `json:"parent"`
	// Question is the follow-up as it was asked.
	Question string `json:"question"`
	// Model names the model that asked it.
	Model string `json:"model,omitempty"`
}

// SetFollowUp marks take takeID as the answer to follow-up fu, atomically
// through Update. The parent must be another take of the same question in
// the session.
func (s *Store) SetFollowUp(sessID, takeID string, fu TakeFollowUp) error {
	fu.Question = strings.TrimSpace(fu.Question)
	if fu.Question == "" || len(fu.Question) > MaxFollowUpBytes {
		return fmt.Errorf("session %s: take %s: the follow-up question is empty or over %d bytes", sessID, takeID, MaxFollowUpBytes)
	}
	return s.Update(sessID, func(sess *Session) error {
		tk, parent := sess.Take(takeID), sess.Take(fu.Parent)
		switch {
		case tk == nil:
			return fmt.Errorf("session %s: take %s: %w", sessID, takeID, ErrNotFound)
		case parent == nil || fu.Parent == takeID:
			return fmt.Errorf("session %s: take %s: follow-up of take %q: %w", sessID, takeID, fu.Parent, ErrNotFound)
		case parent.QuestionID != tk.QuestionID:
			return fmt.Errorf("session %s: take %s answers %s, but take %s answers %s", sessID, takeID, tk.QuestionID, fu.Parent, parent.QuestionID)
		}
		tk.FollowUp = &fu
		return nil
	})
}
