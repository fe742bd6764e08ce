package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/rehearse-app/rehearse/review"
	"github.com/rehearse-app/rehearse/session"
)

// errNoTranscript means a take has no transcript yet, so it can't be reviewed.
var errNoTranscript = errors.New("the take has no transcript yet")

// takeReviewer reviews takes of the library: the transcript, the question
// snapshot of the session and the recording's energy envelope.
type takeReviewer struct {
	rv    *review.Reviewer
	store *session.Store
}

// Review reviews one take. The recording is optional: a take whose audio is
// missing or unreadable is still reviewed from its transcript.
func (t takeReviewer) Review(s *session.Session, tk *session.Take) (*review.Report, error) {
	if tk.Transcript == nil || tk.Transcript.Text == "" {
		return nil, errNoTranscript
	}
	tr := *tk.Transcript
	in := review.Input{Transcript: &tr, Question: s.Question(tk.QuestionID)}
	if tk.Audio != "" {
		path := t.store.TakePath(s, *tk)
		if _, err := os.Stat(path); err == nil {
			if env, dur, err := loadEnvelope(path); err == nil {
				in.Envelope = env
				if tr.Duration == 0 {
					tr.Duration = dur
				}
			}
		}
	}
	return t.rv.Review(in), nil
}

// Session reviews every transcribed take of a session, keyed by take id.
func (t takeReviewer) Session(s *session.Session) map[string]*review.Report {
	out := map[string]*review.Report{}
	for i := range s.Takes {
		if r, err := t.Review(s, &s.Takes[i]); err == nil {
			out[s.Takes[i].ID] = r
		}
	}
	return out
}

// openStore opens the library under the data folder.
func (e *cliEnv) openStore() (*session.Store, error) {
	root, err := e.dataRoot()
	if err != nil {
		return nil, err
	}
	st, err := session.Open(libraryDir(root), session.Options{RepairWAV: repairWAV, ValidateWAV: validateWAV})
	if err != nil {
		return nil, fmt.Errorf("opening the library: %w", err)
	}
	return st, nil
}
