package ui

import (
	"math"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/rehearse-app/rehearse/app"
	"github.com/rehearse-app/rehearse/review"
)

func TestReviewSeekWithoutTimingsUsesEstimate(t *testing.T) {
	f := newReviewFixture(t, reviewOpts{})
	tr := &review.Transcript{Text: answerText, Words: []review.Word{}, Segments: []review.Segment{}}
	take := f.addTake(20, tr)
	f.open(take)
	off := strings.Index(answerText, "velocity")
	want := float64(off) / float64(len(answerText)) * 20
	f.tapSeeks(t, off, want, "the proportional time", "estimate", "the time is an estimate")
}

// tapSeeks taps the transcript at byte offset off: the player must seek
// to want seconds (within 10 ms) and the seek note must contain basis.
// wantWhat and basisWhat say what those are, for the failure messages.
func (f *reviewFixture) tapSeeks(t *testing.T, off int, want float64, wantWhat, basis, basisWhat string) {
	t.Helper()
	s, p := f.s, f.player()
	pos, _ := cellPos(s.text.view, off)
	test.TapAt(s.text.view, pos)
	if got, _ := p.lastSeek(); math.Abs(got.Seconds()-want) > 0.01 {
		t.Fatalf("seek = %v, want %.2f s (%s)", got, want, wantWhat)
	}
	if !strings.Contains(s.playback.seekNote.Text, basis) {
		t.Errorf("seek note %q should say %s", s.playback.seekNote.Text, basisWhat)
	}
}

func TestReviewDragSelectsAStretchForANote(t *testing.T) {
	f := newReviewFixture(t, reviewOpts{})
	f.app.Preferences().SetString(app.PrefCoachName, "Sam")
	tr := timedTranscript(answerText, -1)
	take := f.addTake(tr.Duration, tr)
	f.open(take)
	s := f.s
	if s.notes.author.Visible() {
		t.Error("with a coach name in Settings the form should not ask for one")
	}
	a := strings.Index(answerText, "attribution")
	b := strings.Index(answerText, "velocity")
	pa, _ := cellPos(s.text.view, a+3)
	pb, _ := cellPos(s.text.view, b+2)
	s.text.view.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: pa}})
	s.text.view.MouseUp(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: pb}})
	test.TapAt(s.text.view, pb) // the tap that ends a drag is not a word tap
	want := b + len("velocity")
	if s.selA != a || s.selB != want {
		t.Fatalf("selection %d..%d, want %d..%d (attribution … velocity)", s.selA, s.selB, a, want)
	}
	s.notes.anchor.SetSelected(anchorSelection)
	test.Type(s.notes.text, "Name the attribution model.")
	test.Tap(s.notes.save)
	sess, _ := f.store.Get(f.sessID)
	notes := sess.TakeNotes(take)
	if len(notes) != 1 || notes[0].Start != a || notes[0].End != want || notes[0].Author != "Sam" {
		t.Fatalf("notes %+v", notes)
	}
}

func TestReviewSeekBySegmentWhenNoWordTimings(t *testing.T) {
	f := newReviewFixture(t, reviewOpts{})
	first := "Um, I think we should just do LinkedIn Ads."
	rest := strings.TrimPrefix(answerText, first+" ")
	tr := &review.Transcript{Text: answerText, Words: []review.Word{}, Duration: 30,
		Segments: []review.Segment{{Start: 1, End: 5, Text: first}, {Start: 10, End: 28, Text: rest}}}
	take := f.addTake(30, tr)
	f.open(take)
	off := strings.Index(answerText, "Then")
	a := len(first) + 1
	want := 10 + float64(off-a)/float64(len(rest))*18
	f.tapSeeks(t, off, want, "within the second segment", "segment", "segment timings were used")
}

func reviewGridHas(v *transcriptView, s string) bool {
	for _, row := range v.gridRows {
		var b strings.Builder
		for _, c := range row.Cells {
			b.WriteRune(c.Rune)
		}
		if strings.Contains(b.String(), s) {
			return true
		}
	}
	return false
}

// cellStyle returns the grid style of the cell showing byte offset off.
func cellStyle(v *transcriptView, off int) (widget.TextGridStyle, bool) {
	for r, row := range v.rows {
		for c, ref := range row {
			if ref == textRef(off) {
				return v.gridRows[r].Cells[c].Style, true
			}
		}
	}
	return nil, false
}

// cellPos returns where in the view the cell showing off is.
func cellPos(v *transcriptView, off int) (fyne.Position, bool) {
	for r, row := range v.rows {
		for c, ref := range row {
			if ref == textRef(off) {
				return fyne.NewPos(v.xs[r][c]+1, (float32(r)+0.5)*v.cell.Height-v.scroll.Offset.Y), true
			}
		}
	}
	return fyne.Position{}, false
}
