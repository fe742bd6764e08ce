package ui

import (
	"crypto/sha256"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/rehearse-app/rehearse/app"
	"github.com/rehearse-app/rehearse/internal/chattest"
	"github.com/rehearse-app/rehearse/session"
)

// opinionOfAnswer is a second opinion on answerText: true quotes, and one
// fabricated quote for sales alignment.
const opinionOfAnswer = `{"talking_points": [
  {"id": "attribution-data", "covered": true, "quote": "I'd start with the attribution data", "reason": "Starts from data."},
  {"id": "sales-alignment", "covered": true, "quote": "we met the CFO every single week", "reason": "Invented."}],
 "agency": {"verdict": "shows-tradeoffs", "quote": "We could launch a simple version this week, or the full one next month", "reason": "Two options."},
 "jump_to_solution": {"verdict": "jumped-to-solution", "quote": "we should just do LinkedIn Ads", "reason": "Solution first."},
 "star": []}`

// opinionFixture is the review screen with the interviewer model behind a
// local chat server, and one transcribed take open.
func opinionFixture(t *testing.T) (*reviewFixture, *chattest.Server, string) {
	f := newReviewFixture(t, reviewOpts{})
	srv := withInterviewer(f.uiFixture)
	f.s.deps.Interviewer = f.deps.Interviewer
	f.deps.Prefs.SetString(app.PrefInterviewerBaseURL, srv.BaseURL())
	id := f.addTake(20, timedTranscript(answerText, -1))
	f.open(id)
	return f, srv, id
}

func TestOpinionOnlyWhenTheInterviewerIsOn(t *testing.T) {
	f, _, _ := opinionFixture(t)
	o := &f.s.opinion
	if o.askBtn.Visible() || o.rewriteBtn.Visible() || tabShown(f.s) {
		t.Fatal("with the interviewer off, its buttons and tab must not show")
	}
	f.deps.Prefs.SetString(app.PrefInterviewer, app.InterviewerOn)
	f.s.refresh()
	f.waitLoaded()
	if !o.askBtn.Visible() || o.askBtn.Disabled() || !o.rewriteBtn.Visible() || !tabShown(f.s) {
		t.Fatal("with the interviewer on, its buttons and tab must show")
	}
}

func tabShown(s *reviewScreen) bool {
	for _, it := range s.tabs.Items {
		if it == s.opinion.tab {
			return true
		}
	}
	return false
}

func TestOpinionPanelMarksAgreementAndKeepsTheScores(t *testing.T) {
	f, srv, id := opinionFixture(t)
	f.deps.Prefs.SetString(app.PrefInterviewer, app.InterviewerOn)
	f.s.refresh()
	f.waitLoaded()
	before := f.s.report.Scores
	o := &f.s.opinion
	srv.Reply(opinionOfAnswer)
	test.Tap(o.askBtn)
	f.q.until(t, "the second opinion", func() bool { return !strings.HasPrefix(o.status.Text, "Asking") })
	if o.result == nil {
		t.Fatalf("no opinion: %s", o.status.Text)
	}
	if f.s.tabs.Selected() != o.tab {
		t.Error("the interviewer tab is not shown")
	}
	if o.dropped.Text != "1 unsupported claim dropped" {
		t.Errorf("dropped = %q", o.dropped.Text)
	}
	if !strings.Contains(o.agree.Text, "✓ agrees") || !strings.Contains(o.agree.Text, "built-in says") {
		t.Errorf("agreement = %q", o.agree.Text)
	}
	if !strings.Contains(o.claims.Text, "“I'd start with the attribution data”") || strings.Contains(o.claims.Text, "CFO") {
		t.Errorf("claims = %q, want the true quote and not the fabricated one", o.claims.Text)
	}
	if f.s.report.Scores != before {
		t.Error("the second opinion changed the built-in scores")
	}
	sess, _ := f.store.Get(f.sessID)
	if sess.Take(id).Summary != nil && sess.Take(id).Summary.Scores != before {
		t.Error("the stored scores changed")
	}

	srv.Fail("401")
	test.Tap(o.askBtn)
	f.q.until(t, "the failure", func() bool { return strings.HasPrefix(o.status.Text, "The second opinion did not work") })
	if !strings.Contains(o.status.Text, "API key was refused") || strings.Contains(o.status.Text, interviewerKey) {
		t.Errorf("status = %q", o.status.Text)
	}
	if o.result == nil || o.askBtn.Disabled() {
		t.Error("a failure must keep the last opinion and the button")
	}
}

