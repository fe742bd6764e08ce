package coach

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/rehearse-app/rehearse/transcribe"
)

func TestFailuresGiveTheirKindInPlainWords(t *testing.T) {
	cases := []struct {
		failure string
		kind    error
		says    string
		stream  string // "both", "stream" or "whole"
	}{
		{"401", transcribe.ErrUnauthorized, "the API key was refused", "both"},
		{"quota", transcribe.ErrQuota, "no quota left", "both"},
		{"500", transcribe.ErrServer, "the server failed", "both"},
		{"echo500", transcribe.ErrServer, "HTTP 500", "both"},
		{"timeout", transcribe.ErrTimeout, "no answer within 300ms", "both"},
		{"malformed", ErrMalformed, "could not be read", "both"},
		{"html", ErrMalformed, "could not be read", "both"},
		{"context", ErrContextTooLong, "too long for the model", "both"},
		{"refusal", ErrRefused, "declined", "both"},
		{"length", ErrTruncated, "cut off", "both"},
		{"cutstream", ErrTruncated, "stream ended before the answer was complete", "stream"},
		{"streamerror", transcribe.ErrServer, "model crashed", "stream"},
	}
	for _, shape := range []string{"openai", "ollama"} {
		for _, tc := range cases {
			for _, stream := range []bool{false, true} {
				if (tc.stream == "stream" && !stream) || (tc.stream == "whole" && stream) || (shape == "ollama" && (tc.failure == "quota" || tc.failure == "refusal" && !stream)) {
					continue
				}
				name := shape + "/" + tc.failure
				if stream {
					name += "/stream"
				}
				t.Run(name, func(t *testing.T) {
					f := newFakeChat(t, shape)
					f.Fail(tc.failure)
					c, sl := newTestClient(t, f, streaming(stream), func(c *Config) { c.RequestTimeout = 300 * time.Millisecond })
					_, err := c.FollowUp(context.Background(), Answer{Question: question(t, "budget-prioritization"), Transcript: budgetAnswer})
					if !errors.Is(err, tc.kind) {
						t.Fatalf("err = %v, want kind %v", err, tc.kind)
					}
					var e *transcribe.Error
					if !errors.As(err, &e) {
						t.Fatalf("err is a %T, not a *transcribe.Error", err)
					}
					msg := err.Error()
					if !strings.Contains(msg, tc.says) || !strings.HasPrefix(msg, "asking a follow-up question: ") {
						t.Errorf("err = %q, want it to say %q", msg, tc.says)
					}
					noKey(t, "the error", msg)
					noKey(t, "the error's detail", e.Detail)
					if n := len(f.Seen()); n != 1 || len(sl.d) != 0 {
						t.Errorf("%d requests and waits %v; %s is not retried", n, sl.d, tc.failure)
					}
					t.Log(msg)
				})
			}
		}
	}
}

func TestProseRefusal(t *testing.T) {
	f := newFakeChat(t, "ollama")
	f.Reply("I'm sorry, but I can't help with evaluating interview answers.")
	c, _ := newTestClient(t, f)
	_, err := c.Rewrite(context.Background(), Answer{Question: question(t, "budget-prioritization"), Transcript: budgetAnswer})
	if !errors.Is(err, ErrRefused) || !strings.Contains(err.Error(), "declined") {
		t.Errorf("err = %v, want ErrRefused", err)
	}
}

func TestRateLimitHonoursRetryAfter(t *testing.T) {
	for _, stream := range []bool{false, true} {
		f := newFakeChat(t, "openai")
		f.Fail("429:1", "503:2")
		c, sl := newTestClient(t, f, streaming(stream))
		fu, err := c.FollowUp(context.Background(), Answer{Question: question(t, "budget-prioritization"), Transcript: budgetAnswer})
		if err != nil {
			t.Fatal(err)
		}
		if len(f.Seen()) != 3 || len(sl.d) != 2 || sl.d[0] != time.Second || sl.d[1] != 2*time.Second {
			t.Errorf("%d requests, waits %v; want 3 requests after waits of 1s and 2s", len(f.Seen()), sl.d)
		}
		if fu.SentBytes != int64(3*len(f.Seen()[0].Body)) {
			t.Errorf("SentBytes %d does not count the 3 attempts", fu.SentBytes)
		}
	}
}

func TestRateLimitGivesUpWithinBounds(t *testing.T) {
	t.Run("too long a wait", func(t *testing.T) {
		f := newFakeChat(t, "openai")
		f.Fail("429:120")
		c, sl := newTestClient(t, f)
		_, err := c.FollowUp(context.Background(), Answer{Question: question(t, "budget-prioritization"), Transcript: budgetAnswer})
		if !errors.Is(err, transcribe.ErrRateLimited) || !strings.Contains(err.Error(), "it asked to wait 2m0s") {
			t.Errorf("err = %v", err)
		}
		if d, ok := transcribe.RetryAfterOf(err); !ok || d != 2*time.Minute {
			t.Errorf("RetryAfterOf = %v %v", d, ok)
		}
		if len(f.Seen()) != 1 || len(sl.d) != 0 {
			t.Errorf("%d requests, waits %v: a 2-minute wait is over the bound and must not be waited", len(f.Seen()), sl.d)
		}
	})
	t.Run("no Retry-After", func(t *testing.T) {
		f := newFakeChat(t, "ollama")
		f.Fail("429", "429", "429", "429")
		c, sl := newTestClient(t, f)
		_, err := c.FollowUp(context.Background(), Answer{Question: question(t, "budget-prioritization"), Transcript: budgetAnswer})
		if !errors.Is(err, transcribe.ErrRateLimited) {
			t.Errorf("err = %v", err)
		}
		if len(f.Seen()) != 1+DefaultMaxRetries || len(sl.d) != DefaultMaxRetries || sl.d[0] != time.Second || sl.d[1] != 2*time.Second {
			t.Errorf("%d requests, waits %v", len(f.Seen()), sl.d)
		}
	})
}

