package ui

import (
	"context"
	"math"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/rehearse-app/rehearse/app"
	"github.com/rehearse-app/rehearse/assets"
	"github.com/rehearse-app/rehearse/audio"
	"github.com/rehearse-app/rehearse/review"
	"github.com/rehearse-app/rehearse/session"
)

// uiQueue stands in for fyne.Do in tests: goroutines queue their UI updates
// and the test runs them on its own goroutine, so widget state is only ever
// touched by one goroutine (as with the real driver) and -race stays quiet.
type uiQueue struct {
	mu  sync.Mutex
	fns []func()
	ch  chan struct{}
}

func newUIQueue() *uiQueue { return &uiQueue{ch: make(chan struct{}, 1)} }

func (q *uiQueue) do(f func()) {
	q.mu.Lock()
	q.fns = append(q.fns, f)
	q.mu.Unlock()
	select {
	case q.ch <- struct{}{}:
	default:
	}
}

// drain runs queued updates until cond holds or the timeout passes.
func (q *uiQueue) until(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for !cond() {
		q.mu.Lock()
		fns := q.fns
		q.fns = nil
		q.mu.Unlock()
		for _, f := range fns {
			f()
		}
		if cond() {
			return
		}
		select {
		case <-q.ch:
		case <-time.After(20 * time.Millisecond):
		case <-deadline:
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

// tone returns secs seconds of a 440 Hz tone at 16 kHz.
func tone(secs float64) []int16 {
	n := int(secs * 16000)
	s := make([]int16, n)
	for i := range s {
		s[i] = int16(8000 * math.Sin(2*math.Pi*440*float64(i)/16000))
	}
	return s
}

type fixture struct {
	app   fyne.App
	ui    *App
	store *session.Store
	rec   *audio.FakeRecorder
	q     *uiQueue
	errs  []error
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	a := test.NewTempApp(t)
	bank, errs := review.LoadBank(review.BankSource{FS: assets.Questions(), Dir: "questions", Label: "builtin"})
	if len(errs) > 0 {
		t.Fatalf("built-in bank: %v", errs)
	}
	store, err := session.Open(t.TempDir(), session.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rec := audio.NewFakeRecorder(tone(1.5))
	f := &fixture{app: a, store: store, rec: rec, q: newUIQueue()}
	deps := Deps{Bank: bank, Store: store, Prefs: a.Preferences(), Recorder: rec, UserBankDir: t.TempDir()}
	f.ui = New(a, deps)
	f.ui.practice.do = f.q.do
	f.ui.settings.do = f.q.do
	f.ui.library.do = f.q.do
	f.ui.review.do = f.q.do
	f.ui.practice.notify = func(err error) { f.errs = append(f.errs, err) }
	t.Cleanup(f.ui.Shutdown)
	return f
}

func (f *fixture) pressSpace() {
	f.ui.Window().Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeySpace})
}

func TestPracticeOneQuestionRecordsTakesIntoOneSession(t *testing.T) {
	f := newFixture(t)
	p := f.ui.practice
	p.category.SetSelected(review.CategoryTitle(review.CategoryStrategic))
	if len(p.question.Options) < 5 {
		t.Fatalf("strategic questions listed: %d, want at least 5", len(p.question.Options))
	}
	p.question.SetSelectedIndex(1)
	want := f.ui.deps.Bank.ByCategory(review.CategoryStrategic)[1]

	test.Tap(p.startOne)
	if p.phase != phaseThinking { // no voice configured: straight to thinking
		t.Fatalf("phase after start = %v, want thinking", p.phase)
	}
	if p.prompt.Text != want.Prompt {
		t.Fatalf("prompt shown = %q, want %q", p.prompt.Text, want.Prompt)
	}
	if p.stop.Disabled() == false || p.skip.Disabled() {
		t.Fatal("while thinking, Skip must be enabled and Stop disabled")
	}
	test.Tap(p.skip)
	if p.phase != phaseRecording {
		t.Fatalf("phase after skip = %v, want recording", p.phase)
	}
	// The level meter moves while the tone is captured.
	f.q.until(t, "a level on the meter", func() bool { return p.meter.rms > 0.1 })
	f.q.until(t, "the whole tone to be captured", func() bool { return p.recording.Frames() >= int64(len(f.rec.Samples)) })
	f.pressSpace() // Space stops the recording
	if p.phase != phaseDone {
		t.Fatalf("phase after Space = %v, want done", p.phase)
	}

	test.Tap(p.retake)
	test.Tap(p.skip)
	f.q.until(t, "the second take to capture", func() bool { return p.recording.Frames() >= int64(len(f.rec.Samples)) })
	test.Tap(p.stop)

	sess, err := f.store.Get(p.sess.ID)
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
	if p.next.Text != "Finish" {
		t.Errorf("last question's next button says %q, want Finish", p.next.Text)
	}
	test.Tap(p.next)
	if p.phase != phaseFinished {
		t.Fatalf("phase after finishing = %v", p.phase)
	}
	if len(f.errs) > 0 {
		t.Fatalf("errors shown: %v", f.errs)
	}
}

func TestPracticeDrillWalksThroughRandomQuestions(t *testing.T) {
	f := newFixture(t)
	p := f.ui.practice
	f.app.Preferences().SetInt(app.PrefAnswerSeconds, 60)
	p.category.SetSelected(review.CategoryTitle(review.CategoryBehavioral))
	p.drillSize.SetSelected("3")
	test.Tap(p.startDrill)
	seen := map[string]bool{}
	for i := 0; i < 3; i++ {
		q := p.current()
		if q.Category != review.CategoryBehavioral {
			t.Fatalf("drill question %d is %s, want behavioral", i, q.Category)
		}
		seen[q.ID] = true
		test.Tap(p.skip)
		if p.phase != phaseRecording {
			t.Fatalf("question %d: not recording after skip", i)
		}
		test.Tap(p.stop)
		test.Tap(p.next)
	}
	if len(seen) != 3 {
		t.Fatalf("drill asked %d distinct questions, want 3", len(seen))
	}
	if p.phase != phaseFinished {
		t.Fatalf("phase = %v, want finished", p.phase)
	}
	for _, c := range f.rec.Calls() {
		if c.MaxFrames != 60*16000 {
			t.Fatalf("answer time setting not applied: %d frames", c.MaxFrames)
		}
	}
	sess, err := f.store.Get(p.sess.ID)
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
	p.question.SetSelectedIndex(0)
	test.Tap(p.startOne)
	test.Tap(p.skip)
	f.q.until(t, "the take to end by itself", func() bool { return p.phase == phaseDone })
	sess, err := f.store.Get(p.sess.ID)
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
	a := test.NewTempApp(t)
	bank, _ := review.LoadBank(review.BankSource{FS: assets.Questions(), Dir: "questions", Label: "builtin"})
	store, err := session.Open(t.TempDir(), session.Options{})
	if err != nil {
		t.Fatal(err)
	}
	u := New(a, Deps{Bank: bank, Store: store, Prefs: a.Preferences(), RecorderErr: errTest("no default input device")})
	p := u.practice
	if !contains(p.notice.Text, "no default input device") {
		t.Fatalf("notice = %q, want the reason there is no microphone", p.notice.Text)
	}
	test.Tap(p.startOne)
	test.Tap(p.skip)
	if p.phase != phaseDone || p.next.Disabled() {
		t.Fatalf("without a microphone the flow should reach done with Next enabled, got phase %v", p.phase)
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
	test.Tap(p.startOne)
	test.Tap(p.skip)
	if len(f.errs) != 1 || !contains(f.errs[0].Error(), "USB Mic") {
		t.Fatalf("errors = %v, want one naming the device", f.errs)
	}
	if p.phase != phaseDone {
		t.Fatalf("phase = %v, want done (retake possible)", p.phase)
	}
}

type errTest string

func (e errTest) Error() string { return string(e) }

func contains(s, sub string) bool { return strings.Contains(s, sub) }
