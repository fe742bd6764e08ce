package transcribe

import (
	"context"
	"net/http"
	"time"
)

// The functions in this file expose, unchanged, the pieces of this package
// that any client of an OpenAI-compatible server needs, so the interviewer
// model (package coach) handles base URLs, waits and failures exactly the way
// transcription does instead of keeping a second copy.

// NormalizeBaseURL checks an API base URL the way Config does (http or
// https, a host, no credentials in it) and returns it with "/v1" added when
// it has no path. An empty URL is DefaultBaseURL.
func NormalizeBaseURL(raw string) (string, error) {
	if raw == "" {
		raw = DefaultBaseURL
	}
	u, err := parseBaseURL(raw)
	if err != nil {
		return "", err
	}
	return u.String(), nil
}

// IsLoopbackHost reports whether host names this computer (localhost or a
// loopback address).
func IsLoopbackHost(host string) bool { return isLoopback(host) }

// ParseRetryAfter reads the wait an HTTP answer asks for: Retry-After in
// seconds or as an HTTP date, or OpenAI's Retry-After-Ms. It is 0 when the
// answer asks for none.
func ParseRetryAfter(h http.Header, now time.Time) time.Duration { return parseRetryAfter(h, now) }

// TransportErrorKind maps an error that came with no HTTP answer to
// ErrTimeout, ErrCanceled or ErrNetwork. parent is the caller's context, req
// the request's own (parent plus the request timeout).
func TransportErrorKind(parent, req context.Context, err error) error {
	return kindForTransportError(parent, req, err)
}

// DescribeTransportError says in plain words what happened on the wire
// ("connection refused (is the server running?)"), or "" when it cannot tell.
func DescribeTransportError(err error) string { return describeTransportError(err) }

// ServerMessage extracts the human message of an error answer
// ({"error":{"message":...}}, {"error":"..."}, or the start of a plain-text
// body), shortened; an HTML error page gives "".
func ServerMessage(body []byte) string { return serverMessage(body) }

// Shorten joins the white space of s and cuts it to at most n bytes on a
// rune boundary, adding "…".
func Shorten(s string, n int) string { return shorten(s, n) }

// SleepCtx waits d or until ctx ends, whichever comes first; it returns
// ctx's error when ctx ended first.
func SleepCtx(ctx context.Context, d time.Duration) error { return sleepCtx(ctx, d) }
