package transcribe

import (
	"context"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

var marketingVocab = []string{"Marketo", "Salesforce", "MQL", "DKIM", "SPF", "ZoomInfo", "Clearbit"}

func newTestClient(t testing.TB, cfg Config, split Splitter) *Client {
	t.Helper()
	c, err := New(cfg, split)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestTranscribeShapes(t *testing.T) {
	dir := t.TempDir()
	path, bursts := writeTone(t, dir, "take-1.wav", 12)
	for _, shape := range []string{"openai", "speaches", "whispercpp", "json"} {
		t.Run(shape, func(t *testing.T) {
			srv := newFakeWhisper(t, shape)
			model := "whisper-1"
			switch shape {
			case "json":
				model = "gpt-4o-transcribe"
			case "speaches":
				model = "Systran/faster-whisper-small"
			case "whispercpp":
				model = "ggml-base.en"
			}
			c := newTestClient(t, Config{BaseURL: srv.URL(), Model: model, Language: "en"}, nil)
			fixed := time.Date(2026, 11, 27, 3, 0, 0, 0, time.UTC)
			c.now = func() time.Time { return fixed }
			tr, err := c.TranscribeFile(context.Background(), path, Hints{Vocabulary: marketingVocab})
			if err != nil {
				t.Fatal(err)
			}
			reqs := srv.requests()
			if len(reqs) != 1 {
				t.Fatalf("server saw %d requests, want 1", len(reqs))
			}
			r := reqs[0]
			if r.Model != model || r.Filename != "take-1.wav" || r.ContentType != "audio/wav" || r.Language != "en" {
				t.Errorf("request = %+v", r)
			}
			if !strings.HasPrefix(r.Prompt, DefaultFillerPrompt) || !strings.Contains(r.Prompt, "Marketo") || !strings.Contains(r.Prompt, "ZoomInfo") {
				t.Errorf("prompt %q lacks the filler prefix or the vocabulary", r.Prompt)
			}
			if tr.Source == nil || tr.Source.Model != model || tr.Source.Server != strings.TrimPrefix(srv.srv.URL, "http://") || !tr.Source.Time.Equal(fixed) {
				t.Errorf("source = %+v", tr.Source)
			}
			if !strings.HasPrefix(tr.Text, "w0, w1") {
				t.Errorf("text = %q", tr.Text)
			}
			if shape == "json" {
				if len(tr.Words) != 0 || len(tr.Segments) != 0 || tr.Words == nil || tr.Segments == nil {
					t.Errorf("json model: want empty (not nil) words and segments, got %d %d", len(tr.Words), len(tr.Segments))
				}
				return
			}
			if len(tr.Words) != len(bursts) {
				t.Fatalf("got %d words, want %d (one per burst)", len(tr.Words), len(bursts))
			}
			for i, w := range tr.Words {
				if w.Word != "w"+strconv.Itoa(i) {
					t.Errorf("word %d = %q", i, w.Word)
				}
				if math.Abs(w.Start-bursts[i].start) > 0.011 || math.Abs(w.End-bursts[i].end) > 0.011 {
					t.Errorf("word %d at %.3f..%.3f, burst at %.3f..%.3f", i, w.Start, w.End, bursts[i].start, bursts[i].end)
				}
			}
			if want := (len(bursts) + 4) / 5; len(tr.Segments) != want {
				t.Errorf("got %d segments, want %d", len(tr.Segments), want)
			}
			if math.Abs(tr.Duration-12) > 0.01 {
				t.Errorf("duration %v, want 12", tr.Duration)
			}
		})
	}
}

// failureCase is one injected failure and what the caller must see.
type failureCase struct {
	fail      string
	kind      error
	retryable bool
	says      string
}

var failureCases = []failureCase{
	{"401", ErrUnauthorized, false, "the API key was refused"},
	{"413", ErrTooLarge, false, "too large"},
	{"429", ErrRateLimited, true, "wait 7s"},
	{"quota", ErrQuota, false, "no quota left"},
	{"500", ErrServer, true, "the server failed"},
	{"html502", ErrServer, true, "HTTP 502"},
	{"timeout", ErrTimeout, true, "no answer within 300ms"},
	{"malformed", ErrMalformed, false, "not JSON"},
	{"drop", ErrNetwork, true, "the connection was dropped"},
	{"toomanywords", ErrMalformed, false, "bytes, over the limit of 2,097,152 bytes (MaxTranscriptBytes)"},
	{"binary", ErrMalformed, false, "not a text transcript (binary data at byte 4: a NUL byte)"},
}

func TestTranscribeFailuresKeepTheTake(t *testing.T) {
	const key = "sk-test-abcdefghijklmnopqrstuvwxyz0123456789"
	dir := t.TempDir()
	path, _ := writeTone(t, dir, "take-7.wav", 6)
	session := filepath.Join(dir, "session.json")
	if err := os.WriteFile(session, []byte(`{"id":"s1","takes":[{"id":"take-7","transcript":{"text":"earlier text"}}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	audioSum, sessionSum := checksum(t, path), checksum(t, session)
	for _, fc := range failureCases {
		t.Run(fc.fail, func(t *testing.T) {
			srv := newFakeWhisper(t, "openai")
			srv.key = key
			srv.fail(fc.fail)
			c := newTestClient(t, Config{APIKey: key, BaseURL: srv.URL(), RequestTimeout: 300 * time.Millisecond}, nil)
			tr, err := c.TranscribeFile(context.Background(), path, Hints{})
			if err == nil {
				t.Fatalf("no error; transcript %+v", tr)
			}
			if !errors.Is(err, fc.kind) {
				t.Errorf("error %q is not %v", err, fc.kind)
			}
			if IsRetryable(err) != fc.retryable {
				t.Errorf("IsRetryable(%q) = %v, want %v", err, !fc.retryable, fc.retryable)
			}
			msg := err.Error()
			if !strings.Contains(msg, fc.says) || !strings.Contains(msg, "take-7.wav") {
				t.Errorf("message %q does not say %q about take-7.wav", msg, fc.says)
			}
			if strings.Contains(msg, key) || strings.Contains(msg, key[len(key)-12:]) {
				t.Errorf("message %q contains the API key", msg)
			}
			if fc.fail == "429" {
				if d, ok := RetryAfterOf(err); !ok || d != 7*time.Second {
					t.Errorf("RetryAfterOf = %v %v, want 7s", d, ok)
				}
			}
			if checksum(t, path) != audioSum || checksum(t, session) != sessionSum {
				t.Errorf("the failure changed the recording or the session file")
			}
			t.Logf("%s -> %s", fc.fail, msg)
		})
	}
}

// TestTranscribeRefusesAHugeAnswer: a server answering 50 MB of text is
// refused after reading the limit, not all of it, and the take stays.
func TestTranscribeRefusesAHugeAnswer(t *testing.T) {
	dir := t.TempDir()
	path, _ := writeTone(t, dir, "take-7.wav", 2)
	sum := checksum(t, path)
	srv := newFakeWhisper(t, "openai")
	srv.fail("huge")
	c := newTestClient(t, Config{BaseURL: srv.URL(), RequestTimeout: 30 * time.Second}, nil)
	_, err := c.TranscribeFile(context.Background(), path, Hints{})
	want := "the answer is too large: more than the limit of 33,554,432 bytes (MaxTranscriptFileBytes)"
	if !errors.Is(err, ErrMalformed) || IsRetryable(err) || !strings.Contains(err.Error(), want) {
		t.Fatalf("error %v, want ErrMalformed saying %q", err, want)
	}
	if checksum(t, path) != sum {
		t.Error("the refusal changed the recording")
	}
}

func TestTranscribeNotFoundAndRefused(t *testing.T) {
	dir := t.TempDir()
	path, _ := writeTone(t, dir, "take.wav", 2)
	srv := newFakeWhisper(t, "openai")
	c := newTestClient(t, Config{BaseURL: srv.srv.URL + "/wrong"}, nil)
	_, err := c.TranscribeFile(context.Background(), path, Hints{})
	if !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), "check the base URL") {
		t.Errorf("wrong path: %v", err)
	}
	addr := srv.srv.URL
	srv.srv.Close()
	c = newTestClient(t, Config{BaseURL: addr + "/v1"}, nil)
	_, err = c.TranscribeFile(context.Background(), path, Hints{})
	if !errors.Is(err, ErrNetwork) || !IsRetryable(err) || !strings.Contains(err.Error(), "connection refused") {
		t.Errorf("closed server: %v", err)
	}
	_, err = c.TranscribeFile(context.Background(), filepath.Join(t.TempDir(), "missing.wav"), Hints{})
	if !errors.Is(err, ErrFile) || IsRetryable(err) {
		t.Errorf("missing file: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = c.TranscribeFile(ctx, path, Hints{})
	if !errors.Is(err, ErrCanceled) || IsRetryable(err) {
		t.Errorf("cancelled: %v", err)
	}
}

func TestTooLargeWithoutSplitter(t *testing.T) {
	dir := t.TempDir()
	path, _ := writeTone(t, dir, "long.wav", 40) // 1.28 MB
	srv := newFakeWhisper(t, "openai")
	c := newTestClient(t, Config{BaseURL: srv.URL(), MaxUploadBytes: 1 << 20}, nil)
	_, err := c.TranscribeFile(context.Background(), path, Hints{})
	if !errors.Is(err, ErrTooLarge) || IsRetryable(err) {
		t.Fatalf("err = %v", err)
	}
	if n := len(srv.requests()); n != 0 {
		t.Errorf("%d requests were sent for a file over the limit", n)
	}
}

func TestCheckBaseURL(t *testing.T) {
	for _, tc := range []struct {
		url     string
		warn    bool
		bad     bool
		normal  string
		private bool
	}{
		{url: "", normal: DefaultBaseURL},
		{url: "https://api.openai.com/v1", normal: "https://api.openai.com/v1"},
		{url: "http://localhost:8000", normal: "http://localhost:8000/v1"},
		{url: "http://127.0.0.1:8080/v1/", normal: "http://127.0.0.1:8080/v1"},
		{url: "http://[::1]:8000/v1", normal: "http://[::1]:8000/v1"},
		{url: "http://192.168.1.20:8000/v1", warn: true},
		{url: "http://whisper.example.com/v1", warn: true},
		{url: "https://whisper.example.com/v1"},
		{url: "ftp://x/v1", bad: true},
		{url: "localhost:8000", bad: true},
		{url: "https://user:sk-secret@host/v1", bad: true},
	} {
		w, err := CheckBaseURL(tc.url)
		if (err != nil) != tc.bad {
			t.Errorf("CheckBaseURL(%q) err = %v", tc.url, err)
			continue
		}
		if err != nil {
			if strings.Contains(err.Error(), "sk-secret") {
				t.Errorf("error leaks the secret: %v", err)
			}
			continue
		}
		if (w != "") != tc.warn {
			t.Errorf("CheckBaseURL(%q) warning = %q", tc.url, w)
		}
		if tc.warn && !strings.Contains(w, "private") {
			t.Errorf("warning %q does not say recordings are private", w)
		}
		c, err := New(Config{BaseURL: tc.url, APIKey: "k"}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if tc.normal != "" && c.cfg.BaseURL != tc.normal {
			t.Errorf("base URL %q became %q, want %q", tc.url, c.cfg.BaseURL, tc.normal)
		}
		if got := len(c.Warnings()) > 0; got != tc.warn {
			t.Errorf("New(%q).Warnings() = %v", tc.url, c.Warnings())
		}
	}
}

func TestSpeech(t *testing.T) {
	srv := newFakeWhisper(t, "openai")
	srv.key = "sk-speech-0123456789abcdef"
	c := newTestClient(t, Config{APIKey: srv.key, BaseURL: srv.URL()}, nil)
	pcm, err := c.Speech(context.Background(), "Walk me through your lead scoring model.", "")
	if err != nil {
		t.Fatal(err)
	}
	text := "Walk me through your lead scoring model."
	if len(pcm) != 2*len(text) || pcm[1] != 'W' || pcm[3] != 'a' {
		t.Errorf("pcm = %d bytes, starts %v", len(pcm), pcm[:4])
	}
	srv.fail("401")
	_, err = c.Speech(context.Background(), "Hello", "nova")
	if !errors.Is(err, ErrUnauthorized) || strings.Contains(err.Error(), srv.key) {
		t.Errorf("speech 401: %v", err)
	}
	if _, err := c.Speech(context.Background(), "  ", ""); !errors.Is(err, ErrBadRequest) {
		t.Errorf("empty text: %v", err)
	}
}
