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
