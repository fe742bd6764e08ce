package ui

import (
	"errors"
	"fmt"
	"strings"

	"github.com/rehearse-app/rehearse/review"
	"github.com/rehearse-app/rehearse/transcribe"
)

// onEdit switches the transcript to an editor holding its text (empty for
// a take with no transcript: typing one creates it).
func (s *reviewScreen) onEdit() {
	if s.take == nil || s.editing {
		return
	}
	s.pausePlayback()
	s.editing = true
	text := ""
	if s.hasTranscript() {
		text = s.take.Transcript.Text
	}
	s.editor.SetText(text)
	s.viewBox.Hide()
	s.editBox.Show()
	s.editBtn.Disable()
	if s.win != nil {
		s.win.Canvas().Focus(s.editor)
	}
}

// onCancelEdit leaves the editor without saving.
func (s *reviewScreen) onCancelEdit() {
	s.editing = false
	s.editBox.Hide()
	s.viewBox.Show()
	enable(s.editBtn, s.take != nil)
}

// onSaveEdit stores the edited transcript (words left unchanged keep
// their timings) and reviews the take again. On failure the editor keeps
// the text and says why.
func (s *reviewScreen) onSaveEdit() {
	if s.take == nil || !s.editing {
		return
	}
	text := s.editor.Text
	// The limits of every transcript: no empty (or fillers-only) answer,
	// no binary data, nothing past review.MaxTranscriptWords.
	if err := review.CheckTranscriptText([]byte(text)); err != nil {
		if errors.Is(err, review.ErrEmptyTranscript) {
			s.notify(fmt.Errorf("%w: type what was said, or Cancel", err))
		} else {
			s.notify(fmt.Errorf("the transcript was not saved (your text is still in the editor): %w", err))
		}
		return
	}
	old := s.take.Transcript
	if old != nil && strings.TrimSpace(old.Text) == "" {
		old = nil
	}
	t := review.Retext(old, text)
	if old == nil {
		t.Duration = s.duration
	}
	if q := s.deps.Transcription; q != nil {
		// A transcript arriving later must not overwrite the one typed here.
		if st := q.Status(s.takeID); st.State == transcribe.StateQueued || st.State == transcribe.StateTranscribing {
			q.Cancel(s.takeID)
			s.queueStatus = nil
		}
	}
	if err := s.deps.Store.SaveTranscript(s.sessID, s.takeID, t); err != nil {
		s.notify(fmt.Errorf("saving the transcript (your text is still in the editor): %w", err))
		return
	}
	if old != nil {
		s.remapNotes(old.Text, t.Text)
	}
	s.onCancelEdit()
	s.selA, s.selB, s.current = -1, -1, -1
	s.refresh()
}

// remapNotes moves the notes on stretches of the old transcript to the
// same words in the new one (the occurrence nearest the old place). A
// note whose words are gone keeps its place in time instead.
func (s *reviewScreen) remapNotes(oldText, newText string) {
	if s.sess == nil || oldText == newText {
		return
	}
	for _, n := range s.sess.TakeNotes(s.takeID) {
		if n.Start < 0 || n.End > len(oldText) || n.Start > n.End {
			continue
		}
		moved := n
		if a, ok := nearestIndex(newText, oldText[n.Start:n.End], n.Start); ok {
			moved.Start, moved.End = a, a+(n.End-n.Start)
		} else {
			moved.Start, moved.End = -1, -1
			if moved.Time < 0 && s.tl != nil {
				moved.Time, _ = s.tl.timeAt(n.Start)
			}
		}
		if moved == n {
			continue
		}
		if err := s.deps.Store.EditNote(s.sessID, moved); err != nil {
			s.notify(fmt.Errorf("moving note %q to the corrected transcript: %w", excerptOf(n.Text, 0, len(n.Text)), err))
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
