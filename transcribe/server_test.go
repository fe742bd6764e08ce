package transcribe

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeWhisper is a local server speaking the OpenAI transcription protocol.
// It checks each multipart request, finds the tone bursts in the uploaded
// WAV and answers one word per burst, in the JSON shape of OpenAI, speaches
// or whisper.cpp's server. Failures queued with fail are served first.
type fakeWhisper struct {
	t     testing.TB
	srv   *httptest.Server
	shape string // "openai", "speaches", "whispercpp" or "json"
	key   string // when set, requests must carry it as the bearer token

	mu       sync.Mutex
	failures []string
	reqs     []seenRequest
}

// seenRequest is what the server checked in one request.
type seenRequest struct {
	Model, Filename, ContentType, Prompt, Format, Language string
	Granularities                                          []string
	BodyBytes                                              int64 // multipart body as sent
	AudioBytes                                             int
}

func newFakeWhisper(t testing.TB, shape string) *fakeWhisper {
	f := &fakeWhisper{t: t, shape: shape}
	f.srv = httptest.NewServer(http.HandlerFunc(f.handle))
	t.Cleanup(f.srv.Close)
	return f
}

// URL is the base URL to give the client.
func (f *fakeWhisper) URL() string { return f.srv.URL + "/v1" }

// fail queues failures served to the next requests, in order: "401",
// "413", "429", "quota", "500", "timeout", "malformed", "drop", "html502", "huge" (50 MB),
// "toomanywords" (3 MB of text), "binary" (a NUL in the text).
func (f *fakeWhisper) fail(kinds ...string) {
	f.mu.Lock()
	f.failures = append(f.failures, kinds...)
	f.mu.Unlock()
}

func (f *fakeWhisper) requests() []seenRequest {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]seenRequest(nil), f.reqs...)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func apiError(w http.ResponseWriter, status int, msg, typ, code string) {
	writeJSON(w, status, map[string]any{"error": map[string]any{"message": msg, "type": typ, "code": code, "param": nil}})
}

func (f *fakeWhisper) handle(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		apiError(w, 405, "POST only", "invalid_request_error", "")
		return
	}
	auth := r.Header.Get("Authorization")
	if f.key != "" && auth != "Bearer "+f.key {
		// A careless server that echoes the key it was given back.
		apiError(w, 401, "Incorrect API key provided: "+strings.TrimPrefix(auth, "Bearer ")+". You can find your API key at https://platform.openai.com/account/api-keys.", "invalid_request_error", "invalid_api_key")
		return
	}
	switch r.URL.Path {
	case "/v1/audio/transcriptions":
		f.transcribe(w, r)
	case "/v1/audio/speech":
		f.speech(w, r)
	default:
		apiError(w, 404, "no route "+r.URL.Path, "invalid_request_error", "")
	}
}

// popFailure serves a queued failure; it reports whether it did.
func (f *fakeWhisper) popFailure(w http.ResponseWriter, r *http.Request) bool {
	f.mu.Lock()
	if len(f.failures) == 0 {
		f.mu.Unlock()
		return false
	}
	kind := f.failures[0]
	f.failures = f.failures[1:]
	f.mu.Unlock()
	io.Copy(io.Discard, r.Body) // the client has sent everything
	switch kind {
	case "401":
		apiError(w, 401, "Incorrect API key provided: "+strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")+".", "invalid_request_error", "invalid_api_key")
	case "413":
		apiError(w, 413, "Maximum content size limit (26214400) exceeded (26987512 bytes read)", "server_error", "")
	case "429":
		w.Header().Set("Retry-After", "7")
		apiError(w, 429, "Rate limit reached for whisper-1 in organization org-x on requests per min (RPM): Limit 50.", "requests", "rate_limit_exceeded")
	case "quota":
		apiError(w, 429, "You exceeded your current quota, please check your plan and billing details.", "insufficient_quota", "insufficient_quota")
	case "500":
		apiError(w, 500, "The server had an error while processing your request. Sorry about that! Bearer "+f.key, "server_error", "")
	case "html502":
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(502)
		io.WriteString(w, "<html><body>502 Bad Gateway</body></html>")
	case "timeout":
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	case "malformed":
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"text": "Hello wor`)
	case "huge": // 50 MB of text
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"text": "`)
		chunk := strings.Repeat("word ", 1<<16)
		for range 50 << 20 / len(chunk) {
			if _, err := io.WriteString(w, chunk); err != nil {
				return true // the client stopped reading
			}
		}
		io.WriteString(w, `"}`)
	case "toomanywords": // valid JSON, 3 MB of text
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"text": "`+strings.Repeat("word ", 600_000)+`"}`)
	case "binary":
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"text": "RIFF\u0000\u0001 data"}`)
	case "drop":
		hj, ok := w.(http.Hijacker)
		if !ok {
			f.t.Errorf("server cannot hijack")
			return true
		}
		conn, _, err := hj.Hijack()
		if err != nil {
			f.t.Errorf("hijack: %v", err)
			return true
		}
		conn.Close()
	default:
		f.t.Errorf("unknown failure %q", kind)
	}
	return true
}

