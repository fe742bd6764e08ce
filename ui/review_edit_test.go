package ui

import (
	"math"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/rehearse-app/rehearse/review"
	"github.com/rehearse-app/rehearse/session"
)

func TestReviewEditTranscriptKeepsTimingsAndReviewsAgain(t *testing.T) {
	f := newReviewFixture(t, reviewOpts{})
	tr := timedTranscript(answerText, -1)
	take := f.addTake(tr.Duration, tr)
	f.open(take)
	s := f.s
	before := s.report.Metrics.Fillers
	if before < 2 {
		t.Fatalf("fillers before = %d, want at least 2", before)
	}
	// Notes on "attribution" (kept, moves with the text) and "LinkedIn"
	// (changed: the note keeps its time instead).
	attr := strings.Index(answerText, "attribution")
	li := strings.Index(answerText, "LinkedIn")
	for _, span := range [][2]int{{attr, attr + len("attribution")}, {li, li + len("LinkedIn")}} {
		if _, err := f.store.AddNote(f.sessID, session.Note{TakeID: take, Author: "A", Tag: session.TagFix,
			Text: "x", Start: span[0], End: span[1], Time: -1}); err != nil {
			t.Fatal(err)
		}
	}
	f.s.refresh()
	f.waitLoaded()
	test.Tap(s.head.editBtn)
	if !s.edit.on || s.edit.entry.Text != answerText {
		t.Fatalf("editor open %v with %q", s.edit.on, s.edit.entry.Text)
	}
	// Drop "Um," and change "LinkedIn" to "paid social".
	edited := strings.Replace(strings.TrimPrefix(answerText, "Um, "), "LinkedIn Ads", "paid social", 1)
	s.edit.entry.SetText(edited)
	test.Tap(s.edit.save)
	f.waitLoaded()
	if s.edit.on {
		t.Fatal("editor still open after saving")
	}
	sess, err := f.store.Get(f.sessID)
	if err != nil {
		t.Fatal(err)
	}
	got := sess.Take(take).Transcript
	if got.Text != edited {
		t.Fatalf("stored text %q, want %q", got.Text, edited)
	}
	if got.Source == nil || got.Source.Model != review.SourceManualEdited {
		t.Errorf("source = %+v, want %s", got.Source, review.SourceManualEdited)
	}
	// Every word but the three changed keeps its timing, in order.
	var want []review.Word
	for i, w := range tr.Words {
		if i == 0 || w.Word == "LinkedIn" || w.Word == "Ads" {
			continue
		}
		want = append(want, w)
	}
	if len(got.Words) != len(want) {
		t.Fatalf("%d timed words after the edit, want the %d unchanged: %+v", len(got.Words), len(want), got.Words)
	}
	for i, w := range got.Words {
		if review.NormalizeWord(w.Word) != review.NormalizeWord(want[i].Word) || w.Start != want[i].Start || w.End != want[i].End {
			t.Errorf("timed word %d = %+v, want %+v", i, w, want[i])
		}
	}
	if s.report.Metrics.Fillers != before-1 {
		t.Errorf("fillers after removing “Um” = %d, want %d (reviewed again)", s.report.Metrics.Fillers, before-1)
	}
	notes := sess.TakeNotes(take)
	if len(notes) != 2 {
		t.Fatalf("notes after the edit: %+v", notes)
	}
	if a := strings.Index(edited, "attribution"); notes[0].Start != a || notes[0].End != a+len("attribution") {
		t.Errorf("note on “attribution” now at %d..%d, want %d..%d", notes[0].Start, notes[0].End, a, a+len("attribution"))
	}
	if liTime := tr.Words[indexOfWord(answerText, "LinkedIn")].Start; notes[1].Start != -1 || math.Abs(notes[1].Time-liTime) > 0.001 {
		t.Errorf("note on the replaced “LinkedIn” = %+v, want no span and time %.2f", notes[1], liTime)
	}
	if !strings.Contains(s.head.state.Text, "corrected by hand") {
		t.Errorf("state %q should say the transcript was corrected by hand", s.head.state.Text)
	}
}

func TestReviewTypedTranscriptForUntranscribedTake(t *testing.T) {
	f := newReviewFixture(t, reviewOpts{})
	take := f.addTake(12, nil)
	f.open(take)
	s := f.s
	if !strings.Contains(s.head.state.Text, "No transcription service") || s.head.transcribeBtn.Visible() {
		t.Fatalf("state %q (transcribe button shown %v): want the hint to type the transcript", s.head.state.Text, s.head.transcribeBtn.Visible())
	}
	if s.head.editBtn.Text != "Type transcript" {
		t.Errorf("edit button says %q", s.head.editBtn.Text)
	}
	test.Tap(s.head.editBtn)
	// An empty save is refused and keeps the editor open.
	test.Tap(s.edit.save)
	if len(f.errs) != 1 || !s.edit.on {
		t.Fatalf("empty save: errors %v, editing %v", f.errs, s.edit.on)
	}
	test.Type(s.edit.entry, answerText)
	test.Tap(s.edit.save)
	f.waitLoaded()
	sess, _ := f.store.Get(f.sessID)
	got := sess.Take(take).Transcript
	if got == nil || got.Text != answerText || got.Source.Model != review.SourceManual {
		t.Fatalf("stored transcript %+v", got)
	}
	if got.Duration != 12 {
		t.Errorf("typed transcript duration %.1f, want the take's 12 s", got.Duration)
	}
	if s.report == nil || s.report.Metrics.Fillers < 2 {
		t.Fatalf("typed transcript not reviewed: %+v", s.report)
	}
}

func TestReviewSaveFailureKeepsText(t *testing.T) {
	f := newReviewFixture(t, reviewOpts{})
	take := f.addTake(5, nil)
	f.open(take)
	s := f.s
	test.Tap(s.head.editBtn)
	test.Type(s.edit.entry, "so the plan is")
	s.sessID = "no-such-session" // the store refuses the save
	test.Tap(s.edit.save)
	if len(f.errs) != 1 || !strings.Contains(f.errs[0].Error(), "still in the editor") {
		t.Fatalf("errors %v, want one saying the text is kept", f.errs)
	}
	if !s.edit.on || s.edit.entry.Text != "so the plan is" {
		t.Fatalf("after a failed save: editing %v, text %q", s.edit.on, s.edit.entry.Text)
	}
}
