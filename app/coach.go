package app

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/rehearse-app/rehearse/coach"
	"github.com/rehearse-app/rehearse/review"
	"github.com/rehearse-app/rehearse/session"
)

// ErrInterviewerOff means the interviewer model is switched off in
// Settings, so the screens should not ask it.
var ErrInterviewerOff = errors.New("the interviewer model is off: switch it on in Settings → Interviewer model")

// WhatIsSent is the plain line the settings screen shows about what the
// interviewer model receives while notes are not sent (the default).
const WhatIsSent = "Sent to the interviewer model: the question, its rubric and the transcript of your answer. Never the audio, never your notes."

// WhatIsSentWithNotes is the line shown when "Also send my notes" is ticked.
const WhatIsSentWithNotes = "Sent to the interviewer model: the question, its rubric, the transcript of your answer and your notes on the take. Never the audio."

// SentLine is the plain line about what the interviewer model receives,
// with or without the take's notes.
func SentLine(sendNotes bool) string {
	if sendNotes {
		return WhatIsSentWithNotes
	}
	return WhatIsSent
}

// Coach is the optional interviewer model as the screens use it: a coach
// client built from the settings (on/off, server, model) and the same API
// key as transcription, read anew on each request so a change in Settings
// applies at once. A failed request changes nothing of the take.
type Coach struct {
	prefs   Preferences
	keys    KeyStore
	store   *session.Store
	reviews *Reviews
	// HTTPClient sends the requests; nil means a new http.Client. Tests
	// set it to bound the time taken.
	HTTPClient *http.Client
	now        func() time.Time
}

// NewCoach returns the interviewer model over the settings prefs, the key
// store keys, the library store and the review path reviews (whose verdicts
// the second opinion is compared with).
func NewCoach(prefs Preferences, keys KeyStore, store *session.Store, reviews *Reviews) *Coach {
	return &Coach{prefs: prefs, keys: keys, store: store, reviews: reviews, now: time.Now}
}

// Enabled reports whether the interviewer model is switched on.
func (c *Coach) Enabled() bool { return c.prefs.String(PrefInterviewer) == InterviewerOn }

// SendsNotes reports whether "Also send my notes" is ticked: only then do a
// take's notes go with its transcript.
func (c *Coach) SendsNotes() bool { return c.prefs.String(PrefInterviewerNotes) == InterviewerOn }

// Config is the coach configuration of the current settings and key.
func (c *Coach) Config() coach.Config {
	key, _, _ := c.keys.LoadAPIKey()
	return coach.Config{
		APIKey:     key,
		BaseURL:    strings.TrimSpace(c.prefs.String(PrefInterviewerBaseURL)),
		Model:      strings.TrimSpace(c.prefs.String(PrefInterviewerModel)),
		HTTPClient: c.HTTPClient,
		SendNotes:  c.SendsNotes(),
	}
}

// Client returns a client for the current settings, whether the
// interviewer is on or off (the settings test works before switching it
// on). It fails with coach.ErrNotConfigured (wrapped) when there is
// neither a key nor a server.
func (c *Coach) Client() (*coach.Client, error) { return coach.New(c.Config()) }

// Warnings is what the settings screen should show about the current
// settings: plain http to another computer, no key for a remote server.
func (c *Coach) Warnings() []string {
	cl, err := c.Client()
	if err != nil {
		return nil
	}
	return cl.Warnings()
}

// testQuestion and testAnswer make the settings test's tiny request.
var (
	testQuestion = review.Question{ID: "settings-test", Category: "behavioral",
		Prompt: "Tell me about a campaign you ran."}
	testAnswer = "I ran a spring email campaign and doubled the sign-ups in six weeks."
)

// Test asks the model one follow-up about a made-up two-line answer and
// says in plain words what happened: the model and server that answered
// and their question.
func (c *Coach) Test(ctx context.Context) (string, error) {
	cl, err := c.Client()
	if err != nil {
		return "", err
	}
	q := testQuestion
	fu, err := cl.FollowUp(ctx, coach.Answer{Question: &q, Transcript: testAnswer})
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("It works: %s on %s answered with a follow-up question: %q", fu.Model, fu.Server, fu.Question), nil
}

