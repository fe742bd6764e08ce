package report

import (
	"time"

	"github.com/rehearse-app/rehearse/review"
)

// Session is what a session report shows of a practice session, handed in
// by the caller (the library's own type stays in the library).
type Session struct {
	ID string
	// Title is the report's heading: the name the user gave the session,
	// or the full question of a session of one question that keeps its
	// default name.
	Title     string
	Created   time.Time
	Questions []review.Question
	Takes     []Take // in session order
}

// Take is one recorded answer of a Session.
type Take struct {
	ID         string
	QuestionID string
	Created    time.Time
	Duration   float64 // seconds
	// Transcript is nil (or has no text) when the take is not transcribed.
	Transcript *review.Transcript
	// TranscriptFailed says transcription failed, TranscriptError why.
	TranscriptFailed bool
	TranscriptError  string
	// Summary is the take's stored figures; nil when it has none.
	Summary *review.Summary
	// Review is the take's review; nil exports the take without flags.
	Review *review.Report
	Notes  []Note // the coach's notes on the take, in order
	// FollowUp is the interviewer's follow-up question this take answers;
	// nil for an answer to the question itself.
	FollowUp *FollowUp
}

// FollowUp is a follow-up question a take answers: question → answer →
// follow-up → answer.
type FollowUp struct {
	Parent   string // the id of the take it follows up
	Question string // as it was asked
}

// Note is a coach's note on a take.
type Note struct {
	Author, Tag, Text string
	// Start and End are a byte span in the take's transcript text, -1 when
	// the note is not tied to a span.
	Start, End int
	// Time is a playback time in seconds, -1 when the note has none.
	Time float64
}

// total is the summed duration of the session's takes.
func (s *Session) total() float64 {
	var t float64
	for _, tk := range s.Takes {
		t += tk.Duration
	}
	return t
}

// reviewed reports whether any take of s has a review.
func (s *Session) reviewed() bool {
	for _, tk := range s.Takes {
		if tk.Review != nil {
			return true
		}
	}
	return false
}

// ruleTitler names rules for people: the rule set's titles, or the stable
// titles of review.RuleTitle when there is no rule set.
func ruleTitler(rules *review.RuleSet) func(string) string {
	if rules == nil {
		return review.RuleTitle
	}
	return rules.Title
}
