package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/rehearse-app/rehearse/app"
	"github.com/rehearse-app/rehearse/audio"
	"github.com/rehearse-app/rehearse/internal/testkit/fakemic"
	"github.com/rehearse-app/rehearse/review"
)

// fixture is the whole app (the four screens) on a uiFixture, with a
// fake microphone that hears 1.5 s of tone.
type fixture struct {
	*uiFixture
	ui  *App
	rec *fakemic.Recorder
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	f := &fixture{uiFixture: newUIFixture(t, nil), rec: fakemic.New(tone(1.5))}
	deps := f.deps
	deps.Recorder = f.rec
	f.ui = New(f.app, deps)
	f.ui.practice.do = f.q.do
	f.ui.settings.do = f.q.do
	f.ui.library.do = f.q.do
	f.ui.review.do = f.q.do
	f.ui.practice.notify = f.notify
	t.Cleanup(f.ui.Shutdown)
	return f
}

func (f *fixture) pressSpace() {
	f.ui.Window().Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeySpace})
}

func TestPracticeOneQuestionRecordsTakesIntoOneSession(t *testing.T) {
	f := newFixture(t)
	p := f.ui.practice
	p.pick.category.SetSelected(review.CategoryTitle(review.CategoryStrategic))
	if len(p.pick.question.Options) < 5 {
		t.Fatalf("strategic questions listed: %d, want at least 5", len(p.pick.question.Options))
	}
	p.pick.question.SetSelectedIndex(1)
	want := f.ui.deps.Bank.ByCategory(review.CategoryStrategic)[1]

	test.Tap(p.pick.startOne)
	if p.run.State().Phase != phaseThinking { // no voice configured: straight to thinking
		t.Fatalf("phase after start = %v, want thinking", p.run.State().Phase)
	}
	if p.prompt.Text != want.Prompt {
		t.Fatalf("prompt shown = %q, want %q", p.prompt.Text, want.Prompt)
	}
	if p.ctl.stop.Disabled() == false || p.ctl.skip.Disabled() {
		t.Fatal("while thinking, Skip must be enabled and Stop disabled")
	}
	test.Tap(p.ctl.skip)
	if p.run.State().Phase != phaseRecording {
		t.Fatalf("phase after skip = %v, want recording", p.run.State().Phase)
	}
	// The level meter moves while the tone is captured.
	f.q.until(t, "a level on the meter", func() bool { return p.meter.rms > 0.1 })
	f.q.until(t, "the whole tone to be captured", func() bool { return p.recording.Frames() >= int64(len(f.rec.Samples)) })
	f.pressSpace() // Space stops the recording
	if p.run.State().Phase != phaseDone {
		t.Fatalf("phase after Space = %v, want done", p.run.State().Phase)
	}

	test.Tap(p.ctl.retake)
	test.Tap(p.ctl.skip)
	f.q.until(t, "the second take to capture", func() bool { return p.recording.Frames() >= int64(len(f.rec.Samples)) })
	test.Tap(p.ctl.stop)

	sess, err := f.store.Get(p.run.State().SessionID)
	if err != nil {
		t.Fatal(err)
	}
	if len(sess.Takes) != 2 {
		t.Fatalf("takes in session = %d, want 2", len(sess.Takes))
	}
	for _, tk := range sess.Takes {
		if tk.QuestionID != want.ID {
			t.Errorf("take question = %q, want %q", tk.QuestionID, want.ID)
		}
		info, err := audio.WAVInfo(f.store.TakePath(sess, tk))
		if err != nil {
			t.Fatalf("take audio: %v", err)
		}
		if info.Frames < int64(len(f.rec.Samples)) {
			t.Errorf("take holds %d frames, want at least the %d captured", info.Frames, len(f.rec.Samples))
		}
		if info.Rate != 16000 || info.Channels != 1 {
			t.Errorf("take format %d Hz × %d, want 16000 × 1", info.Rate, info.Channels)
		}
	}
	calls := f.rec.Calls()
	if got := calls[0].MaxFrames; got != int64(want.AnswerSeconds)*16000 {
		t.Errorf("recording limit = %d frames, want %d (the question's answer time)", got, want.AnswerSeconds*16000)
	}
	if p.ctl.next.Text != "Finish" {
		t.Errorf("last question's next button says %q, want Finish", p.ctl.next.Text)
	}
	test.Tap(p.ctl.next)
	if p.run.State().Phase != phaseFinished {
		t.Fatalf("phase after finishing = %v", p.run.State().Phase)
	}
	if len(f.errs) > 0 {
		t.Fatalf("errors shown: %v", f.errs)
	}
}

