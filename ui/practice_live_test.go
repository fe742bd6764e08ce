package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/rehearse-app/rehearse/app"
	"github.com/rehearse-app/rehearse/audio"
	"github.com/rehearse-app/rehearse/internal/testkit"
	"github.com/rehearse-app/rehearse/review"
	"github.com/rehearse-app/rehearse/session"
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

// TestPaceCalibrationRefresh: the live meter's calibration is read from the
// library in the background; before that it is none, after it the median
// of the speaker's transcribed takes.
func TestPaceCalibrationRefresh(t *testing.T) {
	st := openStore(t, nil)
	s, err := st.Create("calibration", testBank(t).ByCategory(review.CategoryReverse)[:1])
	if err != nil {
		t.Fatal(err)
	}
	qid := s.Questions[0].ID
	for _, sum := range []*review.Summary{
		{Words: 120, WPM: 150, WPMAudio: 120}, // 1.25
		{Words: 90, WPM: 130, WPMAudio: 100},  // 1.3
		{Words: 60, WPM: 110, WPMAudio: 100},  // 1.1
	} {
		id, _, err := st.NewTakePath(s.ID, qid)
		if err != nil {
			t.Fatal(err)
		}
		if err := st.AddTake(s.ID, session.Take{ID: id, QuestionID: qid}); err != nil {
			t.Fatal(err)
		}
		if err := st.SetSummary(s.ID, id, sum); err != nil {
			t.Fatal(err)
		}
	}
	var c paceCalibration
	if got := c.get(); got.Factor != 1 || got.Takes != 0 {
		t.Fatalf("before a refresh: %+v, want factor 1 from no takes", got)
	}
	c.refresh(nil) // no library: stays none
	c.refresh(st)
	deadline := time.Now().Add(5 * time.Second)
	for c.get().Takes == 0 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if got := c.get(); got.Takes != 3 || got.Factor != 1.25 {
		t.Errorf("after a refresh: %+v, want factor 1.25 from 3 takes", got)
	}
}
