package transcribe

import (
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Defaults used when a Config field is left empty.
const (
	// DefaultBaseURL is OpenAI's API root.
	DefaultBaseURL = "https://api.openai.com/v1"
	// DefaultModel is the transcription model; whisper-1 gives word timings.
	DefaultModel = "whisper-1"
	// DefaultMaxUploadBytes is OpenAI's 25 MB upload limit, counted in
	// decimal megabytes to stay on the safe side of it.
	DefaultMaxUploadBytes int64 = 25 * 1000 * 1000
	// DefaultRequestTimeout bounds one upload and its answer.
	DefaultRequestTimeout = 5 * time.Minute
	// DefaultSpeechModel is the text-to-speech model used by Speech.
	DefaultSpeechModel = "tts-1"
	// DefaultVoice is the voice used by Speech when none is given.
	DefaultVoice = "alloy"
	// DefaultFillerPrompt is the prompt prefix that nudges Whisper to keep
	// filled pauses, which it drops by design.
	DefaultFillerPrompt = "Um, uh, hmm, er, ah."
)

// Config holds the transcription settings. Only APIKey is needed for
// OpenAI; a local server needs BaseURL (and usually no key).
type Config struct {
	// APIKey is the bearer token; it is never written anywhere by this package.
	APIKey string
	// BaseURL is the API root, e.g. "http://127.0.0.1:8000/v1". A URL with
	// no path gets "/v1" added. Empty means DefaultBaseURL.
	BaseURL string
	// Model is the transcription model; empty means DefaultModel.
	Model string
	// Language is an ISO-639-1 hint such as "en"; empty lets the model detect it.
	Language string
	// Prompt replaces DefaultFillerPrompt as the start of the prompt; the
	// question's vocabulary is added after it.
	Prompt string
	// HTTPClient sends the requests; nil means a new http.Client. Its
	// Transport is used as is; this package wraps it to read raw answers.
	HTTPClient *http.Client
	// MaxUploadBytes is the largest file sent in one request; larger takes
	// are split. 0 means DefaultMaxUploadBytes.
	MaxUploadBytes int64
	// RequestTimeout bounds one request; 0 means DefaultRequestTimeout.
	RequestTimeout time.Duration
	// SpeechModel is the model used by Speech; empty means DefaultSpeechModel.
	SpeechModel string
}

// withDefaults returns cfg with empty fields filled and the base URL normalised.
func (cfg Config) withDefaults() (Config, error) {
	if strings.TrimSpace(cfg.BaseURL) == "" {
		cfg.BaseURL = DefaultBaseURL
	}
	u, err := parseBaseURL(cfg.BaseURL)
	if err != nil {
		return cfg, err
	}
	cfg.BaseURL = u.String()
	cfg.APIKey = strings.TrimSpace(cfg.APIKey)
	if strings.TrimSpace(cfg.Model) == "" {
		cfg.Model = DefaultModel
	}
	if cfg.MaxUploadBytes <= 0 {
		cfg.MaxUploadBytes = DefaultMaxUploadBytes
	}
	if cfg.RequestTimeout <= 0 {
		cfg.RequestTimeout = DefaultRequestTimeout
	}
	if cfg.SpeechModel == "" {
		cfg.SpeechModel = DefaultSpeechModel
	}
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = &http.Client{}
	}
	return cfg, nil
}

// parseBaseURL checks a base URL and adds "/v1" when it has no path.
func parseBaseURL(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return nil, fmt.Errorf("base URL %q: %w", raw, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("base URL %q: it must start with http:// or https://", raw)
	}
	if u.Hostname() == "" {
		return nil, fmt.Errorf("base URL %q: it has no host name", raw)
	}
	if u.User != nil {
		return nil, fmt.Errorf("base URL %q: put the key in the API key setting, not in the URL", u.Redacted())
	}
	u.Path = strings.TrimRight(u.Path, "/")
	if u.Path == "" {
		u.Path = "/v1"
	}
	u.RawQuery, u.Fragment = "", ""
	return u, nil
}

// CheckBaseURL validates a base URL for the settings screen. err says why
// the URL cannot be used; warning is non-empty when it can be used but sends
// recordings unencrypted (plain http to a host that is not this computer).
func CheckBaseURL(raw string) (warning string, err error) {
	if strings.TrimSpace(raw) == "" {
		raw = DefaultBaseURL
	}
	u, err := parseBaseURL(raw)
	if err != nil {
		return "", err
	}
	if u.Scheme == "http" && !isLoopback(u.Hostname()) {
		return fmt.Sprintf("%s is plain http to %s: your recordings are private and would cross the network unencrypted; use https, or a server on this computer (localhost)", u.Redacted(), u.Hostname()), nil
	}
	return "", nil
}

// isLoopback reports whether host names this computer.
func isLoopback(host string) bool {
	h := strings.ToLower(strings.TrimSuffix(host, "."))
	if h == "localhost" || strings.HasSuffix(h, ".localhost") {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

// givesTimings reports whether model answers verbose_json with word and
// segment timestamps. OpenAI's gpt-4o family answers json only; whisper-1
// and the models of local Whisper servers give timings.
func givesTimings(model string) bool {
	m := strings.ToLower(model)
	return !(strings.HasPrefix(m, "gpt-") || strings.Contains(m, "gpt-4o"))
}