func TestPracticeDrillWalksThroughRandomQuestions(t *testing.T) {
	f := newFixture(t)
	p := f.ui.practice
	f.app.Preferences().SetInt(app.PrefAnswerSeconds, 60)
	p.pick.category.SetSelected(review.CategoryTitle(review.CategoryBehavioral))
	p.pick.drillSize.SetSelected("3")
	test.Tap(p.pick.startDrill)
	seen := map[string]bool{}
	for i := 0; i < 3; i++ {
		q := p.current()
		if q.Category != review.CategoryBehavioral {
			t.Fatalf("drill question %d is %s, want behavioral", i, q.Category)
		}
		seen[q.ID] = true
		test.Tap(p.ctl.skip)
		if p.run.State().Phase != phaseRecording {
			t.Fatalf("question %d: not recording after skip", i)
		}
		test.Tap(p.ctl.stop)
		test.Tap(p.ctl.next)
	}
	if len(seen) != 3 {
		t.Fatalf("drill asked %d distinct questions, want 3", len(seen))
	}
	if p.run.State().Phase != phaseFinished {
		t.Fatalf("phase = %v, want finished", p.run.State().Phase)
	}
	for _, c := range f.rec.Calls() {
		if c.MaxFrames != 60*16000 {
			t.Fatalf("answer time setting not applied: %d frames", c.MaxFrames)
		}
	}
	sess, err := f.store.Get(p.run.State().SessionID)
	if err != nil {
		t.Fatal(err)
	}
	if len(sess.Takes) != 3 || len(sess.Questions) != 3 {
		t.Fatalf("session has %d takes / %d questions, want 3 / 3", len(sess.Takes), len(sess.Questions))
	}
}

func TestPracticeDeviceLostKeepsWhatWasCaptured(t *testing.T) {
	f := newFixture(t)
	p := f.ui.practice
	f.rec.FailAfter = 8000 // the microphone vanishes after half a second
	p.pick.question.SetSelectedIndex(0)
	test.Tap(p.pick.startOne)
	test.Tap(p.ctl.skip)
	f.q.until(t, "the take to end by itself", func() bool { return p.run.State().Phase == phaseDone })
	sess, err := f.store.Get(p.run.State().SessionID)
	if err != nil {
		t.Fatal(err)
	}
	if len(sess.Takes) != 1 {
		t.Fatalf("takes = %d, want the partial take kept", len(sess.Takes))
	}
	if d := sess.Takes[0].Duration; d < 0.45 || d > 0.6 {
		t.Fatalf("kept %.2f s, want about 0.5 s", d)
	}
	if got := p.status.Text; !contains(got, "input device stopped") {
		t.Fatalf("status = %q, want it to say the device stopped", got)
	}
}

func TestPracticeWithoutMicrophoneStillWorks(t *testing.T) {
	f := newUIFixture(t, nil)
	deps := f.deps
	deps.RecorderErr = errTest("no default input device")
	u := New(f.app, deps)
	t.Cleanup(u.Shutdown)
	store := f.store
	p := u.practice
	if !contains(p.notice.Text, "no default input device") {
		t.Fatalf("notice = %q, want the reason there is no microphone", p.notice.Text)
	}
	test.Tap(p.pick.startOne)
	test.Tap(p.ctl.skip)
	if p.run.State().Phase != phaseDone || p.ctl.next.Disabled() {
		t.Fatalf("without a microphone the flow should reach done with Next enabled, got phase %v", p.run.State().Phase)
	}
	// Nothing was recorded, so no empty session is left in the library.
	if entries, err := store.List(context.Background()); err != nil || len(entries) != 0 {
		t.Fatalf("library after a run with no takes: %v, %v; want empty", entries, err)
	}
}

func TestRecordingFailureIsReported(t *testing.T) {
	f := newFixture(t)
	p := f.ui.practice
	f.rec.Err = errTest(`input device "USB Mic" not found`)
	test.Tap(p.pick.startOne)
	test.Tap(p.ctl.skip)
	if len(f.errs) != 1 || !contains(f.errs[0].Error(), "USB Mic") {
		t.Fatalf("errors = %v, want one naming the device", f.errs)
	}
	if p.run.State().Phase != phaseDone {
		t.Fatalf("phase = %v, want done (retake possible)", p.run.State().Phase)
	}
}

type errTest string

func (e errTest) Error() string { return string(e) }

func contains(s, sub string) bool { return strings.Contains(s, sub) }
