// Package whispertest is a local server that speaks OpenAI's transcription
// protocol, for tests: every request for a transcript gets the same short
// verbose_json answer, with word and segment timings.
package whispertest

import (
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
)

// Text is the transcript every request gets: an answer that offers a
// trade-off, so its review finds one.
const Text = "We can launch a simple version in 24 hours, or the full one in 48. It's your call."

// answer is the verbose_json body of every transcription.
const answer = `{"text":"` + Text + `",
	"language":"english","duration":1.0,
	"words":[{"word":"We","start":0.0,"end":0.1},{"word":"can","start":0.1,"end":0.2}],
	"segments":[{"start":0.0,"end":1.0,"text":"` + Text + `"}]}`

// Server answers POST /v1/audio/transcriptions and remembers the
// Authorization header it last saw. Its URL plus "/v1" is the base URL.
type Server struct {
	*httptest.Server

	mu   sync.Mutex
	auth string
}

// New starts a server that is closed when the test ends.
func New(t testing.TB) *Server {
	s := &Server{}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

// Authorization is the Authorization header of the last request.
func (s *Server) Authorization() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.auth
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/v1/audio/transcriptions" {
		http.NotFound(w, r)
		return
	}
	if err := r.ParseMultipartForm(32 << 20); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	s.mu.Lock()
	s.auth = r.Header.Get("Authorization")
	s.mu.Unlock()
	f, _, err := r.FormFile("file")
	if err != nil {
		http.Error(w, "no file", http.StatusBadRequest)
		return
	}
	io.Copy(io.Discard, f)
	w.Header().Set("Content-Type", "application/json")
	io.WriteString(w, answer)
}
