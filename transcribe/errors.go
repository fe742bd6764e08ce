package transcribe

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Sentinel errors, one per kind of failure. Every *Error returned by this
// package unwraps to exactly one of them, so callers can test with errors.Is.
var (
	// ErrUnauthorized means the server refused the API key (HTTP 401 or 403).
	ErrUnauthorized = errors.New("the API key was refused")
	// ErrBadRequest means the server rejected the request itself (HTTP 400,
	// 415, 422 and other 4xx not listed here): retrying will not help.
	ErrBadRequest = errors.New("the server rejected the request")
	// ErrNotFound means there is no transcription service at the base URL or
	// the model is unknown there (HTTP 404).
	ErrNotFound = errors.New("no transcription service at that address")
	// ErrTooLarge means the recording is over the server's upload limit
	// (HTTP 413, or larger than Config.MaxUploadBytes with no Splitter).
	ErrTooLarge = errors.New("the recording is too large to upload")
	// ErrRateLimited means the server asked us to slow down (HTTP 429).
	ErrRateLimited = errors.New("the server is rate limiting requests")
	// ErrQuota means the account has no credit or quota left (HTTP 429 with
	// the code insufficient_quota): retrying will not help.
	ErrQuota = errors.New("the account has no quota left")
	// ErrServer means the server failed (HTTP 5xx).
	ErrServer = errors.New("the server failed")
	// ErrNetwork means the server could not be reached or the connection
	// dropped before an answer came.
	ErrNetwork = errors.New("the server could not be reached")
	// ErrTimeout means the server did not answer in time.
	ErrTimeout = errors.New("the server did not answer in time")
	// ErrMalformed means the server answered with something that is not a
	// transcript (bad JSON, wrong shape).
	ErrMalformed = errors.New("the server's answer was not a transcript")
	// ErrCanceled means the work was cancelled by the caller.
	ErrCanceled = errors.New("cancelled")
	// ErrFile means the recording could not be read or split locally.
	ErrFile = errors.New("the recording could not be read")
)

// Error is a failed transcription or speech request, described in plain
// words. It never holds the API key: server messages are passed through
// Redact before they are stored.
type Error struct {
	// Kind is one of the sentinel errors above (ErrUnauthorized, ...).
	Kind error
	// Op says what was being done, e.g. "transcribing take.wav".
	Op string
	// Server is the host the request went to, e.g. "api.openai.com".
	Server string
	// Status is the HTTP status code, or 0 when no answer came.
	Status int
	// RetryAfter is the wait the server asked for (HTTP Retry-After), or 0.
	RetryAfter time.Duration
	// Detail is the server's own message or the local cause, redacted and
	// shortened, or "".
	Detail string
}

// Error returns the failure in plain words, e.g. "transcribing take.wav:
// the API key was refused by api.openai.com (HTTP 401); check the key in
// Settings".
func (e *Error) Error() string {
	var b strings.Builder
	if e.Op != "" {
		b.WriteString(e.Op)
		b.WriteString(": ")
	}
	b.WriteString(e.Kind.Error())
	switch {
	case e.Server != "" && e.Status != 0:
		fmt.Fprintf(&b, " (%s, HTTP %d)", e.Server, e.Status)
	case e.Server != "":
		fmt.Fprintf(&b, " (%s)", e.Server)
	case e.Status != 0:
		fmt.Fprintf(&b, " (HTTP %d)", e.Status)
	}
	if e.Detail != "" {
		b.WriteString(": ")
		b.WriteString(e.Detail)
	}
	switch e.Kind {
	case ErrUnauthorized:
		b.WriteString("; check the API key in Settings")
	case ErrRateLimited:
		if e.RetryAfter > 0 {
			fmt.Fprintf(&b, "; it asked to wait %s", e.RetryAfter.Round(time.Second))
		}
	case ErrTooLarge:
		b.WriteString("; the recording is kept, try a shorter take or a server with a higher limit")
	case ErrNotFound:
		b.WriteString("; check the base URL and model in Settings")
	}
	return b.String()
}

// Unwrap returns the sentinel kind so errors.Is(err, ErrUnauthorized) works.
func (e *Error) Unwrap() error { return e.Kind }

// IsRetryable reports whether another attempt may succeed: rate limiting,
// server failures, network errors and timeouts. Bad requests, a refused key,
// a too-large file, a malformed answer, exhausted quota and cancellation are
// not retried.
func IsRetryable(err error) bool {
	for _, k := range []error{ErrRateLimited, ErrServer, ErrNetwork, ErrTimeout} {
		if errors.Is(err, k) {
			return true
		}
	}
	return false
}

// RetryAfterOf returns the wait the server asked for with Retry-After, and
// whether it asked at all.
func RetryAfterOf(err error) (time.Duration, bool) {
	var e *Error
	if errors.As(err, &e) && e.RetryAfter > 0 {
		return e.RetryAfter, true
	}
	return 0, false
}

