package session

import (
	"time"

	"github.com/rehearse-app/rehearse/review"
)

// SchemaVersion is the version of session.json this package writes. Files
// with a higher or non-positive version are reported as damaged.
const SchemaVersion = 1

// Transcript states of a take, as kept in Take.TranscriptState.
const (
	TranscriptNone    = ""        // not queued yet
	TranscriptPending = "pending" // waiting in the transcription queue
	TranscriptRunning = "running" // being transcribed
	TranscriptDone    = "done"    // Transcript holds the result
	TranscriptFailed  = "failed"  // TranscriptError says why
)

// Note tags a coach can give a note.
const (
	TagPraise   = "praise"
	TagFix      = "fix"
	TagQuestion = "question"
)

// Session is one practice run: the questions asked, the takes recorded and
// the notes left on them. It is stored as session.json in its own folder.
type Session struct {
	SchemaVersion int       `json:"schema_version"`
	ID            string    `json:"id"`
	Title         string    `json:"title"`
	Created       time.Time `json:"created"`
	Updated       time.Time `json:"updated"`
	// Questions is a snapshot of the questions asked, so the session still
	// reads well after the bank changes.
	Questions []review.Question `json:"questions"`
	Takes     []Take            `json:"takes"`
	Notes     []Note            `json:"notes"`
}

// Take is one recorded answer to a question.
type Take struct {
	ID         string `json:"id"`
	QuestionID string `json:"question_id"`
	// Audio is the WAV file name, relative to the session folder; it never
	// holds a path separator.
	Audio           string             `json:"audio"`
	Duration        float64            `json:"duration"`
	Created         time.Time          `json:"created"`
	Transcript      *review.Transcript `json:"transcript,omitempty"`
	TranscriptState string             `json:"transcript_state,omitempty"`
	TranscriptError string             `json:"transcript_error,omitempty"`
	Summary         *review.Summary    `json:"summary,omitempty"`
	// Rewrite is the interviewer model's stronger answer, when one was
	// asked for (see take_coach.go).
	Rewrite *TakeRewrite `json:"rewrite,omitempty"`
	// FollowUp marks the answer to a follow-up question (see take_coach.go).
	FollowUp *TakeFollowUp `json:"follow_up,omitempty"`
}

// Note is a coach's (or the candidate's own) remark on a take: on a stretch
// of its transcript (Start..End, byte offsets), at a playback time, or on
// the take as a whole.
type Note struct {
	ID     string `json:"id"`
	TakeID string `json:"take_id"`
	Author string `json:"author"`
	Tag    string `json:"tag"`
	Text   string `json:"text"`
	// Start and End are a byte span in the take's transcript text, -1 when
	// the note is not tied to a span.
	Start int `json:"start"`
	End   int `json:"end"`
	// Time is a playback time in seconds, -1 when the note has none.
	Time    float64   `json:"time"`
	Created time.Time `json:"created"`
	Updated time.Time `json:"updated"`
}

// Question returns the snapshot of the question with the given id, or nil.
func (s *Session) Question(id string) *review.Question {
	for i := range s.Questions {
		if s.Questions[i].ID == id {
			return &s.Questions[i]
		}
	}
	return nil
}

// Take returns the take with the given id, or nil.
func (s *Session) Take(id string) *Take {
	for i := range s.Takes {
		if s.Takes[i].ID == id {
			return &s.Takes[i]
		}
	}
	return nil
}

// Note returns the note with the given id, or nil.
func (s *Session) Note(id string) *Note {
	for i := range s.Notes {
		if s.Notes[i].ID == id {
			return &s.Notes[i]
		}
	}
	return nil
}

// TakeNotes returns the notes on one take, in the order they were added.
func (s *Session) TakeNotes(takeID string) []Note {
	var out []Note
	for _, n := range s.Notes {
		if n.TakeID == takeID {
			out = append(out, n)
		}
	}
	return out
}

// TotalSeconds is the summed duration of the session's takes.
func (s *Session) TotalSeconds() float64 {
	var t float64
	for _, tk := range s.Takes {
		t += tk.Duration
	}
	return t
}
