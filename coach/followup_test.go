package coach

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
)

func TestFollowUpInEveryServerShape(t *testing.T) {
	for _, v := range variants {
		t.Run(v.name, func(t *testing.T) {
			f := newFakeChat(t, v.shape)
			f.NoSchema = !v.schema
			f.Reply("Follow-up: \"Which attribution model did you use, and why that one?\"")
			c, _ := newTestClient(t, f, streaming(v.stream))
			fu, err := c.FollowUp(context.Background(), Answer{Question: question(t, "budget-prioritization"), Transcript: budgetAnswer, Notes: "my private note"})
			if err != nil {
				t.Fatal(err)
			}
			if fu.Question != "Which attribution model did you use, and why that one?" {
				t.Errorf("follow-up = %q", fu.Question)
			}
			reqs := f.Seen()
			if len(reqs) != 1 {
				t.Fatalf("%d requests, want 1", len(reqs))
			}
			r := reqs[0]
			if r.Stream != v.stream || r.Schema || r.Model != "test-model" || r.Auth != "Bearer "+testKey {
				t.Errorf("request: stream %v schema %v model %q auth ok %v", r.Stream, r.Schema, r.Model, r.Auth == "Bearer "+testKey)
			}
			if !strings.Contains(r.User, "historical attribution data") || !strings.Contains(r.User, "How do you prioritize spend?") ||
				!strings.Contains(r.User, "attribution-data: Start from historical attribution data") {
				t.Errorf("the request lacks the question, rubric or transcript:\n%s", r.User)
			}
			if strings.Contains(string(r.Body), "my private note") {
				t.Error("notes were sent without SendNotes")
			}
			if fu.SentBytes != int64(len(r.Body)) {
				t.Errorf("SentBytes = %d, the server got %d", fu.SentBytes, len(r.Body))
			}
			b, _ := json.Marshal(fu)
			noKey(t, "the follow-up's JSON", string(b))
		})
	}
}

func TestNotesAreSentOnlyWhenAsked(t *testing.T) {
	f := newFakeChat(t, "openai")
	c, _ := newTestClient(t, f, func(c *Config) { c.SendNotes = true })
	if _, err := c.FollowUp(context.Background(), Answer{Question: question(t, "budget-prioritization"), Transcript: budgetAnswer, Notes: "ask me about the CMO"}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(f.Seen()[0].User, "ask me about the CMO") {
		t.Error("SendNotes is set but the notes were not sent")
	}
}

func TestCleanFollowUp(t *testing.T) {
	for in, want := range map[string]string{
		"What did the CMO say?":                               "What did the CMO say?",
		"Question: \"How did you measure it?\"\n\nGood luck!": "How did you measure it?",
		"**Follow-up:** Which channel?":                       "Which channel?",
		"  “Why that channel?”  ":                             "Why that channel?",
	} {
		if got := cleanFollowUp(in); got != want {
			t.Errorf("cleanFollowUp(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLongTranscriptIsTrimmedWithANotice(t *testing.T) {
	f := newFakeChat(t, "openai")
	c, _ := newTestClient(t, f, func(c *Config) { c.MaxTranscriptBytes = 2000 })
	long := strings.Repeat("We audited the pipeline stage by stage and found the leak. ", 200) // ~12 kB
	fu, err := c.FollowUp(context.Background(), Answer{Question: question(t, "budget-prioritization"), Transcript: long})
	if err != nil {
		t.Fatal(err)
	}
	if len(fu.Notices) == 0 || !strings.Contains(fu.Notices[0], "transcript was cut to its first") {
		t.Errorf("no notice of the cut: %q", fu.Notices)
	}
	r := f.Seen()[0]
	if len(r.Body) > 6000 {
		t.Errorf("the request is %d bytes; the transcript was not bounded", len(r.Body))
	}
	if !strings.Contains(r.User, "The transcript was cut here") {
		t.Error("the model was not told the transcript was cut")
	}
}