// parseRetryAfter reads an HTTP Retry-After value (seconds or an HTTP date),
// and OpenAI's retry-after-ms when present.
func parseRetryAfter(h http.Header, now time.Time) time.Duration {
	if ms := h.Get("Retry-After-Ms"); ms != "" {
		if v, err := strconv.ParseFloat(ms, 64); err == nil && v > 0 {
			return time.Duration(v * float64(time.Millisecond))
		}
	}
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0
	}
	if s, err := strconv.ParseFloat(v, 64); err == nil {
		if s <= 0 {
			return 0
		}
		return time.Duration(s * float64(time.Second))
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now); d > 0 {
			return d
		}
	}
	return 0
}

// kindForStatus maps an HTTP error status to a sentinel kind.
func kindForStatus(status int, body []byte) error {
	switch {
	case status == http.StatusUnauthorized || status == http.StatusForbidden:
		return ErrUnauthorized
	case status == http.StatusNotFound:
		return ErrNotFound
	case status == http.StatusRequestEntityTooLarge:
		return ErrTooLarge
	case status == http.StatusTooManyRequests:
		if isQuotaError(body) {
			return ErrQuota
		}
		return ErrRateLimited
	case status == http.StatusRequestTimeout:
		return ErrTimeout
	case status >= 500:
		return ErrServer
	default:
		return ErrBadRequest
	}
}

// kindForTransportError maps an error from the HTTP client (no status) to a
// sentinel kind. parent is the caller's context, req the per-request one
// (parent plus the request timeout).
func kindForTransportError(parent, req context.Context, err error) error {
	if parent.Err() != nil {
		if errors.Is(parent.Err(), context.DeadlineExceeded) {
			return ErrTimeout
		}
		return ErrCanceled
	}
	if errors.Is(req.Err(), context.DeadlineExceeded) || errors.Is(err, context.DeadlineExceeded) {
		return ErrTimeout
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return ErrTimeout
	}
	return ErrNetwork
}

// describeTransportError says in plain words what happened on the wire.
func describeTransportError(err error) string {
	s := err.Error()
	switch {
	case strings.Contains(s, "connection refused"):
		return "connection refused (is the server running?)"
	case strings.Contains(s, "no such host"):
		return "unknown host name"
	case strings.Contains(s, "EOF"), strings.Contains(s, "connection reset"), strings.Contains(s, "broken pipe"):
		return "the connection was dropped before an answer came"
	case strings.Contains(s, "certificate"), strings.Contains(s, "x509"), strings.Contains(s, "tls:"):
		return "the server's TLS certificate was not accepted"
	}
	return ""
}

// errorBody is what an OpenAI-compatible server says in an error answer:
// {"error":{"message":...,"type":...,"code":...}}, or, from some local
// servers, {"error":"..."} or {"message":"..."}.
type errorBody struct {
	Message string // the human message, "" when there is none
	Code    string // error.code, or else error.type, "" when neither is a string
}

// parseErrorBody decodes an error answer; ok is false when body is not a
// JSON object.
func parseErrorBody(body []byte) (eb errorBody, ok bool) {
	var top struct {
		Error   json.RawMessage `json:"error"`
		Message json.RawMessage `json:"message"`
	}
	if err := json.Unmarshal(body, &top); err != nil {
		return errorBody{}, false
	}
	var inner struct {
		Message json.RawMessage `json:"message"`
		Code    json.RawMessage `json:"code"`
		Type    json.RawMessage `json:"type"`
	}
	if len(top.Error) > 0 && json.Unmarshal(top.Error, &inner) == nil {
		eb.Message = jsonString(inner.Message)
		eb.Code = cmp.Or(jsonString(inner.Code), jsonString(inner.Type))
	} else {
		eb.Message = jsonString(top.Error)
	}
	eb.Message = cmp.Or(eb.Message, jsonString(top.Message))
	return eb, true
}

// jsonString returns raw as a string when it is a JSON string, else "".
func jsonString(raw json.RawMessage) string {
	var s string
	if len(raw) == 0 || json.Unmarshal(raw, &s) != nil {
		return ""
	}
	return s
}

// isQuotaError reports whether an HTTP 429 body says the quota is used up
// (code insufficient_quota) rather than asking to slow down.
func isQuotaError(body []byte) bool {
	if eb, ok := parseErrorBody(body); ok {
		return eb.Code == "insufficient_quota"
	}
	return strings.Contains(string(body), "insufficient_quota")
}

// serverMessage extracts the human message from an OpenAI-style error body
// ({"error":{"message":...}}) or, failing that, the start of the body.
func serverMessage(body []byte) string {
	s := strings.TrimSpace(string(body))
	if eb, ok := parseErrorBody(body); ok && eb.Message != "" {
		s = eb.Message
	}
	if strings.HasPrefix(s, "<") { // an HTML error page says nothing useful
		return ""
	}
	return shorten(s, 200)
}

// shorten cuts s to at most n bytes on a rune boundary, adding "…".
func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
