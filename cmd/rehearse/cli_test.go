package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rehearse-app/rehearse/audio"
	"github.com/rehearse-app/rehearse/audio/alsatest"
	"github.com/rehearse-app/rehearse/review"
	"github.com/rehearse-app/rehearse/session"
)

func TestQuestionsJSONFollowsTheContract(t *testing.T) {
	out := mustRun(t, t.TempDir(), "questions", "--json")
	var qs []struct {
		ID            string `json:"id"`
		Category      string `json:"category"`
		Prompt        string `json:"prompt"`
		ThinkSeconds  int    `json:"think_seconds"`
		AnswerSeconds int    `json:"answer_seconds"`
		TalkingPoints []struct {
			ID    string `json:"id"`
			Label string `json:"label"`
		} `json:"talking_points"`
	}
	if err := json.Unmarshal([]byte(out), &qs); err != nil {
		t.Fatalf("questions --json is not a JSON list: %v\n%s", err, out)
	}
	perCat := map[string]int{}
	ids := map[string]bool{}
	for _, q := range qs {
		perCat[q.Category]++
		if ids[q.ID] {
			t.Errorf("duplicate id %q", q.ID)
		}
		ids[q.ID] = true
		if q.Prompt == "" || q.ThinkSeconds <= 0 || q.AnswerSeconds <= 0 || len(q.TalkingPoints) == 0 {
			t.Errorf("question %q is incomplete: %+v", q.ID, q)
		}
	}
	for _, c := range []string{"strategic", "technical", "behavioral", "reverse"} {
		if perCat[c] < 5 {
			t.Errorf("category %s has %d questions, want at least 5", c, perCat[c])
		}
	}
	for _, id := range []string{"budget-prioritization", "zero-engagement-troubleshooting", "leads-vs-contacts-sync",
		"data-hygiene-process", "impossible-request", "reverse-questions-for-us"} {
		if !ids[id] {
			t.Errorf("the seed's question %q is missing", id)
		}
	}
}

func TestUserQuestionFilesLoadBesideABrokenOne(t *testing.T) {
	data := t.TempDir()
	qdir := filepath.Join(data, "questions")
	os.MkdirAll(qdir, 0o755)
	os.WriteFile(filepath.Join(qdir, "mine.yaml"), []byte(`questions:
  - id: my-own-question
    category: technical
    prompt: "Walk me through a Salesforce sync error you fixed."
    think_seconds: 15
    answer_seconds: 90
    talking_points:
      - id: root-cause
        label: Finds the root cause
        cues: ["root cause"]
`), 0o644)
	os.WriteFile(filepath.Join(qdir, "broken.yaml"), []byte("questions:\n  - id: broken\n    category: nonsense\n    prompt: x\n"), 0o644)
	r := rehearse(t, data, "questions", "--json")
	if r.code != 0 {
		t.Fatalf("a broken user file must not stop the bank loading: exit %d: %s", r.code, r.stderr)
	}
	if !strings.Contains(r.stdout, "my-own-question") {
		t.Error("the good user file was not loaded")
	}
	if !strings.Contains(r.stderr, "broken.yaml") || !strings.Contains(r.stderr, "category") {
		t.Errorf("the warning should name the file and the field; stderr: %s", r.stderr)
	}
}

func TestReviewFormats(t *testing.T) {
	data := t.TempDir()
	ans := filepath.Join(t.TempDir(), "answer.txt")
	os.WriteFile(ans, []byte("Um, I'd do LinkedIn Ads. Like, basically we just run ads and, you know, see what happens."), 0o644)

	var rep struct {
		Question string `json:"question"`
		Metrics  struct {
			Words   int `json:"words"`
			Fillers int `json:"fillers"`
		} `json:"metrics"`
		Findings []struct {
			Rule  string `json:"rule"`
			Text  string `json:"text"`
			Start int    `json:"start"`
			End   int    `json:"end"`
		} `json:"findings"`
		Scores map[string]int `json:"scores"`
	}
	out := mustRun(t, data, "review", "--question", "budget-prioritization", "--format", "json", ans)
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("review --format json: %v\n%s", err, out)
	}
	rules := map[string]int{}
	for _, f := range rep.Findings {
		rules[f.Rule]++
	}
	if rep.Question != "budget-prioritization" || rules["jump-to-solution"] == 0 || rules["filler"] < 3 {
		t.Fatalf("want a jump-to-solution and fillers for the canonical bad opening; got %+v", rep)
	}
	for _, k := range []string{"delivery", "structure", "agency", "content"} {
		if _, ok := rep.Scores[k]; !ok {
			t.Errorf("score %q missing", k)
		}
	}
	text := mustRun(t, data, "review", "--question", "budget-prioritization", ans)
	if !strings.Contains(text, "LinkedIn Ads") {
		t.Errorf("text output should quote the words in context:\n%s", text)
	}
	md := mustRun(t, data, "review", "--format", "markdown", ans)
	if !strings.Contains(md, "#") {
		t.Errorf("markdown output has no heading:\n%s", md)
	}
}

