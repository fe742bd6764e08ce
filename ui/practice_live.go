package ui

import (
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2/widget"

	"github.com/rehearse-app/rehearse/app"
	"github.com/rehearse-app/rehearse/audio"
	"github.com/rehearse-app/rehearse/review"
	"github.com/rehearse-app/rehearse/session"
)

// liveFeedback is the practice screen's glance at the delivery while a
// take records: the pace indicator beside the level meter, and a gentle
// cue (wrap up, a long silence) in place of the recording status.
type liveFeedback struct {
	pace   *paceIndicator
	status *widget.Label // the screen's status line, which a cue replaces
	usual  string        // the status text when there is no cue
	last   audio.LivePace
}

func newLiveFeedback(status *widget.Label) *liveFeedback {
	return &liveFeedback{pace: newPaceIndicator(), status: status}
}

// start resets the feedback for a new take whose status line reads usual.
func (l *liveFeedback) start(usual string) {
	l.usual, l.last = usual, audio.LivePace{}
	l.pace.SetPace(audio.LivePace{})
	l.pace.Show()
	l.status.SetText(usual)
}

// reading shows a new live pace reading.
func (l *liveFeedback) reading(lp audio.LivePace, elapsed, limit time.Duration) {
	l.last = lp
	l.pace.SetPace(lp)
	l.tick(elapsed, limit)
}

// tick updates the cue for the time recorded so far.
func (l *liveFeedback) tick(elapsed, limit time.Duration) {
	text := l.usual
	if cue := liveCue(l.last, elapsed, limit); cue != "" {
		text = cue
	}
	if l.status.Text != text {
		l.status.SetText(text)
	}
}

// stop hides the pace once the take has ended.
func (l *liveFeedback) stop() {
	l.last = audio.LivePace{}
	l.pace.SetPace(audio.LivePace{})
	l.pace.Hide()
}

// paceCalibration holds the speaker's pace calibration for the live meter.
// The library is listed for it off the UI goroutine while a question is
// asked, so starting a take reads no files.
type paceCalibration struct {
	cur atomic.Pointer[app.PaceCalibration]
	wg  sync.WaitGroup // the refreshes running
}

// refresh recomputes the calibration from store in the background; a take
// that starts before it is done uses the one before (or none).
func (c *paceCalibration) refresh(store *session.Store) {
	if store == nil {
		return
	}
	c.wg.Add(1)
	go func() {
		defer c.wg.Done()
		cal := app.LibraryCalibration(store)
		c.cur.Store(&cal)
	}()
}

// wait returns once no refresh is running: listing the library may
// rewrite its index, which must not outlive the screen.
func (c *paceCalibration) wait() { c.wg.Wait() }

// get is the latest calibration; none (factor 1) before the first.
func (c *paceCalibration) get() app.PaceCalibration {
	if cal := c.cur.Load(); cal != nil {
		return *cal
	}
	return app.PaceCalibration{Factor: 1}
}

// paceOptions sets the live meter's limits from the pace rule (see
// paceLimits) and its syllables per word from the speaker's calibration.
func paceOptions(rv *review.Reviewer, cal app.PaceCalibration) audio.PaceOptions {
	var opt audio.PaceOptions
	opt.SlowBelow, opt.FastAbove = paceLimits(rv)
	opt.Delivery.SyllablesPerWord = cal.SyllablesPerWord()
	return opt
}

// paceLimits are the pace rule's limits, so the live verdict, the pace line
// and the review agree; 0, 0 (the meter's defaults) without one.
func paceLimits(rv *review.Reviewer) (slow, fast float64) {
	if rv == nil {
		return 0, 0
	}
	if r, ok := rv.Rules().Rule("pace"); ok && r.Kind == review.KindPace {
		return r.MinWPM, r.MaxWPM
	}
	return 0, 0
}
