package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rehearse-app/rehearse/internal/chattest"
)

// coachKey is a distinctive API key that must never be printed.
const coachKey = "sk-rehearse-CLI-distinctive-key-0c4e8a2f9d"

// coachServer is a fake chat-completions server for the coach commands: it
// answers each kind of request (told apart by its system prompt) with a
// canned reply, or fails as mode says: "401" (echoing the key), "500",
// "timeout", "badyaml".
type coachServer struct {
	srv  *httptest.Server
	mu   sync.Mutex
	mode string
	reqs int
}

func newCoachServer(t *testing.T) *coachServer {
	s := &coachServer{}
	s.srv = httptest.NewServer(http.HandlerFunc(s.handle))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *coachServer) setMode(m string) { s.mu.Lock(); s.mode = m; s.mu.Unlock() }

const cliOpinion = `{"talking_points": [
  {"id": "attribution-data", "covered": true, "quote": "I'd look at the historical attribution data", "reason": "Starts from data."},
  {"id": "velocity-to-revenue", "covered": true, "quote": "we tracked how fast each channel turned into revenue", "reason": "Invented."},
  {"id": "test-reserve", "covered": false, "quote": "", "reason": "No test budget."}],
 "agency": {"verdict": "no-tradeoffs", "quote": "", "reason": "Picks one."},
 "jump_to_solution": {"verdict": "diagnosed-first", "quote": "first I'd look at the historical attribution data", "reason": "Data first."},
 "star": []}`

// cliQuestions is a model's answer of one question (asked for --count 1):
// the first of chattest's canned two.
var cliQuestions = chattest.QuestionsReply[:strings.Index(chattest.QuestionsReply, "  - id: tailored-cmo-report")]

func (s *coachServer) handle(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Messages []struct{ Role, Content string } `json:"messages"`
	}
	body, _ := io.ReadAll(r.Body)
	json.Unmarshal(body, &req)
	s.mu.Lock()
	mode := s.mode
	s.reqs++
	s.mu.Unlock()
	system := ""
	if len(req.Messages) > 0 {
		system = req.Messages[0].Content
	}
	writeErr := func(status int, msg string) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		json.NewEncoder(w).Encode(map[string]any{"error": map[string]any{"message": msg, "type": "invalid_request_error"}})
	}
	switch mode {
	case "401":
		writeErr(401, "Incorrect API key provided: "+strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer "))
		return
	case "500":
		writeErr(500, "The server had an error while processing your request.")
		return
	case "timeout":
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
		return
	}
	var content string
	switch {
	case strings.Contains(system, "follow-up question"):
		content = "Which attribution model did you trust, and why?"
	case strings.Contains(system, "second opinion"):
		content = cliOpinion
	case strings.Contains(system, "Rewrite the candidate's answer"):
		content = "I'd start from the historical attribution data in HubSpot, then meet the VP of Sales. Paid search returned 4.5x, so it gets 60% of the budget."
	case strings.Contains(system, "interview questions"):
		content = cliQuestions
		if mode == "badyaml" {
			content = strings.Replace(cliQuestions, "category: technical", "category: marketing", 1)
		}
	default:
		writeErr(400, "unexpected request")
		return
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"id": "chatcmpl-1", "object": "chat.completion", "model": "fake",
		"choices": []any{map[string]any{"index": 0, "message": map[string]any{"role": "assistant", "content": content}, "finish_reason": "stop"}}})
}

// coachRun runs the binary with the test key in OPENAI_API_KEY (or none
// when key is ""), a private data folder and no keychain.
func coachRun(t *testing.T, dataDir, key string, args ...string) result {
	t.Helper()
	cmd := exec.Command(binPath, append(args, "--data-dir", dataDir)...)
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "OPENAI_API_KEY=") && !strings.HasPrefix(kv, "REHEARSE_") && !strings.HasPrefix(kv, "DBUS_SESSION_BUS_ADDRESS=") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, "DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/rehearse-test-bus")
	if key != "" {
		cmd.Env = append(cmd.Env, "OPENAI_API_KEY="+key)
	}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("running rehearse %s: %v", strings.Join(args, " "), err)
	}
	r := result{out.String(), errb.String(), code}
	if strings.Contains(r.stdout+r.stderr, coachKey) || strings.Contains(r.stdout+r.stderr, coachKey[12:30]) {
		t.Errorf("rehearse %s printed the API key:\n%s\n%s", strings.Join(args, " "), r.stdout, r.stderr)
	}
	return r
}