func TestReviewErrors(t *testing.T) {
	data := t.TempDir()
	ans := filepath.Join(t.TempDir(), "a.txt")
	os.WriteFile(ans, []byte("An answer."), 0o644)
	bad := filepath.Join(t.TempDir(), "bad.json")
	os.WriteFile(bad, []byte(`{"text": "hello", "words": [ {"word": }`), 0o644)
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"review", "--question", "no-such-question", ans}, "no-such-question"},
		{[]string{"review", filepath.Join(data, "missing.txt")}, "missing.txt"},
		{[]string{"review", bad}, "bad.json"},
		{[]string{"review", "--format", "pdf", ans}, "pdf"},
		{[]string{"review"}, "TRANSCRIPT"},
		{[]string{"record", "--seconds", "2"}, "--out"},
		{[]string{"frobnicate"}, "frobnicate"},
	}
	for _, c := range cases {
		r := rehearse(t, data, c.args...)
		if r.code == 0 {
			t.Errorf("rehearse %v: exit 0, want an error", c.args)
		}
		if !strings.Contains(r.stderr, c.want) {
			t.Errorf("rehearse %v: stderr should name %q:\n%s", c.args, c.want, r.stderr)
		}
	}
}

// TestRecordAndReviewWithRealDevices records from a file-backed ALSA
// microphone playing espeak-ng speech, then reviews with the recording.
func TestRecordAndReviewWithRealDevices(t *testing.T) {
	speech := alsatest.Speech(t, "I would start by analysing our historical attribution data.", 16000)
	played := alsatest.Setup(t, speech)
	data := t.TempDir()

	devs := mustRun(t, data, "devices")
	if !strings.Contains(devs, "mic") || !strings.Contains(devs, "speaker") {
		t.Fatalf("devices should list the ALSA file devices:\n%s", devs)
	}

	wav := filepath.Join(t.TempDir(), "answer.wav")
	mustRun(t, data, "record", "--out", wav, "--seconds", "2", "--device", "mic")
	pcm, err := audio.ReadWAV(wav)
	if err != nil {
		t.Fatal(err)
	}
	if len(pcm.Samples) != 32000 || pcm.Rate != 16000 || pcm.Channels != 1 {
		t.Fatalf("recorded %d samples at %d Hz × %d, want 32000 at 16000 × 1", len(pcm.Samples), pcm.Rate, pcm.Channels)
	}
	src := alsatest.Samples(speech)
	n := min(len(src), len(pcm.Samples))
	for i := 0; i < n; i++ {
		if pcm.Samples[i] != src[i] {
			t.Fatalf("sample %d = %d, want %d (the source speech)", i, pcm.Samples[i], src[i])
		}
	}

	r := rehearse(t, data, "record", "--out", wav, "--seconds", "1", "--device", "no-such-mic")
	if r.code == 0 || !strings.Contains(r.stderr, "no-such-mic") {
		t.Fatalf("an unknown device must be named in the error: exit %d, %s", r.code, r.stderr)
	}

	// Review with the recording: duration comes from the audio.
	txt := filepath.Join(t.TempDir(), "t.txt")
	os.WriteFile(txt, []byte("I would start by analysing our historical attribution data."), 0o644)
	out := mustRun(t, data, "review", "--format", "json", "--audio", wav, txt)
	var rep struct {
		Metrics struct {
			DurationS float64 `json:"duration_s"`
		} `json:"metrics"`
	}
	json.Unmarshal([]byte(out), &rep)
	if rep.Metrics.DurationS < 1.9 || rep.Metrics.DurationS > 2.1 {
		t.Errorf("duration from the recording = %.2f s, want 2", rep.Metrics.DurationS)
	}

	// say plays through the speaker device, which writes a file.
	mustRun(t, data, "say", "--device", "speaker", "Tell me about a time you disagreed with sales.")
	st, err := os.Stat(played)
	if err != nil || st.Size() < 16000 {
		t.Fatalf("say played nothing to the speaker file (%v)", err)
	}
	out2 := filepath.Join(t.TempDir(), "q.wav")
	mustRun(t, data, "say", "--out", out2, "How do you prioritize spend?")
	info, err := audio.WAVInfo(out2)
	if err != nil || info.Duration.Seconds() < 1 {
		t.Fatalf("say --out wrote %+v, %v; want over a second of speech", info, err)
	}
}

