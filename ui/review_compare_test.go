package ui

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

func TestReviewRetakeAndCompare(t *testing.T) {
	f := newReviewFixture(t, reviewOpts{})
	t1 := f.addTake(12, timedTranscript(answerText, -1))
	second := "I'd start with the attribution data and align with sales leadership, then hold ten percent for testing."
	t2 := f.addTake(8, timedTranscript(second, -1))
	f.open("") // no take named: the latest
	s := f.s
	if s.takeID != t2 {
		t.Fatalf("open with no take shows %q, want the latest %q", s.takeID, t2)
	}
	if len(s.head.takeSel.Options) != 2 || !strings.HasPrefix(s.head.takeSel.Selected, "Take 2 · Q1") {
		t.Fatalf("take picker %v / %q", s.head.takeSel.Options, s.head.takeSel.Selected)
	}
	test.Tap(s.head.retakeBtn)
	if len(f.retakes) != 1 || f.retakes[0] != f.sessID+"/"+f.question.ID {
		t.Errorf("retake calls %v", f.retakes)
	}
	test.Tap(s.head.compareBtn)
	f.q.until(t, "the comparison", func() bool { return s.compare.grid != nil })
	var texts []string
	for _, o := range s.compare.grid.Objects {
		texts = append(texts, o.(*widget.Label).Text)
	}
	all := strings.Join(texts, "|")
	w1 := fmt.Sprint(len(strings.Fields(answerText)))
	w2 := fmt.Sprint(len(strings.Fields(second)))
	if !strings.Contains(all, "Take 2 · 0:08 (open)") || !strings.Contains(all, "|Words|"+w1+"|"+w2+"|") {
		t.Errorf("comparison %q: want both takes' word counts %s and %s", all, w1, w2)
	}
	// Picking the other take in the picker opens it.
	s.head.takeSel.SetSelectedIndex(0)
	f.waitLoaded()
	if s.takeID != t1 || s.report.Metrics.Words != len(strings.Fields(answerText)) {
		t.Errorf("picker did not open take 1 (open %s)", s.takeID)
	}
}