func (f *fakeWhisper) transcribe(w http.ResponseWriter, r *http.Request) {
	if f.popFailure(w, r) {
		return
	}
	// Stream the form (one copy of the audio, not two: these tests move
	// hundreds of megabytes under the race detector).
	mr, err := r.MultipartReader()
	if err != nil {
		apiError(w, 400, "not a multipart form: "+err.Error(), "invalid_request_error", "")
		return
	}
	seen := seenRequest{BodyBytes: r.ContentLength}
	var data []byte
	files := 0
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			apiError(w, 400, "could not parse multipart form: "+err.Error(), "invalid_request_error", "")
			return
		}
		if part.FormName() == "file" {
			files++
			seen.Filename = part.FileName()
			seen.ContentType = part.Header.Get("Content-Type")
			buf := bytes.NewBuffer(make([]byte, 0, max(r.ContentLength, 0)))
			if _, err := buf.ReadFrom(part); err != nil {
				apiError(w, 400, "reading the file part: "+err.Error(), "invalid_request_error", "")
				return
			}
			data = buf.Bytes()
			continue
		}
		v, _ := io.ReadAll(io.LimitReader(part, 1<<16))
		switch part.FormName() {
		case "model":
			seen.Model = string(v)
		case "prompt":
			seen.Prompt = string(v)
		case "response_format":
			seen.Format = string(v)
		case "language":
			seen.Language = string(v)
		case "timestamp_granularities[]":
			seen.Granularities = append(seen.Granularities, string(v))
		}
	}
	if files != 1 {
		apiError(w, 400, fmt.Sprintf("want one file part, got %d", files), "invalid_request_error", "")
		return
	}
	seen.AudioBytes = len(data)
	f.mu.Lock()
	f.reqs = append(f.reqs, seen)
	f.mu.Unlock()

	// The checks a real server makes, strictly.
	var problems []string
	if seen.Model == "" {
		problems = append(problems, "model is missing")
	}
	if !strings.HasSuffix(seen.Filename, ".wav") || strings.ContainsAny(seen.Filename, `/\`) {
		problems = append(problems, fmt.Sprintf("file name %q is not a bare .wav name", seen.Filename))
	}
	if seen.ContentType != "audio/wav" && seen.ContentType != "audio/x-wav" && seen.ContentType != "audio/wave" {
		problems = append(problems, fmt.Sprintf("file content type %q is not WAV", seen.ContentType))
	}
	pcm, err := parseTestWAV(data)
	if err != nil {
		problems = append(problems, "file: "+err.Error())
	}
	switch f.shape {
	case "json":
		if seen.Format != "json" || len(seen.Granularities) != 0 {
			problems = append(problems, fmt.Sprintf("gpt-4o models take json without granularities, got %q %v", seen.Format, seen.Granularities))
		}
	default:
		if seen.Format != "verbose_json" || strings.Join(seen.Granularities, ",") != "word,segment" {
			problems = append(problems, fmt.Sprintf("want verbose_json with word,segment granularities, got %q %v", seen.Format, seen.Granularities))
		}
	}
	if len(problems) > 0 {
		apiError(w, 400, strings.Join(problems, "; "), "invalid_request_error", "")
		return
	}
	bursts := findBursts(pcm)
	duration := float64(len(pcm)/2) / testRate
	writeJSON(w, 200, f.answer(bursts, duration))
}

// answer builds the JSON body in the server's shape: one word "wN" per burst,
// segments of up to five words.
func (f *fakeWhisper) answer(bursts []burst, duration float64) map[string]any {
	var words []string
	for i := range bursts {
		words = append(words, fmt.Sprintf("w%d", i))
	}
	text := strings.Join(words, ", ")
	if len(words) > 0 {
		text += "."
	}
	if f.shape == "json" {
		return map[string]any{"text": text, "usage": map[string]any{"type": "tokens", "total_tokens": 10}}
	}
	type m = map[string]any
	var top []m
	var segs []m
	for s := 0; s < len(bursts); s += 5 {
		e := min(s+5, len(bursts))
		var segWords []m
		var segText []string
		for i := s; i < e; i++ {
			b := bursts[i]
			segText = append(segText, words[i])
			switch f.shape {
			case "openai":
				top = append(top, m{"word": words[i], "start": b.start, "end": b.end})
			case "speaches":
				w := m{"word": " " + words[i] + ",", "start": b.start, "end": b.end, "probability": 0.93}
				top = append(top, w)
				segWords = append(segWords, w)
			case "whispercpp":
				// sub-word tokens: " w", "12", "," and a timestamp marker
				mid := (b.start + b.end) / 2
				segWords = append(segWords,
					m{"word": " w", "start": b.start, "end": mid, "t_dtw": -1, "probability": 0.9},
					m{"word": strings.TrimPrefix(words[i], "w"), "start": mid, "end": b.end, "t_dtw": -1, "probability": 0.9},
					m{"word": ",", "start": b.end, "end": b.end, "t_dtw": -1, "probability": 0.9})
			}
		}
		if f.shape == "whispercpp" {
			segWords = append([]m{{"word": "[_BEG_]", "start": bursts[s].start, "end": bursts[s].start}}, segWords...)
		}
		seg := m{"id": len(segs), "seek": 0, "start": bursts[s].start, "end": bursts[e-1].end,
			"text": " " + strings.Join(segText, ", "), "tokens": []int{50364, 1234},
			"temperature": 0.0, "avg_logprob": -0.2, "compression_ratio": 1.1, "no_speech_prob": 0.01}
		if f.shape != "openai" {
			seg["words"] = segWords
		}
		if f.shape == "speaches" {
			seg["seek"] = 0.0
		}
		segs = append(segs, seg)
	}
	body := m{"task": "transcribe", "language": "english", "duration": duration, "text": text, "segments": segs}
	if f.shape != "whispercpp" {
		body["words"] = top
	}
	return body
}

// speech answers /v1/audio/speech with PCM: one 24 kHz sample per input byte.
func (f *fakeWhisper) speech(w http.ResponseWriter, r *http.Request) {
	if f.popFailure(w, r) {
		return
	}
	var req struct {
		Model, Input, Voice string
		ResponseFormat      string `json:"response_format"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		apiError(w, 400, "bad JSON: "+err.Error(), "invalid_request_error", "")
		return
	}
	if req.ResponseFormat != "pcm" || req.Input == "" || req.Voice == "" || (req.Model != "tts-1" && req.Model != "gpt-4o-mini-tts") {
		apiError(w, 400, fmt.Sprintf("bad speech request %+v", req), "invalid_request_error", "")
		return
	}
	w.Header().Set("Content-Type", "audio/pcm")
	out := make([]byte, 2*len(req.Input))
	for i := range req.Input {
		out[2*i+1] = req.Input[i] // sample value = byte << 8, checkable
	}
	w.Write(out)
}
