package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/rehearse-app/rehearse/audio"
)

func TestPaceIndicator(t *testing.T) {
	test.NewTempApp(t)
	p := newPaceIndicator()
	w := test.NewTempWindow(t, p)
	w.Resize(p.MinSize())
	r := test.WidgetRenderer(p).(*paceRenderer)
	if r.label.Text != "Pace: listening…" {
		t.Errorf("before a reading: %q", r.label.Text)
	}
	for i, v := range paceSegments {
		p.SetPace(audio.LivePace{Verdict: v, WPM: 100 + float64(i)*50})
		if got := p.Reading().Verdict; got != v {
			t.Fatalf("reading %s, want %s", got, v)
		}
		for j, s := range r.segs {
			on := s.FillColor != r.segs[(j+1)%3].FillColor && s.FillColor != r.segs[(j+2)%3].FillColor
			if on != (i == j) {
				t.Errorf("verdict %s: segment %s lit=%v", v, paceSegments[j], on)
			}
		}
	}
	if want := "Pace: fast, ≈200 wpm"; r.label.Text != want {
		t.Errorf("label %q, want %q", r.label.Text, want)
	}
}
