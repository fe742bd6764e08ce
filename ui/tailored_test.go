package ui

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/rehearse-app/rehearse/app"
	"github.com/rehearse-app/rehearse/internal/chattest"
	"github.com/rehearse-app/rehearse/review"
)

// tailoredFixture is the whole window with the interviewer model on
// against a local chat server, and the app's tailored questions saving to
// a user questions folder of its own.
type tailoredFixture struct {
	*uiFixture
	srv *chattest.Server
	ui  *App
}

func newTailoredFixture(t *testing.T, on bool) *tailoredFixture {
	t.Helper()
	f := &tailoredFixture{uiFixture: newUIFixture(t, nil)}
	f.srv = withInterviewer(f.uiFixture)
	root := t.TempDir()
	f.deps.UserBankDir = app.UserQuestionsDir(root)
	f.deps.ReloadBank = func() (*review.Bank, []error) { return app.LoadBank(root) }
	c := f.deps.Interviewer.(*app.Coach)
	f.deps.TailorQuestions = func(ctx context.Context, job string, n int) (*app.Tailored, error) {
		return c.DraftQuestions(ctx, job, n, f.deps.UserBankDir, f.deps.ReloadBank)
	}
	p := f.deps.Prefs
	if on {
		p.SetString(app.PrefInterviewer, app.InterviewerOn)
	}
	p.SetString(app.PrefInterviewerBaseURL, f.srv.BaseURL())
	p.SetString(app.PrefInterviewerModel, "llama3.2")
	return f
}

// open builds the window and opens the dialog from Settings.
func (f *tailoredFixture) open() *tailoredDialog {
	f.t.Helper()
	f.ui = New(f.app, f.deps)
	f.ui.settings.do = f.q.do
	test.Tap(f.ui.settings.tailorBtn)
	d := f.ui.settings.tailor
	if d == nil || f.ui.win.Canvas().Overlays().Top() == nil {
		f.t.Fatal("the dialog did not open")
	}
	return d
}

// files lists the user questions folder.
func (f *tailoredFixture) files() []string {
	ents, _ := os.ReadDir(f.deps.UserBankDir)
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	return names
}

func TestTailoredQuestionsAppearInThePicker(t *testing.T) {
	f := newTailoredFixture(t, true)
	f.srv.Reply(chattest.QuestionsReply)
	d := f.open()
	before := len(f.ui.practice.pick.question.Options)
	if d.count.Selected != "5" || d.draft.Disabled() {
		t.Fatalf("count = %q, draft disabled = %v", d.count.Selected, d.draft.Disabled())
	}
	test.Tap(d.draft)
	if !strings.Contains(d.status.Text, "Paste a job description") || len(f.srv.Requests()) != 0 {
		t.Errorf("an empty job description: status = %q", d.status.Text)
	}
	test.Type(d.job, "Marketing Operations Manager at Acme. You own the HubSpot to Salesforce sync.")
	d.count.SetSelected("2")
	test.Tap(d.draft)
	if d.progress.Hidden || !d.draft.Disabled() || !d.job.Disabled() {
		t.Error("no progress shown, or the form is not locked, while the model drafts")
	}
	f.q.until(t, "the questions saved", func() bool { return d.saved != nil || strings.Contains(d.status.Text, "did not work") })
	if d.saved == nil {
		t.Fatalf("status = %q", d.status.Text)
	}
	if !d.progress.Hidden {
		t.Error("the progress bar is still shown")
	}
	if reqs := f.srv.Requests(); len(reqs) != 1 || !strings.Contains(reqs[0], "exactly 2 questions") || !strings.Contains(reqs[0], "HubSpot to Salesforce sync") {
		t.Errorf("requests = %v", reqs)
	}
	files := f.files()
	if len(files) != 1 || !strings.HasPrefix(files[0], "tailored-") || !strings.HasSuffix(files[0], "-marketing-operations-manager-at-acme.yaml") {
		t.Errorf("files = %v", files)
	}
	if !strings.Contains(d.result.Text, d.saved.Path) || !strings.Contains(d.result.Text, "edit it") || !d.results.Visible() {
		t.Errorf("the dialog does not say where the file is and that it is editable: %q", d.result.Text)
	}
	opts := f.ui.practice.pick.question.Options
	for _, p := range []string{"Our HubSpot to Salesforce sync drops leads. How would you find out why?",
		"The CMO doubts the Monday attribution report. What do you do?"} {
		if !slices.Contains(opts, questionOption(review.Question{Prompt: p})) {
			t.Errorf("%q is not in the picker", p)
		}
	}
	if len(opts) != before+2 {
		t.Errorf("picker has %d questions, want %d", len(opts), before+2)
	}
	if want := fmt.Sprintf("%d questions loaded", before+2); !strings.Contains(f.ui.settings.bankStatus.Text, want) {
		t.Errorf("bank status = %q, want %q", f.ui.settings.bankStatus.Text, want)
	}
	if f.ui.deps.Bank.Len() != before+2 {
		t.Error("the window's bank was not replaced")
	}
}

