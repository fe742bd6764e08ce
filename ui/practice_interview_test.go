package ui

import (
	"bytes"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/rehearse-app/rehearse/app"
	"github.com/rehearse-app/rehearse/internal/testkit/fakemic"
	"github.com/rehearse-app/rehearse/report"
	"github.com/rehearse-app/rehearse/review"
)

// interviewScreen is interviewerApp with a voice that remembers what it
// read, two follow-ups to give, followUps per question, and a drill of two
// strategic questions picked.
func interviewScreen(t *testing.T, modelOn bool, followUps string) (*uiFixture, *App, *sayingVoices, *fakemic.Recorder) {
	voices := &sayingVoices{}
	base, _, rec, u := interviewerApp(t, modelOn, voices,
		"Which attribution model did you trust, and why?", "What did the CMO say to that?")
	base.app.Preferences().SetString(app.PrefInterviewFollowUps, followUps)
	u.practice.pick.category.SetSelected(review.CategoryTitle(review.CategoryStrategic))
	u.practice.pick.drillSize.Selected = "2" // shorter than any size offered, to keep the test short
	return base, u, voices, rec
}

// answer skips the think time, records the fake recorder's tone and stops.
func answer(t *testing.T, base *uiFixture, p *practiceScreen, rec *fakemic.Recorder, what string) {
	t.Helper()
	base.q.until(t, what+": the think time", func() bool { return p.run.State().Phase == phaseThinking })
	test.Tap(p.ctl.skip)
	base.q.until(t, what+": the tone to be captured", func() bool {
		return p.recording != nil && p.recording.Frames() >= int64(len(rec.Samples))
	})
	test.Tap(p.ctl.stop)
}

// TestMockInterviewAsksFollowUpsAndMovesOn: two questions with one
// follow-up each; every question and follow-up is read aloud and answered,
// each follow-up's answer is linked to the answer it follows up, the next
// question comes by itself, and the thread shows on the review screen and
// in the export.
func TestMockInterviewAsksFollowUpsAndMovesOn(t *testing.T) {
	base, u, voices, rec := interviewScreen(t, true, "1")
	p := u.practice
	test.Tap(p.pick.startInterview)
	if !strings.HasPrefix(p.progress.Text, "Mock interview · question 1 of 2") {
		t.Errorf("progress = %q", p.progress.Text)
	}
	answer(t, base, p, rec, "question 1")
	base.q.until(t, "the first follow-up to be read", func() bool {
		return p.run.State().Phase == phaseThinking && p.prompt.Text == "Which attribution model did you trust, and why?"
	})
	if !strings.HasSuffix(p.progress.Text, "· follow-up") {
		t.Errorf("progress during the follow-up = %q", p.progress.Text)
	}
	answer(t, base, p, rec, "follow-up 1")
	base.q.until(t, "question 2, by itself", func() bool { return p.run.State().Index == 1 && p.run.State().Phase == phaseThinking })
	answer(t, base, p, rec, "question 2")
	base.q.until(t, "the second follow-up", func() bool {
		return p.run.State().Phase == phaseThinking && p.prompt.Text == "What did the CMO say to that?"
	})
	answer(t, base, p, rec, "follow-up 2")
	base.q.until(t, "the end of the interview", func() bool { return p.run.State().Phase == phaseFinished })

	st := p.run.State()
	said := voices.saidText()
	if len(said) != 4 || said[0] != st.Questions[0].Prompt || said[1] != "Which attribution model did you trust, and why?" ||
		said[2] != st.Questions[1].Prompt || said[3] != "What did the CMO say to that?" {
		t.Fatalf("read aloud, in order: %q", said)
	}
	sess, err := base.store.Get(st.SessionID)
	if err != nil {
		t.Fatal(err)
	}
	if len(sess.Takes) != 4 || sess.Title != "Mock interview: 2 Strategic scenario (case study) questions" {
		t.Fatalf("session %q has %d takes, want 4", sess.Title, len(sess.Takes))
	}
	for i, want := range []struct{ parent, question string }{{"", ""}, {sess.Takes[0].ID, "Which attribution model did you trust, and why?"},
		{"", ""}, {sess.Takes[2].ID, "What did the CMO say to that?"}} {
		tk := sess.Takes[i]
		switch {
		case want.parent == "" && tk.FollowUp != nil:
			t.Errorf("take %d is marked as a follow-up: %+v", i+1, tk.FollowUp)
		case want.parent != "" && (tk.FollowUp == nil || tk.FollowUp.Parent != want.parent || tk.FollowUp.Question != want.question):
			t.Errorf("take %d: follow-up %+v, want parent %s", i+1, tk.FollowUp, want.parent)
		}
	}
	if sess.Takes[1].QuestionID != sess.Takes[0].QuestionID || sess.Takes[3].QuestionID != sess.Takes[2].QuestionID {
		t.Error("a follow-up answer is not a take of its question")
	}

	// the thread on the review screen
	u.review.open(sess.ID, sess.Takes[1].ID)
	base.q.until(t, "the follow-up answer's review", func() bool { return u.review.loaded })
	if !strings.Contains(u.review.head.prompt.Text, "↳ Follow-up to take 1: Which attribution model did you trust, and why?") {
		t.Errorf("review header = %q", u.review.head.prompt.Text)
	}
	// ... and in the export
	var md bytes.Buffer
	if err := report.SessionMarkdown(&md, app.SessionReport(sess, nil), nil); err != nil {
		t.Fatal(err)
	}
	if strings.Count(md.String(), "> ↳ Follow-up to take 1: ") != 2 {
		t.Errorf("the export does not show both follow-ups:\n%s", md.String())
	}
	if len(base.errs) > 0 {
		t.Errorf("errors shown: %v", base.errs)
	}
}

