package main

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rehearse-app/rehearse/app"
	"github.com/rehearse-app/rehearse/audio"
	"github.com/rehearse-app/rehearse/report"
	"github.com/rehearse-app/rehearse/review"
	"github.com/rehearse-app/rehearse/session"
	"github.com/rehearse-app/rehearse/transcribe"
	"github.com/rehearse-app/rehearse/ui"
)

// mapPrefs is a preferences map for the transcriber's settings.
type mapPrefs map[string]string

func (m mapPrefs) String(k string) string { return m[k] }

// memKeys is a keychain in memory that counts its reads.
type memKeys struct {
	mu    sync.Mutex
	key   string
	reads int
}

func (k *memKeys) LoadAPIKey() (string, string, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.reads++
	if k.key == "" {
		return "", "", nil
	}
	return k.key, transcribe.KeyFromKeychain, nil
}
func (k *memKeys) SaveAPIKey(s string) error { k.mu.Lock(); k.key = s; k.mu.Unlock(); return nil }
func (k *memKeys) DeleteAPIKey() error       { k.mu.Lock(); k.key = ""; k.mu.Unlock(); return nil }

// whisperServer answers transcription requests the way OpenAI's
// verbose_json does, and records the Authorization header it saw.
func whisperServer(t *testing.T) (*httptest.Server, *string) {
	var auth string
	var mu sync.Mutex
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/v1/audio/transcriptions" {
			http.NotFound(w, r)
			return
		}
		if err := r.ParseMultipartForm(32 << 20); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		mu.Lock()
		auth = r.Header.Get("Authorization")
		mu.Unlock()
		f, _, err := r.FormFile("file")
		if err != nil {
			http.Error(w, "no file", http.StatusBadRequest)
			return
		}
		io.Copy(io.Discard, f)
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"text":"We can launch a simple version in 24 hours, or the full one in 48. It's your call.",
			"language":"english","duration":1.0,
			"words":[{"word":"We","start":0.0,"end":0.1},{"word":"can","start":0.1,"end":0.2}],
			"segments":[{"start":0.0,"end":1.0,"text":"We can launch a simple version in 24 hours, or the full one in 48. It's your call."}]}`)
	}))
	t.Cleanup(srv.Close)
	return srv, &auth
}

func TestTranscriptionFollowsTheSettings(t *testing.T) {
	prefs := mapPrefs{}
	keys := &memKeys{}
	live := &liveTranscriber{prefs: prefs, keys: &cachedKeys{store: keys}}
	root := t.TempDir()
	store, err := session.Open(root, session.Options{RepairWAV: repairWAV})
	if err != nil {
		t.Fatal(err)
	}
	rules, errs := review.LoadRules(review.BankSource{FS: osDirFS("../../assets/rules"), Dir: ".", Label: "rules"})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	tr := takeReviewer{rv: review.New(rules), store: store}
	updates := make(chan transcribe.JobStatus, 16)
	queue, err := transcribe.NewQueue(transcribe.QueueConfig{Dir: filepath.Join(root, "queue"), Transcriber: live,
		Sink: reviewingSink{store: store, summarize: tr.Summarize}, Updates: updates, BaseDelay: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	queue.Start(ctx)
	t.Cleanup(func() { cancel(); queue.Close() })
	q := configuredQueue{Queue: queue, live: live}

	bank, _ := review.LoadBank(review.BankSource{FS: osDirFS("../../assets/questions"), Dir: ".", Label: "q"})
	question, _ := bank.ByID("impossible-request")
	sess, err := store.Create("t", []review.Question{question})
	if err != nil {
		t.Fatal(err)
	}
	takeID, path, err := store.NewTakePath(sess.ID, question.ID)
	if err != nil {
		t.Fatal(err)
	}
	if err := audio.WriteWAVFile(path, &audio.PCM{Rate: 16000, Channels: 1, Samples: make([]int16, 16000)}); err != nil {
		t.Fatal(err)
	}
	if err := store.AddTake(sess.ID, session.Take{ID: takeID, QuestionID: question.ID, Audio: filepath.Base(path), Duration: 1}); err != nil {
		t.Fatal(err)
	}
	job := transcribe.Job{SessionID: sess.ID, TakeID: takeID, AudioPath: path}

	// Nothing set: asking fails at once and says where to set it up.
	if err := q.Enqueue(job); !errors.Is(err, errNotConfigured) || !strings.Contains(err.Error(), "Settings") {
		t.Fatalf("Enqueue with nothing set = %v, want errNotConfigured", err)
	}

	// A key saved in Settings and a local server: used at once, no restart.
	srv, auth := whisperServer(t)
	prefs[ui.PrefBaseURL] = srv.URL + "/v1"
	if err := live.keys.SaveAPIKey("sk-test-0123456789abcdef"); err != nil {
		t.Fatal(err)
	}
	if err := q.Enqueue(job); err != nil {
		t.Fatal(err)
	}
	deadline := time.After(20 * time.Second)
	for done := false; !done; {
		select {
		case st := <-updates:
			if st.State == transcribe.StateFailed {
				t.Fatalf("transcription failed: %s", st.Reason)
			}
			done = st.State == transcribe.StateDone
		case <-deadline:
			t.Fatal("no transcript within 20 s")
		}
	}
	if *auth != "Bearer sk-test-0123456789abcdef" {
		t.Errorf("Authorization = %q, want the saved key", *auth)
	}
	got, err := store.Get(sess.ID)
	if err != nil {
		t.Fatal(err)
	}
	tk := got.Take(takeID)
	if tk.Transcript == nil || !strings.Contains(tk.Transcript.Text, "your call") {
		t.Fatalf("transcript not saved: %+v", tk.Transcript)
	}
	// The take was reviewed as the transcript arrived: the library has its scores.
	if tk.Summary == nil || tk.Summary.Scores.Agency < 90 {
		t.Fatalf("summary = %+v, want the trade-off answer's high agency score", tk.Summary)
	}
	if keys.reads > 2 {
		t.Errorf("the keychain was read %d times; the key should be cached", keys.reads)
	}

	// The key is nowhere in what the app wrote: the library, the queue,
	// and every kind of export.
	exports := t.TempDir()
	reports := tr.Session(got)
	for name, write := range map[string]func(io.Writer) error{
		"s.md":   func(w io.Writer) error { return report.SessionMarkdown(w, app.SessionReport(got, reports), nil) },
		"s.html": func(w io.Writer) error { return report.SessionHTML(w, app.SessionReport(got, reports), nil) },
	} {
		if err := session.WriteFile(filepath.Join(exports, name), write); err != nil {
			t.Fatal(err)
		}
	}
	if err := store.ExportBundleFile(filepath.Join(exports, "s.zip"), sess.ID); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{root, exports} {
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, _ := os.ReadFile(p)
			if strings.Contains(string(b), "sk-test-0123456789abcdef") {
				t.Errorf("%s contains the API key", p)
			}
			return nil
		})
	}
}

func osDirFS(dir string) fs.FS { return os.DirFS(dir) }

// TestTranscribeCommandFeedsReview runs `rehearse transcribe --json` against
// a local server that speaks the OpenAI protocol and reviews its output.
func TestTranscribeCommandFeedsReview(t *testing.T) {
	srv, _ := whisperServer(t)
	data := t.TempDir()
	wav := filepath.Join(t.TempDir(), "take.wav")
	if err := audio.WriteWAVFile(wav, &audio.PCM{Rate: 16000, Channels: 1, Samples: make([]int16, 16000)}); err != nil {
		t.Fatal(err)
	}
	out := mustRun(t, data, "transcribe", "--json", "--base-url", srv.URL+"/v1", "--question", "impossible-request", wav)
	var tr review.Transcript
	if err := json.Unmarshal([]byte(out), &tr); err != nil {
		t.Fatalf("transcribe --json: %v\n%s", err, out)
	}
	if !strings.Contains(tr.Text, "your call") || len(tr.Words) != 2 || len(tr.Segments) != 1 || tr.Source == nil || tr.Source.Model != "whisper-1" {
		t.Fatalf("transcript = %+v", tr)
	}
	js := filepath.Join(t.TempDir(), "t.json")
	os.WriteFile(js, []byte(out), 0o644)
	rep := mustRun(t, data, "review", "--question", "impossible-request", "--format", "json", "--audio", wav, js)
	if !strings.Contains(rep, `"rule": "tradeoff"`) {
		t.Fatalf("the review of the transcript should find the trade-off:\n%s", rep)
	}
	if plain := mustRun(t, data, "transcribe", "--base-url", srv.URL+"/v1", wav); strings.TrimSpace(plain) != tr.Text {
		t.Fatalf("plain transcribe = %q, want the text", plain)
	}
	// A server that is not there: a clear error, a non-zero exit.
	r := rehearse(t, data, "transcribe", "--base-url", "http://127.0.0.1:1/v1", wav)
	if r.code == 0 || !strings.Contains(r.stderr, "127.0.0.1:1") {
		t.Fatalf("unreachable server: exit %d, %s", r.code, r.stderr)
	}
}
