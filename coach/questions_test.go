package coach

import (
	"context"
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/rehearse-app/rehearse/assets"
	"github.com/rehearse-app/rehearse/review"
)

const jobDescription = `Marketing Operations Manager. You will own our HubSpot instance and its sync with Salesforce,
build lead scoring with sales, report on pipeline attribution to the CMO, and run data hygiene.`

// goodQuestions is a model's answer in the bank's format, in a code fence.
const goodQuestions = "```yaml\n" + `questions:
  - id: tailored-hubspot-sync
    category: technical
    prompt: "Our HubSpot to Salesforce sync drops leads. How would you find out why?"
    think_seconds: 20
    answer_seconds: 120
    notes: "Starts from the sync logs and field mappings before changing anything."
    talking_points:
      - id: sync-logs
        label: Read the sync error logs first
        cues: ["sync log", "error log"]
      - id: field-mapping
        label: Check the field mappings
        cues: ["field mapping", "required field"]
  - id: tailored-lead-scoring
    category: behavioral
    prompt: "Tell me about a time you built lead scoring with a sales team that did not trust marketing."
    think_seconds: 20
    answer_seconds: 150
    notes: "A STAR story with the candidate's own actions."
    tags: [story, stakeholder]
    talking_points:
      - id: sales-input
        label: Built it with sales input
        cues: ["with sales", "sales feedback"]
` + "```"

func TestQuestionsPassTheBankLoader(t *testing.T) {
	for _, v := range variants[:4] {
		t.Run(v.name, func(t *testing.T) {
			f := newFakeChat(t, v.shape)
			f.Reply(goodQuestions)
			c, _ := newTestClient(t, f, streaming(v.stream))
			set, err := c.Questions(context.Background(), jobDescription, 2, builtinBank(t))
			if err != nil {
				t.Fatal(err)
			}
			if len(set.Questions) != 2 || set.Questions[0].ID != "tailored-hubspot-sync" || len(set.Questions[1].TalkingPoints) != 1 {
				t.Fatalf("questions = %+v", set.Questions)
			}
			if strings.Contains(string(set.YAML), "```") || !strings.HasPrefix(string(set.YAML), "# 2 interview questions drafted") {
				t.Errorf("file:\n%s", set.YAML)
			}
			if err := review.ValidateBankFile(set.YAML, "mine.yaml"); err != nil {
				t.Errorf("the saved file does not load: %v", err)
			}
			r := f.Seen()[0]
			if !strings.Contains(r.User, "HubSpot instance") || !strings.Contains(r.System, "exactly 2 questions") {
				t.Errorf("request:\n%s\n%s", r.System, r.User)
			}
		})
	}
}

func TestQuestionsRefusesBadOutputWithTheLoadersReason(t *testing.T) {
	for _, tc := range []struct{ name, reply, reason string }{
		{"category", strings.Replace(goodQuestions, "category: technical", "category: sales", 1), `field "category": "sales" is not one of`},
		{"think time", strings.Replace(goodQuestions, "think_seconds: 20", "think_seconds: soon", 1), "think_seconds"},
		{"not yaml", "Here are some great questions for you!", "questions"},
		{"duplicate of builtin", strings.Replace(goodQuestions, "tailored-hubspot-sync", "budget-prioritization", 1), "duplicate id, already defined in builtin"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeChat(t, "openai")
			f.Reply(tc.reply)
			c, _ := newTestClient(t, f)
			_, err := c.Questions(context.Background(), jobDescription, 2, builtinBank(t))
			if !errors.Is(err, ErrBadQuestions) {
				t.Fatalf("err = %v, want ErrBadQuestions", err)
			}
			var fe *review.FileError
			if !errors.As(err, &fe) && tc.name != "not yaml" {
				t.Errorf("the loader's error is not wrapped: %v", err)
			}
			if !strings.Contains(err.Error(), tc.reason) {
				t.Errorf("err = %v, want the reason %q", err, tc.reason)
			}
		})
	}
}

func TestQuestionsInputChecks(t *testing.T) {
	f := newFakeChat(t, "openai")
	c, _ := newTestClient(t, f, func(c *Config) { c.MaxJobBytes = 100 })
	if _, err := c.Questions(context.Background(), "  ", 3, nil); err == nil {
		t.Error("an empty job description was sent")
	}
	if _, err := c.Questions(context.Background(), jobDescription, 0, nil); err == nil {
		t.Error("0 questions were asked for")
	}
	f.Reply(goodQuestions)
	set, err := c.Questions(context.Background(), jobDescription, 3, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Notices) != 2 || !strings.Contains(set.Notices[0], "job description was cut") || !strings.Contains(set.Notices[1], "asked for 3 questions, the model wrote 2") {
		t.Errorf("notices = %q", set.Notices)
	}
	if len(f.Seen()) != 1 {
		t.Errorf("%d requests; bad input must not be sent", len(f.Seen()))
	}
}

func TestQuestionsAskNotToReuseTailoredIDs(t *testing.T) {
	mine := fstest.MapFS{"tailored-acme.yaml": {Data: []byte(strings.Trim(strings.TrimPrefix(goodQuestions, "```yaml\n"), "`"))}}
	bank, errs := review.LoadBank(review.BankSource{FS: assets.Questions(), Dir: "questions", Label: "builtin"},
		review.BankSource{FS: mine, Dir: ".", Label: "mine/"})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	f := newFakeChat(t, "openai")
	f.Reply(strings.ReplaceAll(goodQuestions, "tailored-", "tailored-new-"))
	c, _ := newTestClient(t, f)
	if _, err := c.Questions(context.Background(), jobDescription, 2, bank); err != nil {
		t.Fatal(err)
	}
	sys := f.Seen()[0].System
	if !strings.Contains(sys, "already taken: do not use them. tailored-hubspot-sync, tailored-lead-scoring") {
		t.Errorf("the taken ids are not in the prompt:\n%s", sys)
	}
	if strings.Contains(sys, "budget-prioritization") {
		t.Error("built-in ids are listed too")
	}
	// Without tailored questions in the bank the prompt says nothing of ids taken.
	if _, err := c.Questions(context.Background(), jobDescription, 2, builtinBank(t)); err != nil {
		t.Fatal(err)
	}
	if sys := f.Seen()[1].System; strings.Contains(sys, "already taken") {
		t.Errorf("prompt:\n%s", sys)
	}
}
