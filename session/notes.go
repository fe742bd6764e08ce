package session

import (
	"fmt"
	"math"
	"unicode/utf8"
)

// maxNoteText bounds a note's text (bytes).
const maxNoteText = 64 << 10

// checkNote validates a note against the set of take ids of its session.
func checkNote(n Note, takes map[string]bool) error {
	if err := checkID("note", n.ID); err != nil {
		return fmt.Errorf("id: %w", err)
	}
	if !takes[n.TakeID] {
		return fmt.Errorf("take_id: no take %q in this session", n.TakeID)
	}
	switch n.Tag {
	case TagPraise, TagFix, TagQuestion:
	default:
		return fmt.Errorf("tag: %q is not one of praise, fix, question", n.Tag)
	}
	if len(n.Text) > maxNoteText {
		return fmt.Errorf("text: %d bytes, more than %d", len(n.Text), maxNoteText)
	}
	if !utf8.ValidString(n.Text) || !utf8.ValidString(n.Author) {
		return fmt.Errorf("text or author: not valid UTF-8")
	}
	if (n.Start == -1) != (n.End == -1) || n.Start < -1 || n.End < n.Start {
		return fmt.Errorf("start/end: span %d..%d is not valid (both -1, or 0 <= start <= end)", n.Start, n.End)
	}
	if math.IsNaN(n.Time) || math.IsInf(n.Time, 0) || (n.Time < 0 && n.Time != -1) {
		return fmt.Errorf("time: %g is not a playback time (seconds, or -1)", n.Time)
	}
	return nil
}

// AddNote adds a note to a take and returns it with its id and times set.
// An empty n.ID gets a fresh one. Use Start = End = -1 for a note without a
// transcript span and Time = -1 for one without a playback time.
func (s *Store) AddNote(sessID string, n Note) (Note, error) {
	now := s.opt.Now()
	if n.ID == "" {
		n.ID = "note-" + newID(now)
	}
	n.Created, n.Updated = now, now
	err := s.Update(sessID, func(sess *Session) error {
		if sess.Note(n.ID) != nil {
			return fmt.Errorf("session %s: add note: note id %q already exists", sessID, n.ID)
		}
		if t := sess.Take(n.TakeID); t != nil && t.Transcript != nil && n.End > len(t.Transcript.Text) {
			return fmt.Errorf("session %s: add note: span end %d is past the transcript's %d bytes", sessID, n.End, len(t.Transcript.Text))
		}
		sess.Notes = append(sess.Notes, n)
		return nil
	})
	if err != nil {
		return Note{}, err
	}
	return n, nil
}

// EditNote replaces the author, tag, text, span and time of the note with
// n.ID, keeping its take and created time, and sets its updated time.
func (s *Store) EditNote(sessID string, n Note) error {
	return s.Update(sessID, func(sess *Session) error {
		old := sess.Note(n.ID)
		if old == nil {
			return fmt.Errorf("session %s: note %s: %w", sessID, n.ID, ErrNotFound)
		}
		old.Author, old.Tag, old.Text = n.Author, n.Tag, n.Text
		old.Start, old.End, old.Time = n.Start, n.End, n.Time
		old.Updated = s.opt.Now()
		return nil
	})
}

// DeleteNote removes a note.
func (s *Store) DeleteNote(sessID, noteID string) error {
	return s.Update(sessID, func(sess *Session) error {
		for i, n := range sess.Notes {
			if n.ID == noteID {
				sess.Notes = append(sess.Notes[:i], sess.Notes[i+1:]...)
				return nil
			}
		}
		return fmt.Errorf("session %s: note %s: %w", sessID, noteID, ErrNotFound)
	})
}
