// Package chattest is a local server that speaks OpenAI's chat-completions
// protocol, for tests of the interviewer model's callers (app, ui): it
// answers queued replies in order (the last one repeats), serves queued
// failures first, and remembers what it was sent.
package chattest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// Server answers POST /v1/chat/completions. Its URL plus "/v1" is the base
// URL to configure.
type Server struct {
	*httptest.Server

	mu       sync.Mutex
	replies  []string
	failures []string
	bodies   []string
	auths    []string
}

// New starts a server that is closed when the test ends. Until Reply is
// called it answers a follow-up question.
func New(t testing.TB) *Server {
	s := &Server{replies: []string{"Which attribution model did you use?"}}
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

// Fail queues failures for the next requests: "401" (an invalid-key answer
// that echoes the key, as OpenAI does) or "500".
func (s *Server) Fail(kinds ...string) {
	s.mu.Lock()
	s.failures = append(s.failures, kinds...)
	s.mu.Unlock()
}

// Requests returns the request bodies seen, in order.
func (s *Server) Requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.bodies...)
}

// Authorizations returns the Authorization headers seen, in order.
func (s *Server) Authorizations() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.auths...)
}

func apiError(w http.ResponseWriter, status int, msg, typ string, code any) {
	writeJSON(w, status, map[string]any{"error": map[string]any{"message": msg, "type": typ, "param": nil, "code": code}})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || r.URL.Path != "/v1/chat/completions" {
		apiError(w, 404, fmt.Sprintf("no route %s %s", r.Method, r.URL.Path), "invalid_request_error", nil)
		return
	}
	body, _ := io.ReadAll(r.Body)
	var req struct {
		Model string `json:"model"`
	}
	json.Unmarshal(body, &req)
	auth := r.Header.Get("Authorization")
	s.mu.Lock()
	s.bodies = append(s.bodies, string(body))
	s.auths = append(s.auths, auth)
	failure := ""
	if len(s.failures) > 0 {
		failure, s.failures = s.failures[0], s.failures[1:]
	}
	content := s.replies[0]
	if failure == "" && len(s.replies) > 1 {
		s.replies = s.replies[1:]
	}
	s.mu.Unlock()
	switch failure {
	case "401":
		key := strings.TrimPrefix(auth, "Bearer ")
		apiError(w, 401, "Incorrect API key provided: "+key+".", "invalid_request_error", "invalid_api_key")
		return
	case "500":
		apiError(w, 500, "The server had an error while processing your request. Sorry about that!", "server_error", nil)
		return
	}
	writeJSON(w, 200, map[string]any{
		"id": "chatcmpl-1", "object": "chat.completion", "created": 1764340000, "model": req.Model,
		"choices": []any{map[string]any{"index": 0, "finish_reason": "stop",
			"message": map[string]any{"role": "assistant", "content": content}}},
		"usage": map[string]int{"prompt_tokens": 400, "completion_tokens": 20, "total_tokens": 420},
	})
}
