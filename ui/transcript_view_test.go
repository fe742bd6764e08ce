package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// TestTranscriptViewIsProportional: the transcript is set in the
// proportional text font (a narrow letter takes less room than a wide
// one), wraps at the view's width, and a tap still finds its byte.
func TestTranscriptViewIsProportional(t *testing.T) {
	test.NewTempApp(t)
	v := newTranscriptView(newKindPalette(nil))
	w := test.NewWindow(v)
	defer w.Close()
	w.Resize(fyne.NewSize(500, 300))
	text := "iiii MMMM"
	v.SetContent(text, nil, nil, nil)
	if len(v.rows) != 1 || len(v.xs[0]) != len(text) {
		t.Fatalf("rows %d, cells %v", len(v.rows), v.xs)
	}
	narrow := v.xs[0][1] - v.xs[0][0]
	wide := v.xs[0][7] - v.xs[0][6]
	if narrow <= 0 || narrow >= wide {
		t.Fatalf("'i' is %v wide and 'M' %v: not a proportional font", narrow, wide)
	}
	var got []int
	v.onWord = func(off int) { got = append(got, off) }
	v.Tapped(&fyne.PointEvent{Position: fyne.NewPos(v.xs[0][6]+1, v.cell.Height/2)})
	if len(got) != 1 || got[0] != 6 {
		t.Fatalf("tap on the second M reported %v, want [6]", got)
	}

	long := ""
	for i := 0; i < 60; i++ {
		long += "word "
	}
	v.SetContent(long, nil, nil, nil)
	if len(v.rows) < 2 {
		t.Fatalf("a long text was not wrapped: %d rows", len(v.rows))
	}
	for r := range v.rows {
		if last := len(v.xs[r]) - 1; last >= 0 && v.xs[r][last] > v.wrapW {
			t.Errorf("row %d runs past the wrap width", r)
		}
	}
}

// TestReviewTranscriptKeepsItsWidth: the transcript area is as wide with
// no transcript as with one, so nothing moves when the transcript arrives.
func TestReviewTranscriptKeepsItsWidth(t *testing.T) {
	f := newReviewFixture(t, reviewOpts{})
	id := f.addTake(3, nil)
	f.open(id)
	before := f.s.text.box.MinSize().Width
	if before < transcriptMinWidth {
		t.Fatalf("empty transcript area is %v wide, want at least %v", before, transcriptMinWidth)
	}
	tr := timedTranscript(answerText, -1)
	if err := f.store.SaveTranscript(f.sessID, id, tr); err != nil {
		t.Fatal(err)
	}
	f.s.loaded = false
	f.s.refresh()
	f.waitLoaded()
	if !f.s.text.view.Visible() {
		t.Fatal("the transcript is not shown")
	}
	if after := f.s.text.box.MinSize().Width; after != before {
		t.Fatalf("transcript area went from %v to %v wide when the transcript arrived", before, after)
	}
}
