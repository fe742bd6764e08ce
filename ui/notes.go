package ui

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/rehearse-app/rehearse/app"
	"github.com/rehearse-app/rehearse/session"
)

// Note form choices.
const (
	anchorSelection = "Selected text"
	anchorTime      = "Playback time"
	anchorWhole     = "Whole take"
	defaultAuthor   = "Coach"
)

var noteTags = []struct{ tag, label string }{
	{session.TagPraise, "Praise"},
	{session.TagFix, "Fix"},
	{session.TagQuestion, "Question"},
}

func tagLabel(tag string) string {
	for _, t := range noteTags {
		if t.tag == tag {
			return t.label
		}
	}
	return tag
}

// buildNotes makes the note form: tag, what the note is attached to, the
// author (asked once, when Settings has none) and the text.
func (s *reviewScreen) buildNotes() {
	var labels []string
	for _, t := range noteTags {
		labels = append(labels, t.label)
	}
	s.noteHint = widget.NewLabel("")
	s.noteHint.Wrapping = fyne.TextWrapWord
	s.noteHint.SizeName = theme.SizeNameCaptionText
	s.noteTag = widget.NewRadioGroup(labels, nil)
	s.noteTag.Horizontal = true
	s.noteTag.Required = true
	s.noteTag.SetSelected("Fix")
	s.noteAnchor = widget.NewRadioGroup([]string{anchorSelection, anchorTime, anchorWhole}, func(string) { s.updateAnchorHint() })
	s.noteAnchor.Horizontal = true
	s.noteAnchor.Required = true
	s.noteAnchor.SetSelected(anchorTime)
	s.noteAuthor = widget.NewEntry()
	s.noteAuthor.SetPlaceHolder("Your name, as the notes' author (asked once; change it in Settings)")
	s.noteText = widget.NewMultiLineEntry()
	s.noteText.Wrapping = fyne.TextWrapWord
	s.noteText.SetMinRowsVisible(3)
	s.noteText.SetPlaceHolder("What went well, what to fix, or a question for the candidate…")
	s.noteSave = widget.NewButtonWithIcon("Add note", theme.ContentAddIcon(), s.onSaveNote)
	s.noteSave.Importance = widget.HighImportance
	s.noteCancel = widget.NewButtonWithIcon("Cancel edit", theme.CancelIcon(), s.resetNoteForm)
	s.noteCancel.Hide()
	s.notesBox = container.NewVBox()
}

func (s *reviewScreen) notesPanel() fyne.CanvasObject {
	form := container.NewVBox(
		s.noteTag, s.noteAnchor, s.noteHint, s.noteAuthor, s.noteText,
		container.NewHBox(s.noteSave, s.noteCancel),
	)
	return container.NewBorder(container.NewVBox(form, widget.NewSeparator()), nil, nil, nil,
		container.NewVScroll(s.notesBox))
}

// coachName is the author from Settings ("" when none is set).
func (s *reviewScreen) coachName() string {
	if s.deps.Prefs == nil {
		return ""
	}
	return strings.TrimSpace(s.deps.Prefs.String(app.PrefCoachName))
}

// takeNotes returns the notes on the open take.
func (s *reviewScreen) takeNotes() []session.Note {
	if s.sess == nil {
		return nil
	}
	return s.sess.TakeNotes(s.takeID)
}

// updateAnchorHint says what a new note would be attached to.
func (s *reviewScreen) updateAnchorHint() {
	if s.editingNote != "" {
		return
	}
	a, b := s.noteSpan()
	switch s.noteAnchor.Selected {
	case anchorSelection:
		if a < 0 {
			s.noteHint.SetText("Click a word, drag across words, or pick a finding to choose the stretch of transcript.")
		} else {
			s.noteHint.SetText("On “" + excerptOf(s.tl.text, a, b) + "”")
		}
	case anchorTime:
		s.noteHint.SetText("At the playback position when you add the note.")
	default:
		s.noteHint.SetText("On the take as a whole.")
	}
}

