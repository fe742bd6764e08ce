package coach

import (
	"bytes"
	"context"
	"io"
	"net/http"
)

// maxAnswerBytes bounds how much of one answer is read: a chat answer is a
// few kilobytes, a streamed one some hundreds.
const maxAnswerBytes = 4 << 20

// capture records what one request sent and what came back: go-openai's
// errors drop the headers (Retry-After), and a server that ignores
// "stream": true answers with a plain body the stream reader cannot read.
type capture struct {
	sent      bool  // the request reached the HTTP client
	sentBytes int64 // the request body's length
	status    int
	header    http.Header
	tee       bytes.Buffer // the answer as read, up to maxAnswerBytes
}

type captureKey struct{}

// withCapture returns a context whose requests record themselves in c.
func withCapture(ctx context.Context, c *capture) context.Context {
	return context.WithValue(ctx, captureKey{}, c)
}

// capturingDoer is go-openai's HTTPDoer: it sends with the configured
// http.Client and records the exchange in the request's capture, reading
// no more than maxAnswerBytes of the answer.
type capturingDoer struct {
	client *http.Client
}

// Do sends req and records it.
func (d capturingDoer) Do(req *http.Request) (*http.Response, error) {
	c, _ := req.Context().Value(captureKey{}).(*capture)
	if c == nil {
		c = &capture{}
	}
	c.sent = true
	c.sentBytes = max(req.ContentLength, 0)
	resp, err := d.client.Do(req)
	if err != nil {
		return nil, err
	}
	c.status = resp.StatusCode
	c.header = resp.Header.Clone()
	resp.Body = &limitedBody{rc: resp.Body, left: maxAnswerBytes, tee: &c.tee}
	return resp, nil
}

// limitedBody reads an answer into tee and fails past its limit.
type limitedBody struct {
	rc   io.ReadCloser
	left int64
	tee  *bytes.Buffer
}

// Read reads from the answer, copying what it reads; one byte past the
// limit fails with errAnswerTooLarge.
func (b *limitedBody) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	if int64(len(p)) > b.left+1 {
		p = p[:b.left+1]
	}
	n, err := b.rc.Read(p)
	if int64(n) > b.left {
		n = int(b.left)
		b.tee.Write(p[:n])
		b.left = 0
		return n, errAnswerTooLarge
	}
	b.left -= int64(n)
	b.tee.Write(p[:n])
	return n, err
}

// Close closes the answer.
func (b *limitedBody) Close() error { return b.rc.Close() }