// TestMockInterviewWithoutModel: with the interviewer model off, a mock
// interview asks the bank's questions one after another, and says why no
// follow-up comes.
func TestMockInterviewWithoutModel(t *testing.T) {
	base, u, voices, rec := interviewScreen(t, false, "1")
	p := u.practice
	test.Tap(p.pick.startInterview)
	if !strings.Contains(p.notice.Text, "the interviewer model is off") {
		t.Errorf("notice = %q", p.notice.Text)
	}
	answer(t, base, p, rec, "question 1")
	base.q.until(t, "question 2, by itself", func() bool { return p.run.State().Index == 1 && p.run.State().Phase == phaseThinking })
	answer(t, base, p, rec, "question 2")
	base.q.until(t, "the end of the interview", func() bool { return p.run.State().Phase == phaseFinished })
	if said := voices.saidText(); len(said) != 2 {
		t.Errorf("read aloud %q, want the two questions only", said)
	}
	sess, err := base.store.Get(p.run.State().SessionID)
	if err != nil {
		t.Fatal(err)
	}
	if len(sess.Takes) != 2 || sess.Takes[0].FollowUp != nil || sess.Takes[1].FollowUp != nil {
		t.Errorf("takes %+v", sess.Takes)
	}
}

// TestMockInterviewFollowUpFailureGoesOn: when the model fails, the
// interview goes on to the next question and says why there was no
// follow-up.
func TestMockInterviewFollowUpFailureGoesOn(t *testing.T) {
	base, u, _, rec := interviewScreen(t, true, "1")
	p := u.practice
	base.deps.Prefs.SetString(app.PrefInterviewerBaseURL, "http://127.0.0.1:1/v1") // nothing listens there
	test.Tap(p.pick.startInterview)
	answer(t, base, p, rec, "question 1")
	base.q.until(t, "question 2 after the failed follow-up", func() bool { return p.run.State().Index == 1 })
	if !strings.Contains(p.notice.Text, "No follow-up question") {
		t.Errorf("notice = %q", p.notice.Text)
	}
}

// TestMockInterviewWaitsAfterASilentTake: a take that sounds silent stops
// the interview at the microphone warning, and says how to go on.
func TestMockInterviewWaitsAfterASilentTake(t *testing.T) {
	base, u, _, rec := interviewScreen(t, true, "1")
	rec.Samples = make([]int16, len(rec.Samples)) // a muted microphone
	p := u.practice
	test.Tap(p.pick.startInterview)
	answer(t, base, p, rec, "question 1")
	if st := p.run.State(); st.Phase != phaseDone || st.Index != 0 {
		t.Fatalf("after a silent take the interview moved on: phase %v, question %d", st.Phase, st.Index)
	}
	if !strings.Contains(p.status.Text, "The interview waits here") || !p.takeWarn.Visible() {
		t.Errorf("status %q, warning shown %v", p.status.Text, p.takeWarn.Visible())
	}
	test.Tap(p.ctl.next)
	if st := p.run.State(); st.Index != 1 {
		t.Errorf("Next question did not go on: question %d", st.Index)
	}
}

// TestMockInterviewLastFollowUpFailureIsSaid: when the follow-up of the
// last question fails, the finished interview still says why.
func TestMockInterviewLastFollowUpFailureIsSaid(t *testing.T) {
	base, u, _, rec := interviewScreen(t, true, "1")
	p := u.practice
	p.pick.drillSize.Selected = "1"
	base.deps.Prefs.SetString(app.PrefInterviewerBaseURL, "http://127.0.0.1:1/v1") // nothing listens there
	test.Tap(p.pick.startInterview)
	answer(t, base, p, rec, "question 1")
	base.q.until(t, "the end of the interview", func() bool { return p.run.State().Phase == phaseFinished })
	if !strings.Contains(p.notice.Text, "No follow-up question") {
		t.Errorf("notice = %q", p.notice.Text)
	}
}
