package app

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rehearse-app/rehearse/assets"
	"github.com/rehearse-app/rehearse/audio"
	"github.com/rehearse-app/rehearse/internal/whispertest"
	"github.com/rehearse-app/rehearse/report"
	"github.com/rehearse-app/rehearse/review"
	"github.com/rehearse-app/rehearse/session"
	"github.com/rehearse-app/rehearse/transcribe"
)

// mapPrefs is a preferences map for the transcriber's settings.
type mapPrefs map[string]string

func (m mapPrefs) String(k string) string { return m[k] }

func (m mapPrefs) StringWithFallback(k, fallback string) string {
	if v, ok := m[k]; ok {
		return v
	}
	return fallback
}

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

func TestTranscriptionFollowsTheSettings(t *testing.T) {
	prefs := mapPrefs{}
	keys := &memKeys{}
	live := &liveTranscriber{prefs: prefs, keys: &cachedKeys{store: keys}}
	root := t.TempDir()
	store, err := session.Open(root, session.Options{RepairWAV: repairWAV})
	if err != nil {
		t.Fatal(err)
	}
	rules, errs := review.LoadRules(review.BankSource{FS: assets.Rules(), Dir: "rules", Label: "builtin"})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	tr := NewReviews(review.New(rules), store, nil)
	updates := make(chan transcribe.JobStatus, 16)
	queue, err := transcribe.NewQueue(transcribe.QueueConfig{Dir: filepath.Join(root, "queue"), Transcriber: live,
		Sink: reviewingSink{store: store, summarize: tr.Summarize}, Updates: updates, BaseDelay: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	queue.Start(ctx)
	t.Cleanup(func() { cancel(); queue.Close() })
	q := &Transcription{queue: queue, live: live}

	bank, _ := review.LoadBank(review.BankSource{FS: assets.Questions(), Dir: "questions", Label: "builtin"})
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
	if err := q.Enqueue(job); !errors.Is(err, ErrNotConfigured) || !strings.Contains(err.Error(), "Settings") {
		t.Fatalf("Enqueue with nothing set = %v, want ErrNotConfigured", err)
	}

	// A key saved in Settings and a local server: used at once, no restart.
	srv := whispertest.New(t)
	prefs[PrefBaseURL] = srv.URL + "/v1"
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
	if auth := srv.Authorization(); auth != "Bearer sk-test-0123456789abcdef" {
		t.Errorf("Authorization = %q, want the saved key", auth)
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
		"s.md":   func(w io.Writer) error { return report.SessionMarkdown(w, SessionReport(got, reports), nil) },
		"s.html": func(w io.Writer) error { return report.SessionHTML(w, SessionReport(got, reports), nil) },
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
