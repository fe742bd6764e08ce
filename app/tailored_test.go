package app

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rehearse-app/rehearse/coach"
	"github.com/rehearse-app/rehearse/internal/chattest"
	"github.com/rehearse-app/rehearse/review"
	"github.com/rehearse-app/rehearse/transcribe"
)

// tailoredJob is a job description; its first line names the file.
const tailoredJob = "Marketing Operations Manager — Acme Corp\n\nYou will own our HubSpot to Salesforce sync, lead scoring and the attribution reports the CMO reads every Monday."

// tailoredFixture is a coach switched on against a local chat server, a
// data folder with an empty questions folder, and a fixed clock.
type tailoredFixture struct {
	*coachFixture
	root string
}

func newTailoredFixture(t *testing.T) *tailoredFixture {
	t.Helper()
	f := &tailoredFixture{coachFixture: newCoachFixture(t), root: t.TempDir()}
	f.coach.now = func() time.Time { return time.Date(2026, 11, 28, 9, 30, 0, 0, time.UTC) }
	return f
}

func (f *tailoredFixture) dir() string { return UserQuestionsDir(f.root) }

func (f *tailoredFixture) load() (*review.Bank, []error) { return LoadBank(f.root) }

func (f *tailoredFixture) draft(n int) (*Tailored, error) {
	return f.coach.DraftQuestions(context.Background(), tailoredJob, n, f.dir(), f.load)
}

// files lists every file in the questions folder, hidden ones included.
func (f *tailoredFixture) files(t *testing.T) []string {
	t.Helper()
	ents, err := os.ReadDir(f.dir())
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	return names
}

func TestDraftQuestionsSavesAFileAndTheBankHasThem(t *testing.T) {
	f := newTailoredFixture(t)
	f.srv.Reply(chattest.QuestionsReply)
	res, err := f.draft(2)
	if err != nil {
		t.Fatal(err)
	}
	want := filepath.Join(f.dir(), "tailored-2026-11-28-marketing-operations-manager-acme-corp.yaml")
	if res.Path != want {
		t.Errorf("path = %s, want %s", res.Path, want)
	}
	b, err := os.ReadFile(res.Path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(b), "# 2 interview questions drafted") || !strings.Contains(string(b), "id: tailored-cmo-report") {
		t.Errorf("file:\n%s", b)
	}
	if len(res.Questions) != 2 || res.Model != "llama3.2" || res.Server == "" {
		t.Errorf("result = %+v", res)
	}
	for _, id := range []string{"tailored-hubspot-sync", "tailored-cmo-report", "budget-prioritization"} {
		q, ok := res.Bank.ByID(id)
		if !ok {
			t.Errorf("the reloaded bank has no %s", id)
			continue
		}
		if strings.HasPrefix(id, "tailored-") && !strings.HasSuffix(q.Source, filepath.Base(want)) {
			t.Errorf("%s: source = %q", id, q.Source)
		}
	}
	if len(res.Problems) > 0 {
		t.Errorf("problems = %v", res.Problems)
	}
	if got := f.files(t); len(got) != 1 {
		t.Errorf("files = %v, want only the question file (no temporary file left)", got)
	}
	// The request held the job description and the count.
	reqs := f.srv.Requests()
	if len(reqs) != 1 || !strings.Contains(reqs[0], "lead scoring") || !strings.Contains(reqs[0], "exactly 2 questions") {
		t.Errorf("requests = %v", reqs)
	}
	f.noKeyWritten(t)
	if b, _ := os.ReadFile(res.Path); strings.Contains(string(b), coachKey) {
		t.Error("the key is in the question file")
	}
}

func TestDraftQuestionsNeverReplacesAFile(t *testing.T) {
	f := newTailoredFixture(t)
	if err := os.MkdirAll(f.dir(), 0o755); err != nil {
		t.Fatal(err)
	}
	taken := filepath.Join(f.dir(), "tailored-2026-11-28-marketing-operations-manager-acme-corp.yaml")
	mine := "# my own edits\nquestions: []\n"
	if err := os.WriteFile(taken, []byte(mine), 0o644); err != nil {
		t.Fatal(err)
	}
	f.srv.Reply(chattest.QuestionsReply)
	res, err := f.draft(2)
	if err != nil {
		t.Fatal(err)
	}
	if want := strings.TrimSuffix(taken, ".yaml") + "-2.yaml"; res.Path != want {
		t.Errorf("path = %s, want %s", res.Path, want)
	}
	if b, _ := os.ReadFile(taken); string(b) != mine {
		t.Errorf("the existing file was changed:\n%s", b)
	}
}

