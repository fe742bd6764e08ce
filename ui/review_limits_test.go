package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/rehearse-app/rehearse/review"
)

// TestReviewEditRefusesHostileTranscripts types each hostile transcript in
// the editor and saves: the save is refused with the error shown, the text
// stays in the editor, and nothing reaches the library.
func TestReviewEditRefusesHostileTranscripts(t *testing.T) {
	cases := []struct {
		name, text, want string
	}{
		{"empty", "", "nothing to review: the transcript is empty"},
		{"blank", "  \n\t ", "nothing to review: the transcript is empty"},
		{"fillers and punctuation", "Um... uh, hmm?!", "nothing to review: the transcript is empty"},
		{"NUL byte", "so\x00the plan", "not a text transcript (binary data at byte 2: a NUL byte)"},
		{"escape sequence", "so \x1b[31mred", "binary data at byte 3: control character 0x1b"},
		// Too many words is refused by the same review.CheckTranscriptText
		// (tested in review); not here, as Fyne's Entry takes minutes to
		// lay out 750 KB of text.
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newReviewFixture(t, reviewOpts{})
			take := f.addTake(5, nil)
			f.open(take)
			s := f.s
			test.Tap(s.head.editBtn)
			s.edit.entry.SetText(c.text)
			test.Tap(s.edit.save)
			if len(f.errs) != 1 || !strings.Contains(f.errs[0].Error(), c.want) {
				t.Fatalf("errors %v, want one saying %q", f.errs, c.want)
			}
			if !s.edit.on || s.edit.entry.Text != c.text {
				t.Errorf("after the refusal: editing %v, editor holds %d bytes, want the %d typed", s.edit.on, len(s.edit.entry.Text), len(c.text))
			}
			sess, err := f.store.Get(f.sessID)
			if err != nil {
				t.Fatal(err)
			}
			if tr := sess.Take(take).Transcript; tr != nil && tr.Text != "" {
				t.Errorf("a refused transcript reached the library: %d bytes", len(tr.Text))
			}
		})
	}
}

// TestReviewFillersOnlyTranscriptHasNoScores opens a take whose
// transcript (as a server might return it) holds only fillers: the screen
// says there is nothing to review and shows no scores.
func TestReviewFillersOnlyTranscriptHasNoScores(t *testing.T) {
	f := newReviewFixture(t, reviewOpts{})
	take := f.addTake(3, &review.Transcript{Text: "Um, uh... hmm.", Words: []review.Word{}, Segments: []review.Segment{}})
	f.open(take)
	s := f.s
	if s.report != nil {
		t.Fatalf("a fillers-only transcript was scored: %+v", s.report.Scores)
	}
	if len(s.findings.box.Objects) != 1 || !strings.Contains(labelText(s.findings.box.Objects[0]), "Nothing to review") {
		t.Errorf("findings pane does not say there is nothing to review")
	}
	if len(s.findings.scoresBox.Objects) != 0 || !strings.Contains(s.findings.metrics.Text, "No scores") {
		t.Errorf("scores shown (%d) or metrics %q", len(s.findings.scoresBox.Objects), s.findings.metrics.Text)
	}
}

// labelText returns the text of a label, or "".
func labelText(o fyne.CanvasObject) string {
	if l, ok := o.(*widget.Label); ok {
		return l.Text
	}
	return ""
}