func TestSessionsExportImport(t *testing.T) {
	data := t.TempDir()
	if out := mustRun(t, data, "sessions"); !strings.Contains(out, "No sessions") {
		t.Fatalf("empty library: %q", out)
	}
	// Make a session through the library API, with a transcript.
	store, err := (&cliEnv{dataDir: data}).openStore()
	if err != nil {
		t.Fatal(err)
	}
	bank, _ := review.LoadBank(review.BankSource{FS: os.DirFS("../../assets/questions"), Dir: ".", Label: "test"})
	q, _ := bank.ByID("impossible-request")
	sess, err := store.Create("Stakeholder drill", []review.Question{q})
	if err != nil {
		t.Fatal(err)
	}
	takeID, path, err := store.NewTakePath(sess.ID, q.ID)
	if err != nil {
		t.Fatal(err)
	}
	if err := audio.WriteWAVFile(path, &audio.PCM{Rate: 16000, Channels: 1, Samples: make([]int16, 16000)}); err != nil {
		t.Fatal(err)
	}
	if err := store.AddTake(sess.ID, takeTemplate(takeID, q.ID, filepath.Base(path))); err != nil {
		t.Fatal(err)
	}
	if err := store.SaveTranscript(sess.ID, takeID, &review.Transcript{Text: "We can launch a simple version in 24 hours, or the full one in 48. It's your call."}); err != nil {
		t.Fatal(err)
	}

	var list []struct {
		ID    string `json:"id"`
		Title string `json:"title"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, data, "sessions", "--json")), &list); err != nil || len(list) != 1 || list[0].ID != sess.ID {
		t.Fatalf("sessions --json = %+v, %v", list, err)
	}
	dir := t.TempDir()
	md := filepath.Join(dir, "s.md")
	html := filepath.Join(dir, "s.html")
	zip := filepath.Join(dir, "s.zip")
	mustRun(t, data, "export", sess.ID, "--format", "md", "--out", md)
	mustRun(t, data, "export", sess.ID, "--format", "html", "--out", html)
	mustRun(t, data, "export", sess.ID, "--format", "bundle", "--out", zip)
	mdText, _ := os.ReadFile(md)
	htmlText, _ := os.ReadFile(html)
	// One take: its figures, and no chart (there is nothing to compare).
	if !strings.Contains(string(mdText), "your call") || !strings.Contains(string(htmlText), `class="metrics"`) || strings.Contains(string(htmlText), "<svg") {
		t.Fatalf("exports lack the transcript or the figures, or chart a single take")
	}
	if !strings.Contains(string(htmlText), "<h1>Stakeholder drill</h1>") {
		t.Fatalf("the session's own name is not the report's title")
	}
	other := t.TempDir()
	if out := mustRun(t, other, "import", zip); !strings.Contains(out, sess.ID) {
		t.Fatalf("import: %s", out)
	}
	if out := mustRun(t, other, "sessions"); !strings.Contains(out, "Stakeholder drill") {
		t.Fatalf("imported session not listed: %s", out)
	}
	bad := filepath.Join(dir, "bad.zip")
	os.WriteFile(bad, []byte("PK\x03\x04 not really a zip"), 0o644)
	if r := rehearse(t, other, "import", bad); r.code == 0 || !strings.Contains(r.stderr, "bad.zip") {
		t.Fatalf("a bad bundle must be refused naming it: %d %s", r.code, r.stderr)
	}
	if r := rehearse(t, data, "export", "nope", "--format", "md", "--out", md); r.code == 0 {
		t.Fatal("exporting an unknown session must fail")
	}
}

func takeTemplate(id, qid, audioName string) session.Take {
	return session.Take{ID: id, QuestionID: qid, Audio: audioName, Duration: 1}
}