func TestNoServerAndWrongAddress(t *testing.T) {
	f := newFakeChat(t, "openai")
	t.Run("404", func(t *testing.T) {
		c, err := New(Config{BaseURL: f.URL + "/nothing-here", Model: "llama3"})
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.FollowUp(context.Background(), Answer{Question: question(t, "budget-prioritization"), Transcript: budgetAnswer})
		if !errors.Is(err, ErrNoModel) || !strings.Contains(err.Error(), "check the base URL and the model name") {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("refused", func(t *testing.T) {
		c, err := New(Config{BaseURL: "http://127.0.0.1:1/v1", Model: "llama3"})
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.FollowUp(context.Background(), Answer{Question: question(t, "budget-prioritization"), Transcript: budgetAnswer})
		if !errors.Is(err, transcribe.ErrNetwork) || !strings.Contains(err.Error(), "is the server running?") {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("cancelled", func(t *testing.T) {
		f.Fail("timeout")
		c, _ := newTestClient(t, f)
		ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
		defer cancel()
		_, err := c.FollowUp(ctx, Answer{Question: question(t, "budget-prioritization"), Transcript: budgetAnswer})
		if !errors.Is(err, transcribe.ErrTimeout) && !errors.Is(err, transcribe.ErrCanceled) {
			t.Errorf("err = %v", err)
		}
	})
}

func TestConfig(t *testing.T) {
	if _, err := New(Config{}); !errors.Is(err, ErrNotConfigured) || !strings.Contains(err.Error(), "OPENAI_API_KEY") {
		t.Errorf("no key and no server: %v", err)
	}
	if _, err := New(Config{BaseURL: "ftp://example.com"}); err == nil {
		t.Error("an ftp base URL was accepted")
	}
	if _, err := New(Config{BaseURL: "http://user:" + testKey + "@example.com/v1"}); err == nil || strings.Contains(err.Error(), testKey) {
		t.Errorf("a key in the URL: %v", err)
	}
	c, err := New(Config{BaseURL: "http://192.168.1.20:11434", Model: "llama3.2"})
	if err != nil {
		t.Fatal(err)
	}
	if w := c.Warnings(); len(w) != 2 || !strings.Contains(w[0], "plain http") || !strings.Contains(w[1], "no API key") {
		t.Errorf("warnings = %q", w)
	}
	c, _ = New(Config{BaseURL: "http://localhost:11434"})
	if len(c.Warnings()) != 0 || c.Server() != "localhost:11434" || c.Model() != DefaultModel {
		t.Errorf("local server: warnings %q server %q model %q", c.Warnings(), c.Server(), c.Model())
	}
	c, _ = New(Config{APIKey: testKey})
	if c.Server() != "api.openai.com" || len(c.Warnings()) != 0 {
		t.Errorf("OpenAI: server %q warnings %q", c.Server(), c.Warnings())
	}
}

func TestOpenAIGetsMaxCompletionTokens(t *testing.T) {
	cfg, _ := Config{APIKey: "k"}.withDefaults()
	c := &Client{cfg: cfg}
	if r := c.newRequest("s", "u", 100); r.MaxCompletionTokens != 100 || r.MaxTokens != 0 {
		t.Errorf("OpenAI request: max_tokens %d max_completion_tokens %d", r.MaxTokens, r.MaxCompletionTokens)
	}
	cfg, _ = Config{BaseURL: "http://localhost:11434"}.withDefaults()
	c = &Client{cfg: cfg}
	if r := c.newRequest("s", "u", 100); r.MaxTokens != 100 || r.MaxCompletionTokens != 0 {
		t.Errorf("local request: max_tokens %d max_completion_tokens %d", r.MaxTokens, r.MaxCompletionTokens)
	}
}

func TestStreamIgnoredByServer(t *testing.T) {
	f := newFakeChat(t, "ollama")
	f.IgnoreStream = true
	c, _ := newTestClient(t, f, streaming(true))
	fu, err := c.FollowUp(context.Background(), Answer{Question: question(t, "budget-prioritization"), Transcript: budgetAnswer})
	if err != nil || !strings.HasPrefix(fu.Question, "What did the VP of Sales say") {
		t.Errorf("follow-up %+v, err %v", fu, err)
	}
}

func TestHugeAnswerIsRefused(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"choices":[{"index":0,"message":{"role":"assistant","content":"`)
		chunk := strings.Repeat("a", 1<<20)
		for i := 0; i < 6; i++ {
			io.WriteString(w, chunk)
		}
		io.WriteString(w, `"},"finish_reason":"stop"}]}`)
	}))
	defer srv.Close()
	c, err := New(Config{BaseURL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.FollowUp(context.Background(), Answer{Question: question(t, "budget-prioritization"), Transcript: budgetAnswer})
	if !errors.Is(err, ErrMalformed) || !strings.Contains(err.Error(), "larger than 4 MiB") {
		t.Errorf("err = %v", err)
	}
}

func TestTrimTextKeepsWholeWordsAndCharacters(t *testing.T) {
	s := strings.Repeat("décision rapide ", 100)
	for limit := 50; limit < 70; limit++ {
		got, notice := trimText(s, limit, "transcript")
		if len(got) > limit || !utf8.ValidString(got) || strings.HasSuffix(got, "rapid") || notice == "" {
			t.Errorf("limit %d: %q (%s)", limit, got, notice)
		}
	}
	if got, notice := trimText("short", 50, "transcript"); got != "short" || notice != "" {
		t.Errorf("a short text was cut: %q %q", got, notice)
	}
}
