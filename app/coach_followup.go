package app

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/rehearse-app/rehearse/coach"
	"github.com/rehearse-app/rehearse/session"
)

// ErrNoTranscriptComing means a take has no transcript and none is on its
// way, so no follow-up can be asked about it.
var ErrNoTranscriptComing = errors.New("the follow-up needs the transcript of your answer, and the take is not being transcribed: set up transcription in Settings, or type the transcript on the Review screen")

// followUpGrace is how long a take just saved may stay unqueued: it is
// queued for transcription on a goroutine of its own.
const followUpGrace = 5 * time.Second

// followUpPoll is how often the take is read while its transcript is on
// its way.
const followUpPoll = 250 * time.Millisecond

// FollowUp asks one follow-up question about take takeID, waiting (until
// ctx ends) for its transcript when the take is still being transcribed.
// It writes nothing.
func (c *Coach) FollowUp(ctx context.Context, sessID, takeID string) (*coach.FollowUp, error) {
	if !c.Enabled() {
		return nil, ErrInterviewerOff
	}
	s, tk, err := c.waitTranscript(ctx, sessID, takeID)
	if err != nil {
		return nil, err
	}
	cl, a, err := c.active(s, tk)
	if err != nil {
		return nil, err
	}
	return cl.FollowUp(ctx, a)
}

// waitTranscript returns the session and the take once the take has a
// transcript.
func (c *Coach) waitTranscript(ctx context.Context, sessID, takeID string) (*session.Session, *session.Take, error) {
	start := c.now()
	for {
		s, err := c.store.Get(sessID)
		if err != nil {
			return nil, nil, err
		}
		tk := s.Take(takeID)
		switch {
		case tk == nil:
			return nil, nil, fmt.Errorf("session %s: take %s: %w", sessID, takeID, session.ErrNotFound)
		case tk.Transcript != nil && strings.TrimSpace(tk.Transcript.Text) != "":
			return s, tk, nil
		case tk.TranscriptState == session.TranscriptFailed:
			return nil, nil, fmt.Errorf("the follow-up needs the transcript of your answer, and transcription failed: %s", tk.TranscriptError)
		case tk.TranscriptState == session.TranscriptNone && c.now().Sub(start) > followUpGrace:
			return nil, nil, ErrNoTranscriptComing
		}
		select {
		case <-ctx.Done():
			return nil, nil, fmt.Errorf("waiting for the transcript of your answer: %w", ctx.Err())
		case <-time.After(followUpPoll):
		}
	}
}

// LinkFollowUp marks take takeID as the answer to follow-up fu, asked
// about take parent.
func (c *Coach) LinkFollowUp(sessID, takeID, parent string, fu *coach.FollowUp) error {
	err := c.store.SetFollowUp(sessID, takeID, session.TakeFollowUp{Parent: parent, Question: fu.Question, Model: fu.Model})
	if err != nil {
		return fmt.Errorf("linking the follow-up to its answer: %w", err)
	}
	return nil
}
