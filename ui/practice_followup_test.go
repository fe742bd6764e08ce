package ui

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/rehearse-app/rehearse/app"
	"github.com/rehearse-app/rehearse/internal/chattest"
	"github.com/rehearse-app/rehearse/internal/testkit/fakemic"
	"github.com/rehearse-app/rehearse/review"
)

// sayingVoices is a voice that remembers what it read aloud.
type sayingVoices struct {
	mu   sync.Mutex
	said []string
}

func (v *sayingVoices) Speaker(engine, voice, device string) (Speaker, error) { return v, nil }

func (v *sayingVoices) Say(ctx context.Context, text string) error {
	v.mu.Lock()
	v.said = append(v.said, text)
	v.mu.Unlock()
	return nil
}

func (v *sayingVoices) saidText() []string {
	v.mu.Lock()
	defer v.mu.Unlock()
	return append([]string(nil), v.said...)
}

// TestPracticeFollowUpIsReadRecordedAndLinked: after a take, the
// follow-up is asked about its transcript, read aloud, recorded as a take
// of the same question and linked to its parent.
func TestPracticeFollowUpIsReadRecordedAndLinked(t *testing.T) {
	voices := &sayingVoices{}
	base, srv, rec, p := followUpSetup(t, voices, "Which attribution model did you trust, and why?")

	if p.fu.btn.Visible() {
		t.Fatal("the follow-up button shows before a run")
	}
	p.pick.category.SetSelected(review.CategoryTitle(review.CategoryStrategic))
	test.Tap(p.pick.startOne)
	base.q.until(t, "the think time", func() bool { return p.run.State().Phase == phaseThinking })
	test.Tap(p.ctl.skip)
	base.q.until(t, "the tone to be captured", func() bool { return p.recording.Frames() >= int64(len(rec.Samples)) })
	test.Tap(p.ctl.stop)
	parent := p.run.State().LastTake
	if !p.fu.btn.Visible() || p.fu.btn.Disabled() {
		t.Fatal("after a take, the follow-up button must be offered")
	}

	asked := time.Now()
	test.Tap(p.fu.btn)
	base.q.until(t, "the follow-up to be read", func() bool { return p.run.State().Phase == phaseThinking })
	t.Logf("from the button to the follow-up spoken (local fake server, fake voice): %v", time.Since(asked))
	if said := voices.saidText(); len(said) != 2 || said[1] != "Which attribution model did you trust, and why?" {
		t.Fatalf("read aloud: %q", said)
	}
	if p.prompt.Text != "Which attribution model did you trust, and why?" || !strings.Contains(p.progress.Text, "follow-up") {
		t.Errorf("prompt = %q, progress = %q", p.prompt.Text, p.progress.Text)
	}
	if body := strings.Join(srv.Requests(), ""); !strings.Contains(body, "LinkedIn Ads") {
		t.Error("the follow-up request does not hold the answer's transcript")
	}
	test.Tap(p.ctl.skip)
	base.q.until(t, "the follow-up answer", func() bool { return p.recording.Frames() >= int64(len(rec.Samples)) })
	test.Tap(p.ctl.stop)

	sess, err := base.store.Get(p.run.State().SessionID)
	if err != nil {
		t.Fatal(err)
	}
	if len(sess.Takes) != 2 {
		t.Fatalf("takes = %d, want 2", len(sess.Takes))
	}
	child := sess.Takes[1]
	if child.FollowUp == nil || child.FollowUp.Parent != parent || child.QuestionID != sess.Takes[0].QuestionID ||
		child.FollowUp.Question != "Which attribution model did you trust, and why?" {
		t.Errorf("follow-up take = %+v, link = %+v", child, child.FollowUp)
	}
	if sess.Takes[0].FollowUp != nil {
		t.Error("the parent was marked as a follow-up")
	}
	if len(base.errs) > 0 {
		t.Errorf("errors shown: %v", base.errs)
	}
}

// TestPracticeFollowUpFailureSaysWhy: with no transcript on its way the
// follow-up is not asked, and the run goes on.
func TestPracticeFollowUpFailureSaysWhy(t *testing.T) {
	base := newUIFixture(t, nil)
	srv := withInterviewer(base)
	prefs := base.app.Preferences()
	prefs.SetString(app.PrefInterviewer, app.InterviewerOn)
	prefs.SetString(app.PrefInterviewerBaseURL, srv.BaseURL())
	rec := fakemic.New(tone(1.5))
	deps := base.deps
	deps.Recorder = rec
	deps.TakeFinished = func(sessID, takeID string) {
		base.store.SetTranscriptState(sessID, takeID, "failed", "the API key was refused")
	}
	p := followUpScreen(t, base, deps)
	p.pick.category.SetSelected(review.CategoryTitle(review.CategoryStrategic))
	test.Tap(p.pick.startOne)
	test.Tap(p.ctl.skip)
	base.q.until(t, "the tone to be captured", func() bool { return p.recording.Frames() >= int64(len(rec.Samples)) })
	test.Tap(p.ctl.stop)
	test.Tap(p.fu.btn)
	base.q.until(t, "the failure", func() bool { return strings.HasPrefix(p.status.Text, "No follow-up question") })
	if !strings.Contains(p.status.Text, "transcription failed") || p.run.State().Phase != phaseDone || p.fu.btn.Disabled() {
		t.Errorf("status = %q, phase = %v", p.status.Text, p.run.State().Phase)
	}
	if len(srv.Requests()) != 0 {
		t.Error("a request was sent without a transcript")
	}
}