// noteSpan is the stretch a new note on the selection would cover: the
// selection, or the current finding's words.
func (s *reviewScreen) noteSpan() (int, int) {
	if s.selA >= 0 && s.selB > s.selA {
		return s.selA, s.selB
	}
	if s.report != nil && s.current >= 0 {
		if f := s.report.Findings[s.current]; f.End > f.Start {
			return f.Start, f.End
		}
	}
	return -1, -1
}

func excerptOf(text string, a, b int) string {
	if a < 0 || b > len(text) || a >= b {
		return ""
	}
	t := strings.Join(strings.Fields(text[a:b]), " ")
	if r := []rune(t); len(r) > 50 {
		t = string(r[:47]) + "…"
	}
	return t
}

// showNotes lists the notes on the open take.
func (s *reviewScreen) showNotes() {
	s.noteRows = nil
	s.notesBox.RemoveAll()
	notes := s.takeNotes()
	if len(notes) == 0 {
		l := widget.NewLabel("No notes on this take yet.")
		s.notesBox.Add(l)
	}
	for i, n := range notes {
		r := s.newNoteRow(i, n)
		s.noteRows = append(s.noteRows, r)
		s.notesBox.Add(r.box)
	}
	if s.editingNote == "" {
		if s.coachName() == "" { // Settings may have changed
			s.noteAuthor.Show()
		} else {
			s.noteAuthor.Hide()
		}
	}
	s.updateAnchorHint()
}

// noteRow is one note in the list, with its buttons.
type noteRow struct {
	id               string
	box              fyne.CanvasObject
	text             *widget.Label
	show, edit, drop *widget.Button
}

func (s *reviewScreen) newNoteRow(i int, n session.Note) *noteRow {
	r := &noteRow{id: n.ID}
	head := widget.NewLabel(fmt.Sprintf("[note %d] %s · %s · %s", i+1, tagLabel(n.Tag), n.Author, s.noteWhere(n)))
	head.TextStyle = fyne.TextStyle{Bold: true}
	head.Wrapping = fyne.TextWrapWord
	r.text = widget.NewLabel(n.Text)
	r.text.Wrapping = fyne.TextWrapWord
	r.show = widget.NewButtonWithIcon("", theme.MediaPlayIcon(), func() { s.onShowNote(n.ID) })
	r.edit = widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), func() { s.onEditNote(n.ID) })
	r.drop = widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { s.onDeleteNote(n.ID) })
	r.box = container.NewBorder(nil, widget.NewSeparator(), nil,
		container.NewVBox(container.NewHBox(r.show, r.edit, r.drop)),
		container.NewVBox(head, r.text))
	return r
}

// noteWhere says what a note is attached to.
func (s *reviewScreen) noteWhere(n session.Note) string {
	switch {
	case n.Start >= 0 && s.tl != nil && n.End <= len(s.tl.text):
		return "on “" + excerptOf(s.tl.text, n.Start, n.End) + "”"
	case n.Time >= 0:
		return "at " + clock(secDuration(n.Time))
	}
	return "whole take"
}

// onShowNote selects a note's stretch and plays from it.
func (s *reviewScreen) onShowNote(id string) {
	n := s.sess.Note(id)
	if n == nil {
		return
	}
	switch {
	case n.Start >= 0 && s.tl != nil && n.End <= len(s.tl.text):
		s.selectText(n.Start, n.End)
		s.playFromText(n.Start)
	case n.Time >= 0:
		s.playFrom(n.Time)
	}
}

// onEditNote loads a note into the form.
func (s *reviewScreen) onEditNote(id string) {
	n := s.sess.Note(id)
	if n == nil {
		return
	}
	s.editingNote = id
	s.noteTag.SetSelected(tagLabel(n.Tag))
	s.noteText.SetText(n.Text)
	s.noteSave.SetText("Save note")
	s.noteSave.SetIcon(theme.DocumentSaveIcon())
	s.noteCancel.Show()
	s.noteAnchor.Hide()
	s.noteAuthor.Hide()
	s.noteHint.SetText(fmt.Sprintf("Editing %s's note %s.", n.Author, s.noteWhere(*n)))
}