func TestDraftQuestionsRefusesBadAnswers(t *testing.T) {
	cases := []struct {
		name, reply string
		reason      string // in the error
	}{
		{"not YAML", "Sure! Here are some great questions:\n- What is HubSpot?\n  - it: [is", "line"},
		{"unknown category", strings.Replace(chattest.QuestionsReply, "category: technical", "category: sales", 1), "category"},
		{"no prompt", strings.Replace(chattest.QuestionsReply, `prompt: "Our HubSpot to Salesforce sync drops leads. How would you find out why?"`, `prompt: ""`, 1), "prompt"},
		{"an id of the bank", strings.Replace(chattest.QuestionsReply, "tailored-cmo-report", "budget-prioritization", 1), "duplicate id"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newTailoredFixture(t)
			f.srv.Reply(tc.reply)
			res, err := f.draft(2)
			if err == nil {
				t.Fatalf("accepted: %+v", res)
			}
			if !errors.Is(err, coach.ErrBadQuestions) || !strings.Contains(err.Error(), tc.reason) {
				t.Errorf("err = %v, want ErrBadQuestions naming %q", err, tc.reason)
			}
			if testing.Verbose() {
				t.Log(err)
			}
			if got := f.files(t); len(got) != 0 {
				t.Errorf("files written: %v", got)
			}
		})
	}
}

func TestDraftQuestionsFailedRequestWritesNothing(t *testing.T) {
	f := newTailoredFixture(t)
	f.srv.Fail("500", "500", "500")
	_, err := f.draft(2)
	if !errors.Is(err, transcribe.ErrServer) {
		t.Errorf("err = %v, want a server error", err)
	}
	if got := f.files(t); len(got) != 0 {
		t.Errorf("files written: %v", got)
	}
}

func TestDraftQuestionsWithTheModelOff(t *testing.T) {
	f := newTailoredFixture(t)
	f.prefs[PrefInterviewer] = ""
	_, err := f.draft(2)
	if !errors.Is(err, ErrInterviewerOff) || !strings.Contains(err.Error(), "Settings → Interviewer model") {
		t.Errorf("err = %v, want ErrInterviewerOff saying where to switch it on", err)
	}
	if len(f.srv.Requests()) != 0 || len(f.files(t)) != 0 {
		t.Error("a request was sent or a file written with the model off")
	}
}

func TestTailoredName(t *testing.T) {
	for _, tc := range []struct{ job, want string }{
		{tailoredJob, "tailored-2026-11-28-marketing-operations-manager-acme-corp"},
		{"\n\n  Senior MOps Lead (Remote, EU)  \nmore", "tailored-2026-11-28-senior-mops-lead-remote-eu"},
		{"Ingénieur·e marketing", "tailored-2026-11-28-ing-nieur-e-marketing"},
		{"日本語のみ", "tailored-2026-11-28"},
		{"a-very-long-wordthatgoesonandonandonandonandonandon title", "tailored-2026-11-28-a-very-long"},
	} {
		if got := tailoredName("2026-11-28", tc.job); got != tc.want {
			t.Errorf("tailoredName(%q) = %q, want %q", tc.job, got, tc.want)
		}
	}
}

func TestAppTailorQuestionsUsesTheDataFolder(t *testing.T) {
	srv := chattest.New(t)
	srv.Reply(chattest.QuestionsReply)
	root := t.TempDir()
	prefs := mapPrefs{PrefInterviewer: InterviewerOn, PrefInterviewerBaseURL: srv.BaseURL()}
	a, err := New(Options{Root: root, Prefs: prefs, Keys: &memKeys{}})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	res, err := a.TailorQuestions(context.Background(), tailoredJob, 2)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Dir(res.Path) != UserQuestionsDir(root) {
		t.Errorf("saved in %s, want the data folder's questions folder", res.Path)
	}
	bank, problems := a.ReloadBank()
	if _, ok := bank.ByID("tailored-cmo-report"); !ok || len(problems) > 0 {
		t.Errorf("the app's bank does not load the new file: problems %v", problems)
	}
}