// followUpSetup is interviewerApp with the model on; it returns the
// practice screen.
func followUpSetup(t *testing.T, v Voices, replies ...string) (*uiFixture, *chattest.Server, *fakemic.Recorder, *practiceScreen) {
	base, srv, rec, u := interviewerApp(t, true, v, replies...)
	return base, srv, rec, u.practice
}

// interviewerApp is the app's window with the interviewer model (on when
// modelOn) against a local fake server that gives replies, a fake recorder
// playing a tone, voices v, and each take's transcript saved when the take
// is, as from the queue; errors the practice screen shows are collected in
// base.
func interviewerApp(t *testing.T, modelOn bool, v Voices, replies ...string) (*uiFixture, *chattest.Server, *fakemic.Recorder, *App) {
	base := newUIFixture(t, nil)
	srv := withInterviewer(base)
	prefs := base.app.Preferences()
	if modelOn {
		prefs.SetString(app.PrefInterviewer, app.InterviewerOn)
	}
	prefs.SetString(app.PrefInterviewerBaseURL, srv.BaseURL())
	srv.Reply(replies...)
	rec := fakemic.New(tone(1.5))
	deps := base.deps
	deps.Recorder, deps.Voices = rec, v
	deps.TakeFinished = func(sessID, takeID string) {
		base.store.SaveTranscript(sessID, takeID, &review.Transcript{Text: answerText})
	}
	u := followUpApp(t, base, deps)
	u.practice.notify = base.notify
	return base, srv, rec, u
}

// followUpScreen builds the app's window on deps and returns its practice
// screen, every screen's UI updates going through base's queue.
func followUpScreen(t *testing.T, base *uiFixture, deps Deps) *practiceScreen {
	return followUpApp(t, base, deps).practice
}

// followUpApp builds the app's window on deps, every screen's UI updates
// going through base's queue.
func followUpApp(t *testing.T, base *uiFixture, deps Deps) *App {
	u := New(base.app, deps)
	u.practice.do, u.settings.do, u.library.do, u.review.do = base.q.do, base.q.do, base.q.do, base.q.do
	t.Cleanup(u.Shutdown)
	return u
}

// blockingVoices reads until it is cancelled, as a long question would.
type blockingVoices struct{ cancelled chan struct{} }

func (v *blockingVoices) Speaker(engine, voice, device string) (Speaker, error) { return v, nil }

func (v *blockingVoices) Say(ctx context.Context, text string) error {
	<-ctx.Done()
	select {
	case v.cancelled <- struct{}{}:
	default:
	}
	return ctx.Err()
}

// TestPracticeFollowUpReadingCanBeSkipped: Skip (and Space) stop reading
// the follow-up aloud and start its think time, as for a question.
func TestPracticeFollowUpReadingCanBeSkipped(t *testing.T) {
	voices := &blockingVoices{cancelled: make(chan struct{}, 4)}
	base, _, rec, p := followUpSetup(t, voices, "Which attribution model did you trust, and why?")
	p.pick.category.SetSelected(review.CategoryTitle(review.CategoryStrategic))
	test.Tap(p.pick.startOne)
	base.q.until(t, "the question to be read", func() bool { return p.status.Text == "Reading the question aloud…" })
	test.Tap(p.ctl.skip) // the question
	base.q.until(t, "the think time", func() bool { return p.run.State().Phase == phaseThinking })
	<-voices.cancelled // the question's reading
	test.Tap(p.ctl.skip)
	base.q.until(t, "the tone to be captured", func() bool { return p.recording.Frames() >= int64(len(rec.Samples)) })
	test.Tap(p.ctl.stop)
	if !p.ctl.skip.Disabled() {
		t.Fatal("Skip is offered after a take, with nothing to skip")
	}
	test.Tap(p.fu.btn)
	base.q.until(t, "the follow-up to be read", func() bool { return p.status.Text == "Reading the follow-up aloud…" })
	if p.ctl.skip.Disabled() {
		t.Fatal("Skip is not offered while the follow-up is read aloud")
	}
	p.onKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	base.q.until(t, "the follow-up's think time", func() bool { return p.run.State().Phase == phaseThinking })
	select {
	case <-voices.cancelled:
	case <-time.After(5 * time.Second):
		t.Fatal("reading the follow-up aloud was not stopped")
	}
	if p.prompt.Text != "Which attribution model did you trust, and why?" {
		t.Errorf("prompt = %q", p.prompt.Text)
	}
}