func TestStrongerAnswerIsShownBesideTheOriginalAndSaved(t *testing.T) {
	f, srv, id := opinionFixture(t)
	f.deps.Prefs.SetString(app.PrefInterviewer, app.InterviewerOn)
	f.s.refresh()
	f.waitLoaded()
	o := &f.s.opinion
	sessPath := filepath.Join(f.store.Dir(f.sessID), "session.json")
	sum := func() [32]byte {
		b, err := os.ReadFile(sessPath)
		if err != nil {
			t.Fatal(err)
		}
		return sha256.Sum256(b)
	}

	// A failure leaves session.json as it was.
	before := sum()
	srv.Fail("500")
	test.Tap(o.rewriteBtn)
	f.q.until(t, "the failure", func() bool { return strings.HasPrefix(o.status.Text, "The stronger answer did not work") })
	if sum() != before || o.rewrite.Text != "" {
		t.Fatal("a failed rewrite changed the take or shows a rewrite")
	}

	srv.Reply("I'd start with the attribution data, then cut LinkedIn Ads by 30% and align with sales leadership.")
	test.Tap(o.rewriteBtn)
	f.q.until(t, "the saved rewrite", func() bool { return f.s.loaded && strings.Contains(o.rewrite.Text, "[your number]") })
	if o.original.Text != answerText {
		t.Errorf("original = %q", o.original.Text)
	}
	if !strings.Contains(o.rewriteAbout.Text, "saved with the take") || !strings.Contains(o.rewriteAbout.Text, "1 placeholder") {
		t.Errorf("about = %q", o.rewriteAbout.Text)
	}
	sess, err := f.store.Get(f.sessID)
	if err != nil {
		t.Fatal(err)
	}
	if rw := sess.Take(id).Rewrite; rw == nil || rw.Text != o.rewrite.Text {
		t.Fatalf("saved rewrite = %+v", rw)
	}
	if b, _ := os.ReadFile(sessPath); strings.Contains(string(b), interviewerKey) {
		t.Error("the key is in session.json")
	}

	// Opening the take again shows the saved rewrite without asking.
	n := len(srv.Requests())
	f.open(id)
	if !strings.Contains(o.rewrite.Text, "[your number]") || len(srv.Requests()) != n {
		t.Error("the saved rewrite is not shown on opening the take")
	}
}

// TestReviewShowsTheFollowUpThread: the answer to a follow-up shows the
// follow-up and the take it follows up; that take shows the follow-up
// asked about it.
func TestReviewShowsTheFollowUpThread(t *testing.T) {
	f, _, parent := opinionFixture(t)
	child := f.addTake(20, timedTranscript(answerText, -1))
	if err := f.store.SetFollowUp(f.sessID, child, session.TakeFollowUp{Parent: parent, Question: "Which attribution model?"}); err != nil {
		t.Fatal(err)
	}
	f.open(child)
	if want := f.question.Prompt + "\n↳ Follow-up to take 1: Which attribution model?"; f.s.head.prompt.Text != want {
		t.Errorf("prompt = %q, want %q", f.s.head.prompt.Text, want)
	}
	if !strings.Contains(f.s.head.takeSel.Selected, "↳ follow-up") {
		t.Errorf("the take picker shows %q, not marked as a follow-up", f.s.head.takeSel.Selected)
	}
	f.open(parent)
	if want := f.question.Prompt + "\n↳ Followed up in take 2: Which attribution model?"; f.s.head.prompt.Text != want {
		t.Errorf("the parent's prompt = %q, want %q", f.s.head.prompt.Text, want)
	}
}

// TestOpinionRequestStopsWhenAnotherTakeOpens: a second opinion still
// being asked for is cancelled when another take opens (nobody would see
// the answer), and its answer never shows on that take.
func TestOpinionRequestStopsWhenAnotherTakeOpens(t *testing.T) {
	f, srv, first := opinionFixture(t)
	f.deps.Prefs.SetString(app.PrefInterviewer, app.InterviewerOn)
	second := f.addTake(20, timedTranscript(answerText, -1))
	f.open(first)
	srv.Fail("timeout") // the server answers after 5 s, unless the client gives up first
	test.Tap(f.s.opinion.askBtn)
	f.q.until(t, "the request to reach the server", func() bool { return len(srv.Seen()) == 1 })
	f.open(second)
	f.q.until(t, "the request to be cancelled", func() bool { return srv.Cancelled() == 1 })
	if f.s.opinion.result != nil || strings.Contains(f.s.opinion.status.Text, "second opinion") {
		t.Errorf("the other take shows %q", f.s.opinion.status.Text)
	}
	if f.s.opinion.askBtn.Disabled() {
		t.Error("the new take cannot ask for its own second opinion")
	}
}
