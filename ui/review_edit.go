package ui

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/rehearse-app/rehearse/review"
	"github.com/rehearse-app/rehearse/transcribe"
)

// reviewEditor is the transcript editor that replaces the transcript
// view while a transcript is typed or corrected.
type reviewEditor struct {
	on     bool // the editor is shown
	entry  *widget.Entry
	save   *widget.Button
	cancel *widget.Button
	box    fyne.CanvasObject
}

func (s *reviewScreen) buildEditor() {
	e := &s.edit
	e.entry = widget.NewMultiLineEntry()
	e.entry.Wrapping = fyne.TextWrapWord
	e.entry.SetPlaceHolder("Type or paste what was said…")
	e.save = widget.NewButtonWithIcon("Save transcript", theme.DocumentSaveIcon(), s.onSaveEdit)
	e.save.Importance = widget.HighImportance
	e.cancel = widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), s.onCancelEdit)
	e.box = container.NewBorder(nil, container.NewHBox(e.save, e.cancel), nil, nil, e.entry)
	e.box.Hide()
}

// onEdit switches the transcript to an editor holding its text (empty for
// a take with no transcript: typing one creates it).
func (s *reviewScreen) onEdit() {
	if s.take == nil || s.edit.on {
		return
	}
	s.pausePlayback()
	s.edit.on = true
	text := ""
	if s.hasTranscript() {
		text = s.take.Transcript.Text
	}
	s.edit.entry.SetText(text)
	s.text.box.Hide()
	s.edit.box.Show()
	s.head.editBtn.Disable()
	if s.win != nil {
		s.win.Canvas().Focus(s.edit.entry)
	}
}

// onCancelEdit leaves the editor without saving.
func (s *reviewScreen) onCancelEdit() {
	s.edit.on = false
	s.edit.box.Hide()
	s.text.box.Show()
	enable(s.head.editBtn, s.take != nil)
}

// onSaveEdit stores the edited transcript (words left unchanged keep
// their timings) and reviews the take again. On failure the editor keeps
// the text and says why.
func (s *reviewScreen) onSaveEdit() {
	if s.take == nil || !s.edit.on {
		return
	}
	text := s.edit.entry.Text
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
		t.Duration = s.playback.duration
	}
	if q := s.deps.Transcription; q != nil {
		// A transcript arriving later must not overwrite the one typed here.
		if st := q.Status(s.takeID); st.State == transcribe.StateQueued || st.State == transcribe.StateTranscribing {
			q.Cancel(s.takeID)
			s.head.queueStatus = nil
		}
	}
	// The transcript and the notes that move with it are written at once.
	if err := s.deps.Store.ReplaceTranscript(s.sessID, s.takeID, t); err != nil {
		s.notify(fmt.Errorf("saving the transcript (your text is still in the editor): %w", err))
		return
	}
	s.onCancelEdit()
	s.selA, s.selB, s.current = -1, -1, -1
	s.refresh()
}
