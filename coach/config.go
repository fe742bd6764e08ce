package coach

import (
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/rehearse-app/rehearse/transcribe"
)

// Defaults used when a Config field is left empty.
const (
	// DefaultBaseURL is OpenAI's API root, the same as transcription's.
	DefaultBaseURL = transcribe.DefaultBaseURL
	// DefaultModel is the chat model asked on OpenAI; it supports
	// JSON-schema answers.
	DefaultModel = "gpt-4o-mini"
	// DefaultRequestTimeout bounds one request and its answer; local models
	// on a laptop can take a minute for a rewrite.
	DefaultRequestTimeout = 2 * time.Minute
	// DefaultMaxRetries is how many times a request the server asked to
	// repeat later (HTTP 429 or 503) is sent again.
	DefaultMaxRetries = 2
	// DefaultMaxRetryWait is the longest Retry-After honoured; a server
	// asking for more fails at once with the wait it asked for.
	DefaultMaxRetryWait = 30 * time.Second
	// DefaultMaxTranscriptBytes bounds the transcript sent in one request:
	// about 3,000 words, over 20 minutes of speech. Longer transcripts are
	// cut, with a notice.
	DefaultMaxTranscriptBytes = 18000
	// DefaultMaxJobBytes bounds the job description sent to Questions.
	DefaultMaxJobBytes = 16000
	// MaxQuestions is the most questions Questions asks for at once.
	MaxQuestions = 20
)

// ErrNotConfigured means neither an API key nor a server is set, so there
// is no model to ask.
var ErrNotConfigured = errors.New("no interviewer model is set up: set OPENAI_API_KEY or save a key in Settings (the same key as for transcription), or give the base URL of a local server such as Ollama (http://127.0.0.1:11434/v1)")

// Config holds the interviewer model's settings. Only APIKey is needed for
// OpenAI; a local server needs BaseURL and Model (and usually no key).
type Config struct {
	// APIKey is the bearer token; it is never written anywhere by this package.
	APIKey string
	// BaseURL is the API root, e.g. "http://127.0.0.1:11434/v1" for Ollama.
	// A URL with no path gets "/v1". Empty means DefaultBaseURL.
	BaseURL string
	// Model is the chat model; empty means DefaultModel.
	Model string
	// HTTPClient sends the requests; nil means a new http.Client.
	HTTPClient *http.Client
	// RequestTimeout bounds one request; 0 means DefaultRequestTimeout.
	RequestTimeout time.Duration
	// Stream asks for the answer as server-sent events (the stream keeps a
	// slow local model's connection busy); the result is the same.
	Stream bool
	// MaxRetries is how often a 429 or 503 is retried; 0 means
	// DefaultMaxRetries, a negative value none.
	MaxRetries int
	// MaxRetryWait is the longest wait honoured; 0 means DefaultMaxRetryWait.
	MaxRetryWait time.Duration
	// MaxTranscriptBytes bounds the transcript sent; 0 means the default.
	MaxTranscriptBytes int
	// MaxJobBytes bounds the job description sent; 0 means the default.
	MaxJobBytes int
	// SendNotes sends Answer.Notes with the answer. Off, notes never leave
	// the computer.
	SendNotes bool
	// Prompts holds the prompt templates (see assets/prompts); nil means
	// the built-in ones.
	Prompts fs.FS
}

// withDefaults returns cfg with empty fields filled and the base URL
// normalised, or ErrNotConfigured.
func (cfg Config) withDefaults() (Config, error) {
	cfg.APIKey = strings.TrimSpace(cfg.APIKey)
	if cfg.APIKey == "" && strings.TrimSpace(cfg.BaseURL) == "" {
		return cfg, ErrNotConfigured
	}
	u, err := transcribe.NormalizeBaseURL(strings.TrimSpace(cfg.BaseURL))
	if err != nil {
		return cfg, err
	}
	cfg.BaseURL = u
	cfg.Model = strings.TrimSpace(cfg.Model)
	if cfg.Model == "" {
		cfg.Model = DefaultModel
	}
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = &http.Client{}
	}
	if cfg.RequestTimeout <= 0 {
		cfg.RequestTimeout = DefaultRequestTimeout
	}
	if cfg.MaxRetries == 0 {
		cfg.MaxRetries = DefaultMaxRetries
	}
	cfg.MaxRetries = max(cfg.MaxRetries, 0)
	if cfg.MaxRetryWait <= 0 {
		cfg.MaxRetryWait = DefaultMaxRetryWait
	}
	if cfg.MaxTranscriptBytes <= 0 {
		cfg.MaxTranscriptBytes = DefaultMaxTranscriptBytes
	}
	if cfg.MaxJobBytes <= 0 {
		cfg.MaxJobBytes = DefaultMaxJobBytes
	}
	return cfg, nil
}

// warnings says what the settings screen should show about cfg: plain http
// to another computer (the same warning as transcription's), or no key for
// a server that is not on this computer.
func (cfg Config) warnings() []string {
	var out []string
	if w, _ := transcribe.CheckBaseURL(cfg.BaseURL); w != "" {
		out = append(out, w)
	}
	if u, err := url.Parse(cfg.BaseURL); err == nil && cfg.APIKey == "" && !transcribe.IsLoopbackHost(u.Hostname()) {
		out = append(out, fmt.Sprintf("no API key is set for %s; requests will probably be refused", u.Host))
	}
	return out
}

// isOpenAI reports whether the server is OpenAI's own, which wants
// max_completion_tokens rather than max_tokens.
func (cfg Config) isOpenAI() bool {
	u, err := url.Parse(cfg.BaseURL)
	return err == nil && strings.EqualFold(u.Hostname(), "api.openai.com")
}
