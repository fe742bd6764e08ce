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
	if strings.TrimSpace(text) == "" {
		s.notify(errors.New("the transcript is empty: type what was said, or Cancel"))
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
	s.onCancelEdit()
	s.selA, s.selB, s.current = -1, -1, -1
	s.refresh()
}