func TestTailoredQuestionsBadAnswerIsRefused(t *testing.T) {
	f := newTailoredFixture(t, true)
	f.srv.Reply(strings.Replace(chattest.QuestionsReply, "category: technical", "category: sales", 1))
	d := f.open()
	before := len(f.ui.practice.pick.question.Options)
	test.Type(d.job, "Marketing Operations Manager")
	test.Tap(d.draft)
	f.q.until(t, "the refusal", func() bool {
		return d.stop == nil && d.status.Text != "" && !strings.HasPrefix(d.status.Text, "Asking")
	})
	for _, want := range []string{"refused", "nothing was saved", `"sales" is not one of strategic`} {
		if !strings.Contains(d.status.Text, want) {
			t.Errorf("status = %q, want %q in it", d.status.Text, want)
		}
	}
	if got := f.files(); len(got) != 0 {
		t.Errorf("files written: %v", got)
	}
	if len(f.ui.practice.pick.question.Options) != before || d.draft.Disabled() || d.job.Text == "" {
		t.Error("the picker changed, or the form was not given back for another try")
	}
}

func TestTailoredQuestionsWithTheModelOff(t *testing.T) {
	f := newTailoredFixture(t, false)
	d := f.open()
	if d.status.Text != tailoredOffText || !d.draft.Disabled() || !strings.Contains(d.status.Text, "Settings → Interviewer model") {
		t.Errorf("status = %q, draft disabled = %v", d.status.Text, d.draft.Disabled())
	}
	test.Tap(d.draft)
	test.Tap(d.cancel)
	if len(f.srv.Requests()) != 0 || len(f.files()) != 0 {
		t.Error("a request was sent or a file written with the model off")
	}
	if f.ui.win.Canvas().Overlays().Top() != nil {
		t.Error("Cancel did not close the dialog")
	}
}

func TestTailoredQuestionsCancel(t *testing.T) {
	f := newTailoredFixture(t, true)
	started := make(chan struct{})
	f.deps.TailorQuestions = func(ctx context.Context, job string, n int) (*app.Tailored, error) {
		close(started)
		<-ctx.Done()
		return nil, fmt.Errorf("drafting questions for the job: %w", ctx.Err())
	}
	d := f.open()
	test.Type(d.job, "Marketing Operations Manager")
	test.Tap(d.draft)
	<-started
	test.Tap(d.cancel)
	f.q.until(t, "the cancel", func() bool { return strings.HasPrefix(d.status.Text, "Cancelled") })
	if !d.progress.Hidden || d.draft.Disabled() || d.cancel.Disabled() {
		t.Error("the form was not given back after cancelling")
	}
	if f.ui.win.Canvas().Overlays().Top() == nil {
		t.Fatal("cancelling the request closed the dialog")
	}
	test.Tap(d.cancel)
	if f.ui.win.Canvas().Overlays().Top() != nil {
		t.Error("Cancel did not close the idle dialog")
	}
}
