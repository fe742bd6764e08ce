package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/rehearse-app/rehearse/app"
	"github.com/rehearse-app/rehearse/audio"
	"github.com/rehearse-app/rehearse/internal/testkit"
	"github.com/rehearse-app/rehearse/review"
)

// TestPracticeLivePace: while a take records from a file-fed microphone,
// the pace indicator beside the meter moves from "listening" to a reading,
// and it goes away when the take stops.
func TestPracticeLivePace(t *testing.T) {
	f := newFixture(t)
	f.rec.Samples = testkit.Syllables(12, 4)
	p := f.ui.practice
	p.pick.category.SetSelected(review.CategoryTitle(review.CategoryStrategic))
	p.pick.question.SetSelectedIndex(0)
	test.Tap(p.pick.startOne)
	test.Tap(p.ctl.skip)
	if !p.live.pace.Visible() || p.live.pace.Reading().Verdict != audio.PaceUnknown {
		t.Fatalf("at the start: visible %v, reading %+v; want a visible indicator, listening", p.live.pace.Visible(), p.live.pace.Reading())
	}
	f.q.until(t, "a live pace reading", func() bool { return p.live.pace.Reading().WPM > 0 })
	lp := p.live.pace.Reading()
	t.Logf("live pace on 4 syllables a second: %.0f wpm, %s", lp.WPM, lp.Verdict)
	if lp.Verdict == audio.PaceUnknown || lp.WPM < 60 || lp.WPM > 300 {
		t.Errorf("reading %+v: want a verdict and a plausible rate", lp)
	}
	f.pressSpace()
	if p.live.pace.Visible() {
		t.Error("the pace indicator stays after the take stopped")
	}
}

// TestPracticeLivePaceOff: with the setting off, no pace is measured or shown.
func TestPracticeLivePaceOff(t *testing.T) {
	f := newFixture(t)
	f.app.Preferences().SetBool(app.PrefLivePaceOff, true)
	f.rec.Samples = testkit.Syllables(6, 4)
	p := f.ui.practice
	p.pick.category.SetSelected(review.CategoryTitle(review.CategoryStrategic))
	p.pick.question.SetSelectedIndex(0)
	test.Tap(p.pick.startOne)
	test.Tap(p.ctl.skip)
	f.q.until(t, "the take to be captured", func() bool { return p.recording.Frames() >= int64(len(f.rec.Samples)) })
	if p.live.pace.Visible() {
		t.Error("pace indicator shown with the live pace off")
	}
	if calls := f.rec.Calls(); calls[len(calls)-1].Pace != nil {
		t.Error("the recorder was asked for live pace with the setting off")
	}
	f.pressSpace()
}
