package transcribe

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
)

// maxAnswerBytes bounds how much of an answer is read into memory.
const maxAnswerBytes = 64 << 20

// capture records the raw HTTP answer of one request. go-openai's response
// structs drop fields we need (whisper.cpp's per-segment words) and its
// errors drop headers (Retry-After), so every answer is read here first.
type capture struct {
	sent   bool // the request reached the HTTP client
	status int
	header http.Header
	body   []byte
	// limit is the most of the answer read (0: maxAnswerBytes); over is
	// set, and body cut to limit, when the answer was longer.
	limit int64
	over  bool
}

type captureKey struct{}

// withCapture returns a context whose requests record their answer in c.
func withCapture(ctx context.Context, c *capture) context.Context {
	return context.WithValue(ctx, captureKey{}, c)
}

// capturingDoer is the go-openai HTTPDoer: it sends with the configured
// http.Client, reads the whole answer, records it in the request's capture
// and hands go-openai a replayable copy.
type capturingDoer struct {
	client *http.Client
}

// Do sends req and records its answer.
func (d capturingDoer) Do(req *http.Request) (*http.Response, error) {
	c, _ := req.Context().Value(captureKey{}).(*capture)
	if c != nil {
		c.sent = true
	}
	resp, err := d.client.Do(req)
	if err != nil {
		return nil, err
	}
	limit := int64(maxAnswerBytes)
	if c != nil && c.limit > 0 {
		limit = c.limit
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	resp.Body.Close()
	if err != nil {
		return nil, fmt.Errorf("reading the answer (HTTP %d): %w", resp.StatusCode, err)
	}
	over := int64(len(body)) > limit
	if over {
		body = body[:limit]
	}
	if c != nil {
		c.over = over
		c.status = resp.StatusCode
		c.header = resp.Header.Clone()
		c.body = body
		// call reads the answer from c: go-openai gets an empty body
		// rather than decoding the same answer a second time.
		resp.Body, resp.ContentLength = http.NoBody, 0
		return resp, nil
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	resp.ContentLength = int64(len(body))
	return resp, nil
}
