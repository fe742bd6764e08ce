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

// reviewNotes is the notes tab: the form for a new (or edited) note and
// the list of the take's notes.
type reviewNotes struct {
	editing string // id of the note in the form, "" for a new one
	box     *fyne.Container
	rows    []*noteRow
	tag     *widget.RadioGroup
	anchor  *widget.RadioGroup
	author  *widget.Entry
	text    *widget.Entry
	save    *widget.Button
	cancel  *widget.Button
	hint    *widget.Label
}

// buildNotes makes the note form: tag, what the note is attached to, the
// author (asked once, when Settings has none) and the text.
func (s *reviewScreen) buildNotes() {
	var labels []string
	for _, t := range noteTags {
		labels = append(labels, t.label)
	}
	s.notes.hint = widget.NewLabel("")
	s.notes.hint.Wrapping = fyne.TextWrapWord
	s.notes.hint.SizeName = theme.SizeNameCaptionText
	s.notes.tag = widget.NewRadioGroup(labels, nil)
	s.notes.tag.Horizontal = true
	s.notes.tag.Required = true
	s.notes.tag.SetSelected("Fix")
	s.notes.anchor = widget.NewRadioGroup([]string{anchorSelection, anchorTime, anchorWhole}, func(string) { s.updateAnchorHint() })
	s.notes.anchor.Horizontal = true
	s.notes.anchor.Required = true
	s.notes.anchor.SetSelected(anchorTime)
	s.notes.author = widget.NewEntry()
	s.notes.author.SetPlaceHolder("Your name, as the notes' author (asked once; change it in Settings)")
	s.notes.text = widget.NewMultiLineEntry()
	s.notes.text.Wrapping = fyne.TextWrapWord
	s.notes.text.SetMinRowsVisible(3)
	s.notes.text.SetPlaceHolder("What went well, what to fix, or a question for the candidate…")
	s.notes.save = widget.NewButtonWithIcon("Add note", theme.ContentAddIcon(), s.onSaveNote)
	s.notes.save.Importance = widget.HighImportance
	s.notes.cancel = widget.NewButtonWithIcon("Cancel edit", theme.CancelIcon(), s.resetNoteForm)
	s.notes.cancel.Hide()
	s.notes.box = container.NewVBox()
}

func (s *reviewScreen) notesPanel() fyne.CanvasObject {
	form := container.NewVBox(
		s.notes.tag, s.notes.anchor, s.notes.hint, s.notes.author, s.notes.text,
		container.NewHBox(s.notes.save, s.notes.cancel),
	)
	return container.NewBorder(container.NewVBox(form, widget.NewSeparator()), nil, nil, nil,
		container.NewVScroll(s.notes.box))
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
	if s.notes.editing != "" {
		return
	}
	a, b := s.noteSpan()
	switch s.notes.anchor.Selected {
	case anchorSelection:
		if a < 0 {
			s.notes.hint.SetText("Click a word, drag across words, or pick a finding to choose the stretch of transcript.")
		} else {
			s.notes.hint.SetText("On “" + excerptOf(s.tl.Text(), a, b) + "”")
		}
	case anchorTime:
		s.notes.hint.SetText("At the playback position when you add the note.")
	default:
		s.notes.hint.SetText("On the take as a whole.")
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
	s.notes.rows = nil
	s.notes.box.RemoveAll()
	notes := s.takeNotes()
	if len(notes) == 0 {
		l := widget.NewLabel("No notes on this take yet.")
		s.notes.box.Add(l)
	}
	for i, n := range notes {
		r := s.newNoteRow(i, n)
		s.notes.rows = append(s.notes.rows, r)
		s.notes.box.Add(r.box)
	}
	if s.notes.editing == "" {
		if s.coachName() == "" { // Settings may have changed
			s.notes.author.Show()
		} else {
			s.notes.author.Hide()
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
	case n.Start >= 0 && s.tl != nil && n.End <= len(s.tl.Text()):
		return "on “" + excerptOf(s.tl.Text(), n.Start, n.End) + "”"
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
	case n.Start >= 0 && s.tl != nil && n.End <= len(s.tl.Text()):
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
	s.notes.editing = id
	s.notes.tag.SetSelected(tagLabel(n.Tag))
	s.notes.text.SetText(n.Text)
	s.notes.save.SetText("Save note")
	s.notes.save.SetIcon(theme.DocumentSaveIcon())
	s.notes.cancel.Show()
	s.notes.anchor.Hide()
	s.notes.author.Hide()
	s.notes.hint.SetText(fmt.Sprintf("Editing %s's note %s.", n.Author, s.noteWhere(*n)))
}

// resetNoteForm empties the form for a new note.
func (s *reviewScreen) resetNoteForm() {
	s.notes.editing = ""
	s.notes.text.SetText("")
	s.notes.save.SetText("Add note")
	s.notes.save.SetIcon(theme.ContentAddIcon())
	s.notes.cancel.Hide()
	s.notes.anchor.Show()
	if s.coachName() == "" {
		s.notes.author.Show()
	} else {
		s.notes.author.Hide()
	}
	s.updateAnchorHint()
}

func (s *reviewScreen) selectedTag() string {
	for _, t := range noteTags {
		if t.label == s.notes.tag.Selected {
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
	text := strings.TrimSpace(s.notes.text.Text)
	if text == "" {
		s.notify(errors.New("the note is empty: type what you want to say first"))
		return
	}
	if s.notes.editing != "" {
		old := s.sess.Note(s.notes.editing)
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
	switch s.notes.anchor.Selected {
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
		n.Author = strings.TrimSpace(s.notes.author.Text)
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
		if s.notes.editing == id {
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
