package transcribe

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/zalando/go-keyring"
)

func noEnv(string) string { return "" }

func TestKeychain(t *testing.T) {
	keyring.MockInit()
	ks := Keychain{Getenv: noEnv}
	if k, from, err := ks.LoadAPIKey(); k != "" || from != "" || err != nil {
		t.Fatalf("empty keychain: %q %q %v", k, from, err)
	}
	const key = "sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789wxyz"
	if err := ks.SaveAPIKey(" " + key + "\n"); err != nil {
		t.Fatal(err)
	}
	if k, from, err := ks.LoadAPIKey(); k != key || from != KeyFromKeychain || err != nil {
		t.Fatalf("after save: %q %q %v", k, from, err)
	}
	env := Keychain{Getenv: func(n string) string {
		if n == EnvAPIKey {
			return "sk-from-env-0123456789"
		}
		return ""
	}}
	if k, from, _ := env.LoadAPIKey(); k != "sk-from-env-0123456789" || from != KeyFromEnv {
		t.Errorf("env first: %q %q", k, from)
	}
	if err := ks.DeleteAPIKey(); err != nil {
		t.Fatal(err)
	}
	if k, _, _ := ks.LoadAPIKey(); k != "" {
		t.Errorf("after delete: %q", k)
	}
	if err := ks.DeleteAPIKey(); err != nil {
		t.Errorf("deleting twice: %v", err)
	}
	if err := ks.SaveAPIKey(""); err == nil {
		t.Error("saved an empty key")
	}
}

func TestKeychainWithoutOSKeychain(t *testing.T) {
	keyring.MockInitWithError(errors.New("org.freedesktop.secrets was not provided by any .service files"))
	defer keyring.MockInit()
	ks := Keychain{Getenv: noEnv}
	if k, from, err := ks.LoadAPIKey(); k != "" || from != "" || err != nil {
		t.Errorf("no keychain must mean no key: %q %q %v", k, from, err)
	}
	const key = "sk-unsaved-0123456789abcdef"
	err := ks.SaveAPIKey(key)
	if !errors.Is(err, ErrNoKeychain) || strings.Contains(err.Error(), key) {
		t.Errorf("save without keychain: %v", err)
	}
}

func TestMaskAndRedact(t *testing.T) {
	for in, want := range map[string]string{
		"sk-AbCdEfGhIjKlMnOp1234abcd":      "sk-…abcd",
		"sk-proj-AbCdEfGhIjKlMnOp1234wxyz": "sk-…wxyz",
		"local-server-token-9876":          "…9876",
		"short":                            "…",
		"":                                 "",
	} {
		if got := MaskKey(in); got != want {
			t.Errorf("MaskKey(%q) = %q, want %q", in, got, want)
		}
	}
	key := "my-local-token-0123456789"
	s := Redact("auth "+key+" and Bearer abcdefghijklmnop and sk-other0123456789 end", key)
	if strings.Contains(s, key) || strings.Contains(s, "abcdefghijklmnop") || strings.Contains(s, "sk-other") || !strings.HasSuffix(s, "end") {
		t.Errorf("Redact = %q", s)
	}
}

// TestKeyNeverWritten runs the client and the queue, with a key from the
// keychain, through failures whose server messages echo the key, then greps
// everything written (queue state, transcripts, error messages, statuses,
// the log) for the key.
func TestKeyNeverWritten(t *testing.T) {
	keyring.MockInit()
	const key = "sk-proj-SECRETsecretSECRET0123456789zyxw"
	ks := Keychain{Getenv: noEnv}
	if err := ks.SaveAPIKey(key); err != nil {
		t.Fatal(err)
	}
	loaded, _, _ := ks.LoadAPIKey()

	dir := t.TempDir()
	audioPath, _ := writeTone(t, dir, "take.wav", 3)
	srv := newFakeWhisper(t, "openai")
	srv.key = key
	c := newTestClient(t, Config{APIKey: loaded, BaseURL: srv.URL(), RequestTimeout: 300 * time.Millisecond}, nil)

	var log bytes.Buffer
	logf := func(format string, args ...any) { fmt.Fprintf(&log, format+"\n", args...) }

	for _, fc := range failureCases {
		srv.fail(fc.fail)
		_, err := c.TranscribeFile(context.Background(), audioPath, Hints{})
		logf("client %s: %v (%#v)", fc.fail, err, err)
	}
	// A wrong key: the server echoes what it got.
	wrong := newTestClient(t, Config{APIKey: "sk-wrongwrongwrong0123456789", BaseURL: srv.URL()}, nil)
	_, err := wrong.TranscribeFile(context.Background(), audioPath, Hints{})
	logf("wrong key: %v", err)
	if strings.Contains(err.Error(), "wrongwrong") {
		t.Errorf("a refused key leaked: %v", err)
	}

	updates := make(chan JobStatus, 100)
	sink := newMemSink(dir)
	qdir := filepath.Join(dir, "queue")
	q, err := NewQueue(QueueConfig{Dir: qdir, Transcriber: c, Sink: sink, Updates: updates, MaxAttempts: 3,
		Sleep: func(ctx context.Context, d time.Duration) error { logf("sleep %v", d); return nil }})
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	q.Start(context.Background())
	srv.fail("500", "429", "401")
	q.Enqueue(Job{SessionID: "s", TakeID: "a", AudioPath: audioPath})
	waitState(t, q, "a", StateFailed)
	srv.fail("drop")
	q.Retry("a")
	waitState(t, q, "a", StateDone)
	for {
		select {
		case st := <-updates:
			logf("update %+v", st)
			continue
		default:
		}
		break
	}
	for _, st := range q.Statuses() {
		logf("status %+v", st)
	}
	logf("warnings %v %v", q.Warnings(), c.Warnings())
	q.Close()
	if err := os.WriteFile(filepath.Join(dir, "app.log"), log.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(log.String(), "the API key was refused") || !strings.Contains(log.String(), "[API key]") {
		t.Fatalf("the log does not show the failures it should:\n%s", log.String())
	}

	// Grep everything under dir (queue state, transcripts, log) and os.TempDir
	// chunks for the key and its tail.
	var files int
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files++
		data, _ := os.ReadFile(p)
		for _, needle := range []string{key, key[len(key)-16:]} {
			if bytes.Contains(data, []byte(needle)) {
				t.Errorf("%s contains the API key", p)
			}
		}
		return nil
	})
	if files < 4 {
		t.Errorf("only %d files written; the test checks nothing", files)
	}
}