// coachAnswerFile writes a transcript of an answer to budget-prioritization.
func coachAnswerFile(t *testing.T, dir string) string {
	p := filepath.Join(dir, "answer.txt")
	os.WriteFile(p, []byte("Um, so first I'd look at the historical attribution data to see which channels brought in pipeline. "+
		"Then I'd talk to the VP of Sales. We use HubSpot, and webinars gave us 20% of pipeline. I'd put the budget into webinars.\n"), 0o644)
	return p
}

func TestCoachCommandsEndToEnd(t *testing.T) {
	srv := newCoachServer(t)
	data := t.TempDir()
	answer := coachAnswerFile(t, data)
	base := srv.srv.URL + "/v1"
	common := []string{"--question", "budget-prioritization", "--base-url", base, "--model", "fake"}

	t.Run("followup", func(t *testing.T) {
		r := coachRun(t, data, coachKey, append([]string{"coach", "followup", answer}, common...)...)
		if r.code != 0 || strings.TrimSpace(r.stdout) != "Which attribution model did you trust, and why?" {
			t.Fatalf("exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
		}
		r = coachRun(t, data, coachKey, append([]string{"coach", "followup", "--json", answer}, common...)...)
		var out struct {
			Question  string `json:"question"`
			FollowUp  string `json:"follow_up"`
			Model     string `json:"model"`
			SentBytes int    `json:"sent_bytes"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &out); err != nil || out.Question != "budget-prioritization" || out.FollowUp == "" || out.Model != "fake" || out.SentBytes == 0 {
			t.Errorf("followup --json: %v %+v\n%s", err, out, r.stdout)
		}
	})
	t.Run("review", func(t *testing.T) {
		r := coachRun(t, data, coachKey, append([]string{"coach", "review", answer}, common...)...)
		if r.code != 0 {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		for _, want := range []string{"1 unsupported claim dropped", "velocity-to-revenue", "Start from historical attribution data", "Agrees with the built-in review on", "It changes no score"} {
			if !strings.Contains(r.stdout, want) {
				t.Errorf("review output lacks %q:\n%s", want, r.stdout)
			}
		}
		r = coachRun(t, data, coachKey, append([]string{"coach", "review", "--json", answer}, common...)...)
		var out struct {
			DroppedCount int `json:"dropped_count"`
			Agreement    []struct {
				Item  string `json:"item"`
				Agree bool   `json:"agree"`
			} `json:"agreement"`
			TalkingPoints []struct {
				ID    string `json:"id"`
				Start int    `json:"start"`
				End   int    `json:"end"`
			} `json:"talking_points"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &out); err != nil || out.DroppedCount != 1 || len(out.Agreement) == 0 || len(out.TalkingPoints) != 2 {
			t.Errorf("review --json: %v %+v\n%s", err, out, r.stdout)
		}
	})
	t.Run("rewrite", func(t *testing.T) {
		r := coachRun(t, data, coachKey, append([]string{"coach", "rewrite", answer}, common...)...)
		if r.code != 0 {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		if !strings.Contains(r.stdout, "returned [your number], so it gets [your number] of the budget") || !strings.Contains(r.stdout, "HubSpot") ||
			!strings.Contains(r.stderr, "2 fact(s) you did not say") {
			t.Errorf("rewrite:\n%s\n%s", r.stdout, r.stderr)
		}
	})
	t.Run("questions", func(t *testing.T) {
		job := filepath.Join(data, "job.txt")
		os.WriteFile(job, []byte("Marketing Operations Manager: own HubSpot and its Salesforce sync."), 0o644)
		r := coachRun(t, data, coachKey, "coach", "questions", "--job", job, "--count", "1", "--base-url", base)
		if r.code != 0 || !strings.Contains(r.stdout, "id: tailored-hubspot-sync") || !strings.HasPrefix(r.stdout, "# 1 interview questions drafted") {
			t.Fatalf("exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
		}
		out := filepath.Join(data, "questions", "tailored.yaml")
		os.MkdirAll(filepath.Dir(out), 0o755)
		r = coachRun(t, data, coachKey, "coach", "questions", "--job", job, "--count", "1", "--out", out, "--base-url", base)
		if r.code != 0 || r.stdout != "" {
			t.Fatalf("--out: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
		}
		// The file is a user question file: the bank loads it.
		qs := mustRun(t, data, "questions", "--json")
		if !strings.Contains(qs, `"tailored-hubspot-sync"`) {
			t.Error("the written question file is not in the bank")
		}
		// Drafting again now collides with the saved file's id.
		r = coachRun(t, data, coachKey, "coach", "questions", "--job", job, "--count", "1", "--base-url", base)
		if r.code != 1 || !strings.Contains(r.stderr, "duplicate id") {
			t.Errorf("a duplicate id was accepted: exit %d\n%s", r.code, r.stderr)
		}
		os.Remove(out)
		srv.setMode("badyaml")
		defer srv.setMode("")
		bad := filepath.Join(data, "bad.yaml")
		r = coachRun(t, data, coachKey, "coach", "questions", "--job", job, "--count", "1", "--out", bad, "--base-url", base)
		if r.code != 1 || !strings.Contains(r.stderr, `field "category": "marketing" is not one of`) {
			t.Errorf("bad YAML: exit %d\n%s", r.code, r.stderr)
		}
		if _, err := os.Stat(bad); err == nil {
			t.Error("a refused question file was written")
		}
	})
}

func TestCoachFailuresLeaveTheTranscriptAndPrintNoKey(t *testing.T) {
	srv := newCoachServer(t)
	data := t.TempDir()
	answer := coachAnswerFile(t, data)
	before, _ := os.ReadFile(answer)
	base := srv.srv.URL + "/v1"
	for _, tc := range []struct{ mode, says string }{
		{"401", "the API key was refused"},
		{"500", "the server failed"},
		{"timeout", "no answer within 300ms"},
	} {
		srv.setMode(tc.mode)
		for _, sub := range []string{"followup", "review", "rewrite"} {
			r := coachRun(t, data, coachKey, "coach", sub, "--question", "budget-prioritization", "--base-url", base, "--timeout", "300ms", answer)
			if r.code != 1 || !strings.Contains(r.stderr, tc.says) || r.stdout != "" {
				t.Errorf("%s with %s: exit %d, stdout %q, stderr %q", sub, tc.mode, r.code, r.stdout, r.stderr)
			}
		}
	}
	after, _ := os.ReadFile(answer)
	if sha256.Sum256(before) != sha256.Sum256(after) {
		t.Error("a failed request changed the transcript file")
	}
}

func TestCoachNeedsAKeyOrAServer(t *testing.T) {
	data := t.TempDir()
	answer := coachAnswerFile(t, data)
	r := coachRun(t, data, "", "coach", "followup", "--question", "budget-prioritization", answer)
	if r.code != 1 || !strings.Contains(r.stderr, "OPENAI_API_KEY") || !strings.Contains(r.stderr, "--base-url") {
		t.Errorf("exit %d: %s", r.code, r.stderr)
	}
	r = coachRun(t, data, "", "coach")
	if r.code != 2 || !strings.Contains(r.stderr, "followup, review, rewrite or questions") {
		t.Errorf("no subcommand: exit %d: %s", r.code, r.stderr)
	}
	r = coachRun(t, data, "", "coach", "review", answer)
	if r.code != 2 || !strings.Contains(r.stderr, "--question") {
		t.Errorf("no --question: exit %d: %s", r.code, r.stderr)
	}
	r = coachRun(t, data, "", "coach", "followup", "--question", "budget-prioritization", "--base-url", "http://192.0.2.1:11434", "--timeout", "200ms", answer)
	if !strings.Contains(r.stderr, "warning: http://192.0.2.1:11434/v1 is plain http") {
		t.Errorf("no plain-http warning: %s", r.stderr)
	}
	fmt.Fprint(io.Discard, r.stdout)
}
