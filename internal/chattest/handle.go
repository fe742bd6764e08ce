package chattest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"
)

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// apiError answers an error in the server's shape.
func (s *Server) apiError(w http.ResponseWriter, status int, msg, typ string, code any) {
	if s.Shape == ShapeOllama {
		typ, code = "api_error", nil
	}
	writeJSON(w, status, map[string]any{"error": map[string]any{"message": msg, "type": typ, "param": nil, "code": code}})
}

// serve answers one chat-completions request: a queued failure, or the
// next reply in the server's shape, whole or streamed.
func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
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
		s.apiError(w, 404, fmt.Sprintf("no route %s %s", r.Method, r.URL.Path), "invalid_request_error", nil)
		return
	}
	if err := json.Unmarshal(body, &req); err != nil {
		s.apiError(w, 400, "bad JSON: "+err.Error(), "invalid_request_error", nil)
		return
	}
	seen := Request{Path: r.URL.Path, Auth: r.Header.Get("Authorization"), Body: body, Stream: req.Stream,
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
	failure, content := s.next(seen)

	kind, arg, _ := strings.Cut(failure, ":")
	if s.failWith(w, r, kind, arg, seen) {
		return
	}
	if seen.Schema && s.NoSchema {
		s.apiError(w, 400, "response_format of type json_schema is not supported by this model", "invalid_request_error", nil)
		return
	}
	finish, refusal := "stop", ""
	switch kind {
	case "refusal":
		content, refusal = "", "I'm sorry, I can't help with that request."
	case "length":
		content, finish = content[:len(content)/2], "length"
	}
	if req.Stream && !s.IgnoreStream {
		s.stream(w, req.Model, content, refusal, finish, kind)
		return
	}
	s.whole(w, req.Model, content, refusal, finish)
}

// whole answers one chat.completion body.
func (s *Server) whole(w http.ResponseWriter, model, content, refusal, finish string) {
	msg := map[string]any{"role": "assistant", "content": content}
	resp := map[string]any{"id": "chatcmpl-1", "object": "chat.completion", "created": 1764340000, "model": model,
		"usage": map[string]int{"prompt_tokens": 400, "completion_tokens": 20, "total_tokens": 420}}
	if s.Shape == ShapeOllama {
		resp["system_fingerprint"] = "fp_ollama"
	} else {
		msg["refusal"], msg["annotations"] = nil, []any{}
		if refusal != "" {
			msg["content"], msg["refusal"] = nil, refusal
		}
		resp["system_fingerprint"], resp["service_tier"] = "fp_1234", "default"
	}
	choice := map[string]any{"index": 0, "message": msg, "finish_reason": finish}
	if s.Shape == ShapeOpenAI {
		choice["logprobs"] = nil
	}
	resp["choices"] = []any{choice}
	writeJSON(w, 200, resp)
}

// stream answers server-sent events, a few characters a chunk.
func (s *Server) stream(w http.ResponseWriter, model, content, refusal, finish, kind string) {
	w.Header().Set("Content-Type", "text/event-stream")
	w.WriteHeader(200)
	fl, _ := w.(http.Flusher)
	chunk := func(delta map[string]any, fin any) {
		c := map[string]any{"id": "chatcmpl-1", "object": "chat.completion.chunk", "created": 1764340000, "model": model,
			"choices": []any{map[string]any{"index": 0, "delta": delta, "finish_reason": fin}}}
		if s.Shape == ShapeOllama {
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
	if s.Shape == ShapeOpenAI {
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
		if s.Shape == ShapeOllama {
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
	if s.Shape == ShapeOllama {
		chunk(map[string]any{"role": "assistant", "content": ""}, finish)
	} else {
		chunk(map[string]any{}, finish)
	}
	fmt.Fprint(w, "data: [DONE]\n\n")
}

// failWith serves the failure kind (see Fail) and reports whether it did.
func (s *Server) failWith(w http.ResponseWriter, r *http.Request, kind, arg string, seen Request) bool {
	switch kind {
	case "401":
		key := strings.TrimPrefix(seen.Auth, "Bearer ")
		s.apiError(w, 401, "Incorrect API key provided: "+key+". You can find your API key at https://platform.openai.com/account/api-keys.", "invalid_request_error", "invalid_api_key")
		return true
	case "429":
		if arg != "" {
			w.Header().Set("Retry-After", arg)
		}
		s.apiError(w, 429, "Rate limit reached for requests", "requests", "rate_limit_exceeded")
		return true
	case "quota":
		s.apiError(w, 429, "You exceeded your current quota, please check your plan and billing details.", "insufficient_quota", "insufficient_quota")
		return true
	case "500":
		s.apiError(w, 500, "The server had an error while processing your request. Sorry about that!", "server_error", nil)
		return true
	case "echo500":
		w.WriteHeader(500)
		fmt.Fprintf(w, "internal error while handling request with header Authorization: %s", seen.Auth)
		return true
	case "503":
		if arg != "" {
			w.Header().Set("Retry-After", arg)
		}
		s.apiError(w, 503, "Loading model", "unavailable_error", nil)
		return true
	case "timeout":
		select {
		case <-r.Context().Done():
			s.mu.Lock()
			s.cancelled++
			s.mu.Unlock()
		case <-time.After(5 * time.Second):
		}
		return true
	case "malformed":
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"id":"chatcmpl-1","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"What`)
		return true
	case "html":
		w.Header().Set("Content-Type", "text/html")
		io.WriteString(w, "<html><body>Welcome to nginx!</body></html>")
		return true
	case "context":
		if s.Shape == ShapeOllama {
			s.apiError(w, 400, "the request exceeds the available context size, try increasing it", "exceed_context_size_error", nil)
			return true
		}
		s.apiError(w, 400, "This model's maximum context length is 128000 tokens. However, your messages resulted in 131072 tokens.", "invalid_request_error", "context_length_exceeded")
		return true
	}
	return false
}