// active returns a client when the interviewer is on, and the answer of a
// take; it fails with ErrInterviewerOff, ErrNoTranscript or the client's
// error.
func (c *Coach) active(s *session.Session, tk *session.Take) (*coach.Client, coach.Answer, error) {
	if !c.Enabled() {
		return nil, coach.Answer{}, ErrInterviewerOff
	}
	if tk.Transcript == nil || strings.TrimSpace(tk.Transcript.Text) == "" {
		return nil, coach.Answer{}, ErrNoTranscript
	}
	q := s.Question(tk.QuestionID)
	if q == nil {
		return nil, coach.Answer{}, fmt.Errorf("take %s: its question %q is not in the session", tk.ID, tk.QuestionID)
	}
	cfg := c.Config()
	cl, err := coach.New(cfg)
	if err != nil {
		return nil, coach.Answer{}, err
	}
	a := coach.Answer{Question: q, Transcript: tk.Transcript.Text}
	// Notes are read only when the user chose to send them; otherwise they
	// never leave the computer.
	if cfg.SendNotes {
		a.Notes = takeNotesText(s.TakeNotes(tk.ID))
	}
	return cl, a, nil
}

// takeNotesText writes a take's notes as the prompt shows them, one a line:
// "- fix: Say which attribution model. (Sam)".
func takeNotesText(notes []session.Note) string {
	var b strings.Builder
	for _, n := range notes {
		text := strings.Join(strings.Fields(n.Text), " ")
		if text == "" {
			continue
		}
		b.WriteString("- ")
		if n.Tag != "" {
			b.WriteString(n.Tag + ": ")
		}
		b.WriteString(text)
		if a := strings.TrimSpace(n.Author); a != "" {
			b.WriteString(" (" + a + ")")
		}
		b.WriteString("\n")
	}
	return strings.TrimSpace(b.String())
}

// Opinion is a second opinion on a take with where it agrees with the
// built-in review. The built-in review is not changed by it.
type Opinion struct {
	*coach.Opinion
	// Agreement marks agreement and disagreement with Builtin, item by item.
	Agreement []coach.Agreement
	// Builtin is the built-in review it was compared with.
	Builtin *review.Report
}

// SecondOpinion asks the model for a second opinion on a take and compares
// it with the built-in review. It writes nothing.
func (c *Coach) SecondOpinion(ctx context.Context, s *session.Session, tk *session.Take) (*Opinion, error) {
	cl, a, err := c.active(s, tk)
	if err != nil {
		return nil, err
	}
	rep, err := c.reviews.Review(s, tk)
	if err != nil {
		return nil, fmt.Errorf("reviewing the take: %w", err)
	}
	op, err := cl.SecondOpinion(ctx, a)
	if err != nil {
		return nil, err
	}
	agree := coach.Compare(op, rep, a.Question)
	return &Opinion{Opinion: op, Agreement: agree, Builtin: rep}, nil
}

// Rewrite asks the model for a stronger answer to a take and saves it with
// the take (session.TakeRewrite). On a failed request nothing is written;
// when only saving fails the rewrite is returned with the error.
func (c *Coach) Rewrite(ctx context.Context, s *session.Session, tk *session.Take) (*coach.Rewrite, error) {
	cl, a, err := c.active(s, tk)
	if err != nil {
		return nil, err
	}
	rw, err := cl.Rewrite(ctx, a)
	if err != nil {
		return nil, err
	}
	saved := &session.TakeRewrite{Text: rw.Text, Placeholders: len(rw.Placeholders),
		Model: rw.Model, Server: rw.Server, Created: c.now().UTC()}
	if err := c.store.SetRewrite(s.ID, tk.ID, saved); err != nil {
		return rw, fmt.Errorf("saving the stronger answer: %w", err)
	}
	return rw, nil
}
