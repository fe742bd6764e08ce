package ui

import (
	"math"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/rehearse-app/rehearse/app"
	"github.com/rehearse-app/rehearse/audio"
	"github.com/rehearse-app/rehearse/review"
)

// syllables is secs of speech-like sound at 16 kHz: voiced bursts (a
// 140 Hz buzz with its harmonics under a smooth envelope), perSecond of
// them a second, with a short breath every eighth.
func syllables(secs, perSecond float64) []int16 {
	out := make([]int16, int(secs*audio.TakeRate))
	step := 1 / perSecond
	for k, t := 0, 0.05; t+0.15 < secs; k, t = k+1, t+step {
		if k%8 == 7 {
			t += 0.35 // a breath
		}
		a, n := int(t*audio.TakeRate), int(0.15*audio.TakeRate)
		for i := 0; i < n && a+i < len(out); i++ {
			env := math.Sin(math.Pi * float64(i) / float64(n))
			ph := 2 * math.Pi * 140 * float64(a+i) / audio.TakeRate
			v := 0.0
			for h := 1; h <= 6; h++ {
				v += math.Sin(float64(h)*ph) / float64(h)
			}
			out[a+i] = int16(6000 * env * v)
		}
	}
	return out
}

// TestPracticeLivePace: while a take records from a file-fed microphone,
// the pace indicator beside the meter moves from "listening" to a reading,
// and it goes away when the take stops.
func TestPracticeLivePace(t *testing.T) {
	f := newFixture(t)
	f.rec.Samples = syllables(12, 4)
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
	f.rec.Samples = syllables(6, 4)
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
