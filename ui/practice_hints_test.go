package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/rehearse-app/rehearse/review"
)

// recordOneTake starts the picked question, skips the think time, waits for
// the fake microphone's whole take and stops.
func recordOneTake(t *testing.T, f *fixture) {
	t.Helper()
	p := f.ui.practice
	test.Tap(p.pick.startOne)
	test.Tap(p.ctl.skip)
	f.q.until(t, "the take to be captured", func() bool {
		return p.recording == nil || p.recording.Frames() >= int64(len(f.rec.Samples))
	})
	if p.run.State().Phase == phaseRecording {
		test.Tap(p.ctl.stop)
	}
	if p.run.State().Phase != phaseDone {
		t.Fatalf("phase after Stop = %v, want done", p.run.State().Phase)
	}
}

// TestPracticeTimerShowsSavedTakeAfterStop: after Stop the timer row shows
// the length of the take saved, not the last "m:ss / limit" tick.
func TestPracticeTimerShowsSavedTakeAfterStop(t *testing.T) {
	f := newFixture(t)
	p := f.ui.practice
	p.pick.question.SetSelectedIndex(0)
	recordOneTake(t, f)
	sess, err := f.store.Get(p.run.State().SessionID)
	if err != nil || len(sess.Takes) != 1 {
		t.Fatalf("session: %v, %+v", err, sess)
	}
	if got := p.timer.Text; got != "0:02" || strings.Contains(got, "/") { // 1.5 s of tone
		t.Fatalf("timer after Stop = %q, want the saved take's 0:02", got)
	}
	if p.takeWarn.Visible() {
		t.Fatalf("a take of speech was warned about: %q", p.takeWarn.Text)
	}
}

// TestPracticeWarnsAboutSilentTake: a take of silence is saved, and a
// clear warning says so right after Stop; the next take clears it.
func TestPracticeWarnsAboutSilentTake(t *testing.T) {
	f := newFixture(t)
	p := f.ui.practice
	tone := f.rec.Samples
	f.rec.Samples = make([]int16, 16000) // a muted microphone
	p.pick.question.SetSelectedIndex(0)
	recordOneTake(t, f)
	if !p.takeWarn.Visible() || !strings.Contains(p.takeWarn.Text, "This take is silent") ||
		!strings.Contains(p.takeWarn.Text, "no sound at all") || !strings.Contains(p.takeWarn.Text, "Settings") {
		t.Fatalf("silent take warning = %q (shown %v)", p.takeWarn.Text, p.takeWarn.Visible())
	}
	if sess, err := f.store.Get(p.run.State().SessionID); err != nil || len(sess.Takes) != 1 {
		t.Fatal("the silent take was not kept")
	}

	f.rec.Samples = tone
	test.Tap(p.ctl.retake)
	test.Tap(p.ctl.skip)
	if p.takeWarn.Visible() {
		t.Fatal("the warning outlived its take")
	}
	f.q.until(t, "the second take", func() bool { return p.recording.Frames() >= int64(len(tone)) })
	test.Tap(p.ctl.stop)
	if p.takeWarn.Visible() {
		t.Fatalf("a take of speech was warned about: %q", p.takeWarn.Text)
	}
}

// TestPracticePreviewShowsFullQuestion: the picked question is readable in
// full before starting, though the list cuts long prompts short.
func TestPracticePreviewShowsFullQuestion(t *testing.T) {
	f := newFixture(t)
	p := f.ui.practice
	var long review.Question
	idx := -1
	for i, q := range p.questionsInCategory() {
		if len([]rune(q.Prompt)) > 90 {
			long, idx = q, i
			break
		}
	}
	if idx < 0 {
		t.Skip("no question long enough to be cut short in the list")
	}
	p.pick.question.SetSelectedIndex(idx)
	if strings.HasSuffix(p.pick.question.Selected, long.Prompt) {
		t.Fatalf("the list did not cut the prompt short: %q", p.pick.question.Selected)
	}
	if !p.pick.preview.Visible() || p.pick.preview.Text != long.Prompt {
		t.Fatalf("preview = %q (shown %v), want the full prompt", p.pick.preview.Text, p.pick.preview.Visible())
	}
}
