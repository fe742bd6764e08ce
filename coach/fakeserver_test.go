package coach

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"
)

// fakeChat is a local server speaking OpenAI's chat-completions protocol
// in the answer shapes of OpenAI or of Ollama's OpenAI-compatible endpoint,
// as one JSON body or as server-sent events. It answers the queued replies
// in order (the last one repeats) and serves queued failures first.
type fakeChat struct {
	t     testing.TB
	srv   *httptest.Server
	shape string // "openai" or "ollama"
	// noSchema makes the server refuse response_format (HTTP 400), as
	// servers without JSON-schema support do.
	noSchema bool
	// ignoreStream answers one JSON body even when asked to stream.
	ignoreStream bool

	mu       sync.Mutex
	replies  []string
	failures []string
	reqs     []seenRequest
}

// seenRequest is what the server saw of one request.
type seenRequest struct {
	Path, Auth string
	Body       []byte
	Stream     bool
	Schema     bool // response_format with a json_schema
	Model      string
	System     string
	User       string
	MaxTokens  int
}

func newFakeChat(t testing.TB, shape string) *fakeChat {
	f := &fakeChat{t: t, shape: shape, replies: []string{"What did the VP of Sales say when you showed them the numbers?"}}
	f.srv = httptest.NewServer(http.HandlerFunc(f.handle))
	t.Cleanup(f.srv.Close)
	return f
}

// URL is the base URL to give the client.
func (f *fakeChat) URL() string { return f.srv.URL + "/v1" }

// reply queues the model's answers.
func (f *fakeChat) reply(texts ...string) {
	f.mu.Lock()
	f.replies = texts
	f.mu.Unlock()
}

// fail queues failures for the next requests: "401", "429:SECONDS",
// "quota", "500", "503:SECONDS", "timeout", "malformed", "html", "context",
// "refusal", "length", "cutstream", "streamerror", "echo500".
func (f *fakeChat) fail(kinds ...string) {
	f.mu.Lock()
	f.failures = append(f.failures, kinds...)
	f.mu.Unlock()
}

func (f *fakeChat) requests() []seenRequest {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]seenRequest(nil), f.reqs...)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// apiError answers an error in the server's shape.
func (f *fakeChat) apiError(w http.ResponseWriter, status int, msg, typ string, code any) {
	if f.shape == "ollama" {
		typ, code = "api_error", nil
	}
	writeJSON(w, status, map[string]any{"error": map[string]any{"message": msg, "type": typ, "param": nil, "code": code}})
}

