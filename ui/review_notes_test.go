package ui

import (
	"math"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/rehearse-app/rehearse/app"
	"github.com/rehearse-app/rehearse/session"
)

func TestReviewNotesAddEditDelete(t *testing.T) {
	f := newReviewFixture(t, reviewOpts{})
	tr := timedTranscript(answerText, -1)
	take := f.addTake(tr.Duration, tr)
	f.open(take)
	s := f.s
	// A note on a word: select "attribution", attach to the selection.
	off := strings.Index(answerText, "attribution")
	pos, _ := cellPos(s.text.view, off)
	test.TapAt(s.text.view, pos)
	s.notes.anchor.SetSelected(anchorSelection)
	if !strings.Contains(s.notes.hint.Text, "attribution") {
		t.Errorf("note hint %q should quote the selection", s.notes.hint.Text)
	}
	s.notes.tag.SetSelected("Praise")
	if !s.notes.author.Visible() {
		t.Fatal("with no coach name in Settings, the form should ask for one")
	}
	test.Type(s.notes.author, "Dana")
	test.Type(s.notes.text, "Good: starts from the data.")
	test.Tap(s.notes.save)
	// A note at the playback time.
	f.player().Seek(4500 * time.Millisecond)
	s.notes.anchor.SetSelected(anchorTime)
	s.notes.tag.SetSelected("Question")
	if s.notes.author.Visible() {
		t.Error("the coach's name is asked only once")
	}
	test.Type(s.notes.text, "Why this channel?")
	test.Tap(s.notes.save)
	if len(f.errs) > 0 {
		t.Fatalf("errors: %v", f.errs)
	}

	sess, _ := f.store.Get(f.sessID)
	notes := sess.TakeNotes(take)
	if len(notes) != 2 {
		t.Fatalf("stored notes: %+v, want 2", notes)
	}
	n0, n1 := notes[0], notes[1]
	if n0.Tag != session.TagPraise || n0.Author != "Dana" || n0.Start != off || n0.End != off+len("attribution") || n0.Time != -1 {
		t.Errorf("span note stored as %+v", n0)
	}
	if n1.Tag != session.TagQuestion || n1.Start != -1 || math.Abs(n1.Time-4.5) > 0.001 || n1.Author != "Dana" {
		t.Errorf("time note stored as %+v", n1)
	}
	if got := f.app.Preferences().String(app.PrefCoachName); got != "Dana" {
		t.Errorf("coach name saved as %q", got)
	}
	if len(s.notes.rows) != 2 || !reviewGridHas(s.text.view, "[note 1]") || !reviewGridHas(s.text.view, "[note 2]") {
		t.Fatalf("notes shown: %d rows; markers in text: %v %v", len(s.notes.rows), reviewGridHas(s.text.view, "[note 1]"), reviewGridHas(s.text.view, "[note 2]"))
	}
	if st, _ := cellStyle(s.text.view, off+2); st == nil || !st.Style().Underline {
		t.Error("the noted word is not underlined")
	}

	// Edit the first note.
	test.Tap(s.notes.rows[0].edit)
	if s.notes.text.Text != n0.Text || s.notes.save.Text != "Save note" {
		t.Fatalf("edit form holds %q / %q", s.notes.text.Text, s.notes.save.Text)
	}
	s.notes.text.SetText("Good: starts from attribution data.")
	s.notes.tag.SetSelected("Fix")
	test.Tap(s.notes.save)
	sess, _ = f.store.Get(f.sessID)
	if e := sess.Note(n0.ID); e == nil || e.Text != "Good: starts from attribution data." || e.Tag != session.TagFix || e.Start != off {
		t.Fatalf("edited note stored as %+v", e)
	}

	// Delete the second: it asks first; Cancel keeps it, Delete removes it.
	test.Tap(s.notes.rows[1].drop)
	tapDialogButton(t, f.win, "Cancel")
	if sess, _ = f.store.Get(f.sessID); sess.Note(n1.ID) == nil {
		t.Fatal("cancelled delete removed the note")
	}
	test.Tap(s.notes.rows[1].drop)
	tapDialogButton(t, f.win, "Delete")
	sess, _ = f.store.Get(f.sessID)
	if sess.Note(n1.ID) != nil || len(sess.TakeNotes(take)) != 1 {
		t.Fatalf("note not deleted: %+v", sess.TakeNotes(take))
	}
	if len(s.notes.rows) != 1 || reviewGridHas(s.text.view, "[note 2]") {
		t.Error("deleted note still shown")
	}

	// A fresh screen on the same store shows what was saved.
	f2 := &reviewFixture{uiFixture: &uiFixture{t: t, q: newUIQueue()}, sessID: f.sessID}
	f2.s = newReviewScreen(f.s.deps, f.win, func(err error) { t.Error(err) })
	f2.s.do = f2.q.do
	f2.open(take)
	if len(f2.s.notes.rows) != 1 || !strings.Contains(f2.s.notes.rows[0].text.Text, "attribution data") {
		t.Fatalf("reloaded screen shows %d notes", len(f2.s.notes.rows))
	}
	f2.s.shutdown()
}

// tapDialogButton taps the button labelled label in the window's top overlay.
func tapDialogButton(t *testing.T, w fyne.Window, label string) {
	t.Helper()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatalf("no dialog shown (looking for %q)", label)
	}
	var found *widget.Button
	reviewWalk(top, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == label && found == nil {
			found = b
		}
	})
	if found == nil {
		t.Fatalf("dialog has no %q button", label)
	}
	test.Tap(found)
}

func reviewWalk(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	fn(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			reviewWalk(c, fn)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			reviewWalk(c, fn)
		}
	}
}
