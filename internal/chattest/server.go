// Package chattest is a local server that speaks OpenAI's chat-completions
// protocol, for tests of the interviewer model and its callers (coach, app,
// ui). It answers in the shape of OpenAI or of Ollama's OpenAI-compatible
// endpoint, as one JSON body or as server-sent events; it answers queued
// replies in order (the last one repeats), serves queued failures first,
// and remembers what it was sent.
package chattest

import (
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
)

// Response shapes a Server can answer in.
const (
	ShapeOpenAI = "openai"
	ShapeOllama = "ollama"
)

// Server answers POST /v1/chat/completions. Its URL plus "/v1" is the base
// URL to configure.
type Server struct {
	*httptest.Server

	// Shape is ShapeOpenAI or ShapeOllama.
	Shape string
	// NoSchema makes the server refuse response_format (HTTP 400), as
	// servers without JSON-schema support do.
	NoSchema bool
	// IgnoreStream answers one JSON body even when asked to stream.
	IgnoreStream bool

	mu       sync.Mutex
	replies  []string
	failures []string
	seen     []Request
	// cancelled counts requests the client gave up on (see Cancelled).
	cancelled int
}

// Request is what the server saw of one request.
type Request struct {
	Path, Auth string
	Body       []byte
	Stream     bool
	Schema     bool // response_format with a json_schema
	Model      string
	System     string // the system messages' text
	User       string // the user messages' text
	MaxTokens  int
}

// New starts a server in OpenAI's shape that is closed when the test ends.
// Until Reply is called it answers a follow-up question.
func New(t testing.TB) *Server { return NewShaped(t, ShapeOpenAI) }

// NewShaped starts a server answering in the given shape.
func NewShaped(t testing.TB, shape string) *Server {
	s := &Server{Shape: shape, replies: []string{"Which attribution model did you use?"}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

// BaseURL is the base URL to give the client.
func (s *Server) BaseURL() string { return s.URL + "/v1" }

// Reply queues the model's answers (message contents).
func (s *Server) Reply(texts ...string) {
	s.mu.Lock()
	s.replies = texts
	s.mu.Unlock()
}

// Fail queues failures for the next requests:
//   - "401": an invalid-key answer that echoes the key, as OpenAI does;
//   - "429", "429:SECONDS" (with Retry-After), "quota";
//   - "500", "503:SECONDS", "echo500" (a plain-text 500 echoing the
//     Authorization header);
//   - "timeout" (no answer for 5 s), "malformed" (truncated JSON), "html";
//   - "context" (the context is too long), "refusal", "length" (cut at
//     max tokens);
//   - "cutstream" and "streamerror" (a stream that ends or fails midway).
func (s *Server) Fail(kinds ...string) {
	s.mu.Lock()
	s.failures = append(s.failures, kinds...)
	s.mu.Unlock()
}

// Cancelled counts the "timeout" requests the client gave up on before
// the server would have answered.
func (s *Server) Cancelled() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cancelled
}

// Seen returns what the server saw of each request, in order.
func (s *Server) Seen() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.seen...)
}

// Requests returns the request bodies seen, in order.
func (s *Server) Requests() []string {
	var bodies []string
	for _, r := range s.Seen() {
		bodies = append(bodies, string(r.Body))
	}
	return bodies
}

// Authorizations returns the Authorization headers seen, in order.
func (s *Server) Authorizations() []string {
	var auths []string
	for _, r := range s.Seen() {
		auths = append(auths, r.Auth)
	}
	return auths
}

// next records a request and returns the failure to serve, if any, and
// the reply. A reply is used up only by a request that was answered.
func (s *Server) next(seen Request) (failure, content string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.seen = append(s.seen, seen)
	if len(s.failures) > 0 {
		failure, s.failures = s.failures[0], s.failures[1:]
	}
	content = s.replies[0]
	if failure == "" && len(s.replies) > 1 && !(seen.Schema && s.NoSchema) {
		s.replies = s.replies[1:]
	}
	return failure, content
}