func (f *fakeChat) handle(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	var req struct {
		Model    string `json:"model"`
		Stream   bool   `json:"stream"`
		Messages []struct {
			Role    string `json:"role"`
			Content string `json:"content"`
		} `json:"messages"`
		ResponseFormat *struct {
			Type       string          `json:"type"`
			JSONSchema json.RawMessage `json:"json_schema"`
		} `json:"response_format"`
		MaxTokens           int `json:"max_tokens"`
		MaxCompletionTokens int `json:"max_completion_tokens"`
	}
	if r.Method != http.MethodPost || r.URL.Path != "/v1/chat/completions" {
		f.apiError(w, 404, fmt.Sprintf("no route %s %s", r.Method, r.URL.Path), "invalid_request_error", nil)
		return
	}
	if err := json.Unmarshal(body, &req); err != nil {
		f.apiError(w, 400, "bad JSON: "+err.Error(), "invalid_request_error", nil)
		return
	}
	seen := seenRequest{Path: r.URL.Path, Auth: r.Header.Get("Authorization"), Body: body, Stream: req.Stream,
		Schema: req.ResponseFormat != nil && req.ResponseFormat.Type == "json_schema" && len(req.ResponseFormat.JSONSchema) > 0,
		Model:  req.Model, MaxTokens: req.MaxTokens + req.MaxCompletionTokens}
	for _, m := range req.Messages {
		switch m.Role {
		case "system":
			seen.System += m.Content
		case "user":
			seen.User += m.Content
		}
	}
	f.mu.Lock()
	f.reqs = append(f.reqs, seen)
	failure := ""
	if len(f.failures) > 0 {
		failure, f.failures = f.failures[0], f.failures[1:]
	}
	content := f.replies[0]
	if failure == "" && len(f.replies) > 1 && !(seen.Schema && f.noSchema) {
		f.replies = f.replies[1:]
	}
	f.mu.Unlock()

	kind, arg, _ := strings.Cut(failure, ":")
	switch kind {
	case "401":
		key := strings.TrimPrefix(seen.Auth, "Bearer ")
		f.apiError(w, 401, "Incorrect API key provided: "+key+". You can find your API key at https://platform.openai.com/account/api-keys.", "invalid_request_error", "invalid_api_key")
		return
	case "429":
		if arg != "" {
			w.Header().Set("Retry-After", arg)
		}
		f.apiError(w, 429, "Rate limit reached for requests", "requests", "rate_limit_exceeded")
		return
	case "quota":
		f.apiError(w, 429, "You exceeded your current quota, please check your plan and billing details.", "insufficient_quota", "insufficient_quota")
		return
	case "500":
		f.apiError(w, 500, "The server had an error while processing your request. Sorry about that!", "server_error", nil)
		return
	case "echo500":
		w.WriteHeader(500)
		fmt.Fprintf(w, "internal error while handling request with header Authorization: %s", seen.Auth)
		return
	case "503":
		if arg != "" {
			w.Header().Set("Retry-After", arg)
		}
		f.apiError(w, 503, "Loading model", "unavailable_error", nil)
		return
	case "timeout":
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
		return
	case "malformed":
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"id":"chatcmpl-1","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"What`)
		return
	case "html":
		w.Header().Set("Content-Type", "text/html")
		io.WriteString(w, "<html><body>Welcome to nginx!</body></html>")
		return
	case "context":
		if f.shape == "ollama" {
			f.apiError(w, 400, "the request exceeds the available context size, try increasing it", "exceed_context_size_error", nil)
			return
		}
		f.apiError(w, 400, "This model's maximum context length is 128000 tokens. However, your messages resulted in 131072 tokens.", "invalid_request_error", "context_length_exceeded")
		return
	}
	if seen.Schema && f.noSchema {
		f.apiError(w, 400, "response_format of type json_schema is not supported by this model", "invalid_request_error", nil)
		return
	}
	finish, refusal := "stop", ""
	switch kind {
	case "refusal":
		content, refusal = "", "I'm sorry, I can't help with that request."
	case "length":
		content, finish = content[:len(content)/2], "length"
	}
	if req.Stream && !f.ignoreStream {
		f.stream(w, req.Model, content, refusal, finish, kind)
		return
	}
	f.whole(w, req.Model, content, refusal, finish)
}

// whole answers one chat.completion body.
func (f *fakeChat) whole(w http.ResponseWriter, model, content, refusal, finish string) {
	msg := map[string]any{"role": "assistant", "content": content}
	resp := map[string]any{"id": "chatcmpl-1", "object": "chat.completion", "created": 1764340000, "model": model,
		"usage": map[string]int{"prompt_tokens": 400, "completion_tokens": 20, "total_tokens": 420}}
	if f.shape == "ollama" {
		resp["system_fingerprint"] = "fp_ollama"
	} else {
		msg["refusal"], msg["annotations"] = nil, []any{}
		if refusal != "" {
			msg["content"], msg["refusal"] = nil, refusal
		}
		resp["system_fingerprint"], resp["service_tier"] = "fp_1234", "default"
	}
	choice := map[string]any{"index": 0, "message": msg, "finish_reason": finish}
	if f.shape == "openai" {
		choice["logprobs"] = nil
	}
	resp["choices"] = []any{choice}
	writeJSON(w, 200, resp)
}

// stream answers server-sent events, a few characters a chunk.
func (f *fakeChat) stream(w http.ResponseWriter, model, content, refusal, finish, kind string) {
	w.Header().Set("Content-Type", "text/event-stream")
	w.WriteHeader(200)
	fl, _ := w.(http.Flusher)
	chunk := func(delta map[string]any, fin any) {
		c := map[string]any{"id": "chatcmpl-1", "object": "chat.completion.chunk", "created": 1764340000, "model": model,
			"choices": []any{map[string]any{"index": 0, "delta": delta, "finish_reason": fin}}}
		if f.shape == "ollama" {
			c["system_fingerprint"] = "fp_ollama"
		} else {
			c["system_fingerprint"] = "fp_1234"
		}
		b, _ := json.Marshal(c)
		fmt.Fprintf(w, "data: %s\n\n", b)
		if fl != nil {
			fl.Flush()
		}
	}
	if f.shape == "openai" {
		chunk(map[string]any{"role": "assistant", "content": "", "refusal": nil}, nil)
	}
	if refusal != "" {
		chunk(map[string]any{"refusal": refusal}, nil)
	}
	for i := 0; i < len(content); {
		j := min(i+7, len(content))
		for j < len(content) && !utf8.RuneStart(content[j]) {
			j++ // servers send whole characters
		}
		piece := content[i:j]
		i = j
		d := map[string]any{"content": piece}
		if f.shape == "ollama" {
			d["role"] = "assistant"
		}
		chunk(d, nil)
		if kind == "cutstream" && i > len(content)/2 {
			return // the connection ends mid-answer
		}
		if kind == "streamerror" && i > len(content)/2 {
			fmt.Fprint(w, "data: {\"error\":{\"message\":\"model crashed while generating\",\"type\":\"server_error\"}}\n\n")
			return
		}
	}
	if f.shape == "ollama" {
		chunk(map[string]any{"role": "assistant", "content": ""}, finish)
	} else {
		chunk(map[string]any{}, finish)
	}
	fmt.Fprint(w, "data: [DONE]\n\n")
}
