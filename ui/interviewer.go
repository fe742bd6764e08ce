package ui

import (
	"context"
	"fmt"
	"time"

	"github.com/rehearse-app/rehearse/app"
	"github.com/rehearse-app/rehearse/coach"
	"github.com/rehearse-app/rehearse/session"
)

// interviewerTimeout bounds one request to the interviewer model from the
// screens; a local model on a laptop can take a minute for a rewrite.
const interviewerTimeout = 3 * time.Minute

// Interviewer is the optional interviewer model as the screens use it;
// *app.Coach is one. Its requests run off the UI goroutine.
type Interviewer interface {
	// Enabled reports whether it is switched on in Settings.
	Enabled() bool
	// Warnings is what Settings shows about the current server and key.
	Warnings() []string
	// Test sends a tiny request and says in plain words who answered.
	Test(ctx context.Context) (string, error)
	// SecondOpinion asks for a second opinion on a take, compared with the
	// built-in review; it writes nothing.
	SecondOpinion(ctx context.Context, s *session.Session, tk *session.Take) (*app.Opinion, error)
	// Rewrite asks for a stronger answer and saves it with the take.
	Rewrite(ctx context.Context, s *session.Session, tk *session.Take) (*coach.Rewrite, error)
	// FollowUp asks one follow-up about a take, waiting for its transcript.
	FollowUp(ctx context.Context, sessID, takeID string) (*coach.FollowUp, error)
	// LinkFollowUp marks take takeID as the answer to fu, asked about parent.
	LinkFollowUp(sessID, takeID, parent string, fu *coach.FollowUp) error
}

// interviewerFailure says in plain words that a request failed and why;
// the built-in review is not affected.
func interviewerFailure(what string, err error) string {
	return fmt.Sprintf("%s did not work: %v. The built-in review is unchanged.", what, err)
}