// resetNoteForm empties the form for a new note.
func (s *reviewScreen) resetNoteForm() {
	s.editingNote = ""
	s.noteText.SetText("")
	s.noteSave.SetText("Add note")
	s.noteSave.SetIcon(theme.ContentAddIcon())
	s.noteCancel.Hide()
	s.noteAnchor.Show()
	if s.coachName() == "" {
		s.noteAuthor.Show()
	} else {
		s.noteAuthor.Hide()
	}
	s.updateAnchorHint()
}

func (s *reviewScreen) selectedTag() string {
	for _, t := range noteTags {
		if t.label == s.noteTag.Selected {
			return t.tag
		}
	}
	return session.TagFix
}

// onSaveNote adds the note in the form, or saves the one being edited.
// On failure the form keeps what was typed.
func (s *reviewScreen) onSaveNote() {
	if s.take == nil {
		return
	}
	text := strings.TrimSpace(s.noteText.Text)
	if text == "" {
		s.notify(errors.New("the note is empty: type what you want to say first"))
		return
	}
	if s.editingNote != "" {
		old := s.sess.Note(s.editingNote)
		if old == nil {
			s.notify(fmt.Errorf("the note being edited no longer exists"))
			s.resetNoteForm()
			return
		}
		n := *old
		n.Tag, n.Text = s.selectedTag(), text
		if err := s.deps.Store.EditNote(s.sessID, n); err != nil {
			s.notify(fmt.Errorf("saving the note: %w", err))
			return
		}
		s.resetNoteForm()
		s.reloadNotes()
		return
	}
	n := session.Note{TakeID: s.takeID, Tag: s.selectedTag(), Text: text, Start: -1, End: -1, Time: -1}
	switch s.noteAnchor.Selected {
	case anchorSelection:
		a, b := s.noteSpan()
		if a < 0 {
			s.notify(errors.New("no stretch of transcript is selected: click a word, drag across words or pick a finding, or attach the note to the playback time"))
			return
		}
		n.Start, n.End = a, b
	case anchorTime:
		n.Time = s.pos()
	}
	n.Author = s.coachName()
	if n.Author == "" {
		n.Author = strings.TrimSpace(s.noteAuthor.Text)
		if n.Author != "" && s.deps.Prefs != nil {
			s.deps.Prefs.SetString(app.PrefCoachName, n.Author) // asked once
		}
	}
	if n.Author == "" {
		n.Author = defaultAuthor
	}
	if _, err := s.deps.Store.AddNote(s.sessID, n); err != nil {
		s.notify(fmt.Errorf("saving the note: %w", err))
		return
	}
	s.resetNoteForm()
	s.reloadNotes()
}

// onDeleteNote asks, then deletes a note.
func (s *reviewScreen) onDeleteNote(id string) {
	n := s.sess.Note(id)
	if n == nil {
		return
	}
	msg := fmt.Sprintf("Delete %s's %s note “%s”? This can't be undone.", n.Author, strings.ToLower(tagLabel(n.Tag)), excerptOf(n.Text, 0, len(n.Text)))
	d := dialog.NewConfirm("Delete note", msg, func(ok bool) {
		if !ok {
			return
		}
		if err := s.deps.Store.DeleteNote(s.sessID, id); err != nil {
			s.notify(fmt.Errorf("deleting the note: %w", err))
			return
		}
		if s.editingNote == id {
			s.resetNoteForm()
		}
		s.reloadNotes()
	}, s.win)
	d.SetConfirmText("Delete")
	d.SetDismissText("Cancel")
	d.Show()
}

// reloadNotes reads the session again and shows its notes, in the list
// and in the transcript.
func (s *reviewScreen) reloadNotes() {
	sess, err := s.deps.Store.Get(s.sessID)
	if err != nil {
		s.notify(fmt.Errorf("reloading the session: %w", err))
		return
	}
	tk := sess.Take(s.takeID)
	if tk == nil {
		s.notify(fmt.Errorf("session %s no longer has take %s", s.sessID, s.takeID))
		return
	}
	s.sess, s.take = sess, tk
	s.showNotes()
	if s.hasTranscript() {
		s.showTranscript()
	}
}
