package ui

import (
	"time"

	"fyne.io/fyne/v2/widget"

	"github.com/rehearse-app/rehearse/audio"
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
