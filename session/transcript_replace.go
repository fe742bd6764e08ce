package session

import (
	"fmt"
	"strings"

	"github.com/rehearse-app/rehearse/review"
)

// ReplaceTranscript stores t as the transcript of take takeID (its state
// becomes done, as with SaveTranscript) and moves the take's notes with it,
// in one write: a note on words of the old transcript moves to the same
// words in the new one (the occurrence nearest its old place); a note whose
// words are gone keeps its place in time instead. When any step fails
// nothing is written: the old transcript and notes stay as they were.
func (s *Store) ReplaceTranscript(sessID, takeID string, t *review.Transcript) error {
	return s.Update(sessID, func(sess *Session) error {
		tk := sess.Take(takeID)
		if tk == nil {
			return fmt.Errorf("session %s: take %s: %w", sessID, takeID, ErrNotFound)
		}
		if old := tk.Transcript; old != nil && strings.TrimSpace(old.Text) != "" && old.Text != t.Text {
			s.moveNotes(sess, takeID, old, tk.Duration, t.Text)
		}
		tk.Transcript = t
		tk.TranscriptState = TranscriptDone
		tk.TranscriptError = ""
		return nil
	})
}

// moveNotes moves the notes on stretches of take takeID's old transcript to
// the same words in newText. duration is the recording's length, for the
// time of a note whose words are gone when the transcript has no timings.
func (s *Store) moveNotes(sess *Session, takeID string, old *review.Transcript, duration float64, newText string) {
	var tl *review.Timeline
	now := s.opt.Now()
	for i := range sess.Notes {
		n := &sess.Notes[i]
		if n.TakeID != takeID || n.Start < 0 || n.End > len(old.Text) || n.Start > n.End {
			continue
		}
		moved := *n
		if a, ok := nearestIndex(newText, old.Text[n.Start:n.End], n.Start); ok {
			moved.Start, moved.End = a, a+(n.End-n.Start)
		} else {
			moved.Start, moved.End = -1, -1
			if moved.Time < 0 {
				if tl == nil {
					tl = review.NewTimeline(old, duration)
				}
				moved.Time, _ = tl.TimeAt(n.Start)
			}
		}
		if moved != *n {
			moved.Updated = now
			*n = moved
		}
	}
}

// nearestIndex finds sub in text, the occurrence starting nearest near.
func nearestIndex(text, sub string, near int) (int, bool) {
	if sub == "" {
		return 0, false
	}
	best, found := 0, false
	for from := 0; from <= len(text); {
		i := strings.Index(text[from:], sub)
		if i < 0 {
			break
		}
		i += from
		if !found || dist(i, near) < dist(best, near) {
			best, found = i, true
		}
		from = i + 1
	}
	return best, found
}

func dist(a, b int) int { return max(a-b, b-a) }
