package session

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/rehearse-app/rehearse/review"
)

// NewTakePath reserves a take id for a new recording of questionID in
// session sessID and returns the absolute path the recorder writes the WAV
// to. The take is listed in the session only once AddTake is called.
func (s *Store) NewTakePath(sessID, questionID string) (takeID, absPath string, err error) {
	if err := checkID("session", sessID); err != nil {
		return "", "", fmt.Errorf("session: new take: %w", err)
	}
	dir := s.Dir(sessID)
	if _, err := os.Stat(dir); err != nil {
		return "", "", fmt.Errorf("session %s: new take: %w", sessID, ErrNotFound)
	}
	for i := 0; i < 10; i++ {
		takeID = "take-" + newID(s.opt.Now())
		absPath = filepath.Join(dir, takeID+".wav")
		if _, err := os.Lstat(absPath); os.IsNotExist(err) {
			return takeID, absPath, nil
		}
	}
	return "", "", fmt.Errorf("session %s: new take: could not find a free file name in %s", sessID, dir)
}

// AddTake records a take in session sessID. An empty take.Audio becomes
// "<take.ID>.wav"; a zero Created becomes now. The take id must be new.
func (s *Store) AddTake(sessID string, take Take) error {
	if take.Audio == "" {
		take.Audio = take.ID + ".wav"
	}
	if take.Created.IsZero() {
		take.Created = s.opt.Now()
	}
	return s.Update(sessID, func(sess *Session) error {
		if sess.Take(take.ID) != nil {
			return fmt.Errorf("session %s: add take: take id %q already exists", sessID, take.ID)
		}
		sess.Takes = append(sess.Takes, take)
		return nil
	})
}

// DeleteTake removes a take, its notes and its WAV file (moved to the
// library's trash folder).
func (s *Store) DeleteTake(sessID, takeID string) error {
	var audio string
	err := s.Update(sessID, func(sess *Session) error {
		tk := sess.Take(takeID)
		if tk == nil {
			return fmt.Errorf("session %s: take %s: %w", sessID, takeID, ErrNotFound)
		}
		audio = tk.Audio
		takes := sess.Takes[:0]
		for _, t := range sess.Takes {
			if t.ID != takeID {
				takes = append(takes, t)
			}
		}
		sess.Takes = takes
		notes := sess.Notes[:0]
		for _, n := range sess.Notes {
			if n.TakeID != takeID {
				notes = append(notes, n)
			}
		}
		sess.Notes = notes
		return nil
	})
	if err != nil {
		return err
	}
	src := filepath.Join(s.Dir(sessID), audio)
	dst := filepath.Join(s.root, trashDir, sessID+"-"+audio)
	if err := os.Rename(src, dst); err != nil && !os.IsNotExist(err) {
		return fmt.Errorf("session %s: take %s removed, but its audio %s could not be moved to the trash: %w", sessID, takeID, src, err)
	}
	return nil
}

// updateTake runs fn on one take of a session under Update.
func (s *Store) updateTake(sessID, takeID string, fn func(*Take)) error {
	return s.Update(sessID, func(sess *Session) error {
		tk := sess.Take(takeID)
		if tk == nil {
			return fmt.Errorf("session %s: take %s: %w", sessID, takeID, ErrNotFound)
		}
		fn(tk)
		return nil
	})
}

// SaveTranscript stores a take's transcript (from the transcriber or an
// edit by hand) and marks its transcript state done.
func (s *Store) SaveTranscript(sessID, takeID string, t *review.Transcript) error {
	return s.updateTake(sessID, takeID, func(tk *Take) {
		tk.Transcript = t
		tk.TranscriptState = TranscriptDone
		tk.TranscriptError = ""
	})
}

// SetTranscriptState records where a take is in the transcription queue
// (TranscriptPending, TranscriptRunning, TranscriptFailed, ...) and, for a
// failure, why.
func (s *Store) SetTranscriptState(sessID, takeID, state, reason string) error {
	return s.updateTake(sessID, takeID, func(tk *Take) {
		tk.TranscriptState = state
		tk.TranscriptError = reason
	})
}

// SetSummary stores the summary of a take's review (report.Summary(); nil
// clears it). The library's listing and progress chart are built from it.
func (s *Store) SetSummary(sessID, takeID string, sum *review.Summary) error {
	return s.updateTake(sessID, takeID, func(tk *Take) {
		tk.Summary = sum
	})
}

// SetDuration stores a take's length in seconds (e.g. once recording stops).
func (s *Store) SetDuration(sessID, takeID string, seconds float64) error {
	return s.updateTake(sessID, takeID, func(tk *Take) {
		tk.Duration = seconds
	})
}

// OpenTakeAudio returns the path of a take's WAV after repairing its header
// through Options.RepairWAV when it disagrees with the file's length (a
// crash mid-recording). Call it before playing or transcribing a take.
func (s *Store) OpenTakeAudio(sessID, takeID string) (string, error) {
	sess, err := s.loadHead(sessID) // the transcripts are not needed
	if err != nil {
		return "", err
	}
	tk := sess.Take(takeID)
	if tk == nil {
		return "", fmt.Errorf("session %s: take %s: %w", sessID, takeID, ErrNotFound)
	}
	path := s.TakePath(sess, *tk)
	if _, err := os.Stat(path); err != nil {
		return "", fmt.Errorf("session %s: take %s: audio %s: %w", sessID, takeID, path, err)
	}
	if err := s.repair(path); err != nil {
		return "", err
	}
	return path, nil
}
