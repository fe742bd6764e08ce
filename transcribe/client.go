package transcribe

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"os"
	"path/filepath"
	"strings"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"github.com/rehearse-app/rehearse/review"
)

// Client transcribes recordings through the OpenAI audio API or an
// OpenAI-compatible server. It is safe for concurrent use.
type Client struct {
	cfg      Config
	oa       *openai.Client
	split    Splitter
	server   string
	warnings []string
	now      func() time.Time
}

// New returns a client for cfg. split cuts takes larger than
// cfg.MaxUploadBytes into chunks; it may be nil, and then such takes fail
// with ErrTooLarge. New fails only on an unusable base URL.
func New(cfg Config, split Splitter) (*Client, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, fmt.Errorf("transcription settings: %w", err)
	}
	oc := openai.DefaultConfig(cfg.APIKey)
	oc.BaseURL = cfg.BaseURL
	oc.HTTPClient = capturingDoer{client: cfg.HTTPClient}
	u, _ := parseBaseURL(cfg.BaseURL)
	c := &Client{
		cfg:    cfg,
		oa:     openai.NewClientWithConfig(oc),
		split:  split,
		server: u.Host,
		now:    time.Now,
	}
	if w, _ := CheckBaseURL(cfg.BaseURL); w != "" {
		c.warnings = append(c.warnings, w)
	}
	if cfg.APIKey == "" && !isLoopback(u.Hostname()) {
		c.warnings = append(c.warnings, fmt.Sprintf("no API key is set for %s; requests will probably be refused", u.Host))
	}
	return c, nil
}

// Warnings returns what the settings screen should show about this
// configuration, e.g. that plain http to another host exposes recordings.
func (c *Client) Warnings() []string { return append([]string(nil), c.warnings...) }

// TranscribeFile transcribes the recording at path. A file larger than
// MaxUploadBytes is split with the Splitter, each chunk transcribed, and the
// parts merged so words and segments read as one. The recording itself is
// only read. Errors are *Error values in plain words.
func (c *Client) TranscribeFile(ctx context.Context, path string, hints Hints) (*review.Transcript, error) {
	op := "transcribing " + filepath.Base(path)
	f, fi, err := c.openAudio(path, op)
	if err != nil {
		return nil, err
	}
	size := fi.Size()
	if fi.IsDir() || size <= 44 {
		f.Close()
		return nil, &Error{Kind: ErrFile, Op: op, Detail: "the file holds no audio"}
	}
	prompt := BuildPrompt(c.cfg.Prompt, hints.Vocabulary)
	var t *review.Transcript
	if size <= c.cfg.MaxUploadBytes {
		t, err = c.transcribeOne(ctx, f, op, prompt)
	} else {
		f.Close() // the splitter reads the recording itself
		t, err = c.transcribeChunks(ctx, path, op, prompt, size)
	}
	if err != nil {
		return nil, err
	}
	t.Source = &review.Source{Model: c.cfg.Model, Server: c.server, Time: c.now().UTC()}
	return t, nil
}

// openAudio opens a recording once: its handle is both stat'ed and uploaded.
func (c *Client) openAudio(path, op string) (*os.File, os.FileInfo, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, c.fileError(op, err)
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, c.fileError(op, err)
	}
	return f, fi, nil
}

// fileError is a local file failure, redacted.
func (c *Client) fileError(op string, err error) *Error {
	return &Error{Kind: ErrFile, Op: op, Detail: c.redact(err.Error())}
}

// transcribeChunks splits path into chunks under the limit and merges their
// transcripts.
func (c *Client) transcribeChunks(ctx context.Context, path, op, prompt string, size int64) (*review.Transcript, error) {
	if c.split == nil {
		return nil, &Error{Kind: ErrTooLarge, Op: op, Detail: fmt.Sprintf("%s is %.1f MB, over the %.1f MB limit, and no splitter is set", filepath.Base(path), float64(size)/1e6, float64(c.cfg.MaxUploadBytes)/1e6)}
	}
	dir, err := os.MkdirTemp("", "rehearse-chunks-")
	if err != nil {
		return nil, &Error{Kind: ErrFile, Op: op, Detail: "making a folder for the chunks: " + err.Error()}
	}
	defer os.RemoveAll(dir)
	chunks, err := c.split.SplitWAV(path, dir, c.cfg.MaxUploadBytes)
	if err != nil {
		return nil, &Error{Kind: ErrFile, Op: op, Detail: "splitting the take: " + c.redact(err.Error())}
	}
	if len(chunks) == 0 {
		return nil, &Error{Kind: ErrFile, Op: op, Detail: "splitting the take gave no chunks"}
	}
	parts := make([]*review.Transcript, len(chunks))
	for i, ch := range chunks {
		cop := fmt.Sprintf("%s (part %d of %d, from %s)", op, i+1, len(chunks), ch.Offset.Round(time.Second))
		f, fi, err := c.openAudio(ch.Path, cop)
		if err != nil {
			return nil, err
		}
		if fi.Size() > c.cfg.MaxUploadBytes {
			f.Close()
			return nil, &Error{Kind: ErrTooLarge, Op: cop, Detail: fmt.Sprintf("the splitter made a chunk of %d bytes, over the %d byte limit", fi.Size(), c.cfg.MaxUploadBytes)}
		}
		if parts[i], err = c.transcribeOne(ctx, f, cop, prompt); err != nil {
			return nil, err
		}
	}
	t := mergeChunks(parts, chunks)
	if err := checkAnswer(t); err != nil {
		return nil, &Error{Kind: ErrMalformed, Op: op, Server: c.server, Detail: "the parts together: " + err.Error()}
	}
	return t, nil
}

// audioFile gives go-openai's form builder the part's content type.
type audioFile struct {
	io.Reader
	contentType string
}

// ContentType is read by go-openai when it writes the file part.
func (a audioFile) ContentType() string { return a.contentType }

// contentTypeFor returns the MIME type of an audio file name.
func contentTypeFor(name string) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".wav", ".wave":
		return "audio/wav"
	case ".mp3":
		return "audio/mpeg"
	case ".flac":
		return "audio/flac"
	case ".ogg", ".oga":
		return "audio/ogg"
	case ".m4a":
		return "audio/mp4"
	case ".webm":
		return "audio/webm"
	}
	if t := mime.TypeByExtension(filepath.Ext(name)); t != "" {
		return t
	}
	return "application/octet-stream"
}

// transcribeOne uploads one open file in one request, closes it and parses
// the answer.
func (c *Client) transcribeOne(ctx context.Context, f *os.File, op, prompt string) (*review.Transcript, error) {
	defer f.Close()
	req := openai.AudioRequest{
		Model:    c.cfg.Model,
		FilePath: filepath.Base(f.Name()), // only the name goes up, not the folder
		Reader:   audioFile{Reader: f, contentType: contentTypeFor(f.Name())},
		Prompt:   prompt,
		Language: c.cfg.Language,
		Format:   openai.AudioResponseFormatJSON,
	}
	if givesTimings(c.cfg.Model) {
		req.Format = openai.AudioResponseFormatVerboseJSON
		req.TimestampGranularities = []openai.TranscriptionTimestampGranularity{
			openai.TranscriptionTimestampGranularityWord,
			openai.TranscriptionTimestampGranularitySegment,
		}
	}
	cp, err := c.callLimited(ctx, op, review.MaxTranscriptFileBytes, func(ctx context.Context) error {
		_, err := c.oa.CreateTranscription(ctx, req)
		return err
	})
	if err != nil {
		return nil, err
	}
	if cp.over {
		tl := &review.TooLargeError{What: "the answer", Size: -1, Limit: review.MaxTranscriptFileBytes, Unit: "bytes", Name: "MaxTranscriptFileBytes"}
		return nil, &Error{Kind: ErrMalformed, Op: op, Server: c.server, Status: cp.status, Detail: tl.Error()}
	}
	t, err := parseTranscript(cp.body)
	if err != nil {
		return nil, &Error{Kind: ErrMalformed, Op: op, Server: c.server, Detail: c.redact(err.Error())}
	}
	if err := checkAnswer(t); err != nil {
		return nil, &Error{Kind: ErrMalformed, Op: op, Server: c.server, Status: cp.status, Detail: err.Error()}
	}
	return t, nil
}

// checkAnswer holds a server's transcript to review's limits (size, words,
// text rather than binary). An empty transcript is a valid answer: the take
// was silent, and the review says there is nothing to review.
func checkAnswer(t *review.Transcript) error {
	if err := review.CheckTranscript(t); err != nil && !errors.Is(err, review.ErrEmptyTranscript) {
		return err
	}
	return nil
}

// call runs a request reading at most maxAnswerBytes of its answer; see
// callLimited.
func (c *Client) call(ctx context.Context, op string, do func(context.Context) error) (*capture, error) {
	return c.callLimited(ctx, op, maxAnswerBytes, do)
}

// callLimited runs one go-openai request with the request timeout and
// turns what happened into an *Error. On success it returns the captured
// answer, which callers parse themselves; at most limit bytes of it are
// read, and capture.over says there was more.
func (c *Client) callLimited(ctx context.Context, op string, limit int64, do func(context.Context) error) (*capture, error) {
	cp := &capture{limit: limit}
	rctx, cancel := context.WithTimeout(withCapture(ctx, cp), c.cfg.RequestTimeout)
	defer cancel()
	err := do(rctx)
	switch {
	case cp.status >= 400 || (cp.status > 0 && cp.status < 200):
		return nil, &Error{
			Kind:       kindForStatus(cp.status, cp.body),
			Op:         op,
			Server:     c.server,
			Status:     cp.status,
			RetryAfter: parseRetryAfter(cp.header, c.now()),
			Detail:     c.redact(serverMessage(cp.body)),
		}
	case cp.status >= 200 && cp.status < 300:
		return cp, nil // go-openai's own decoding is ignored: we parse the raw body
	case err == nil:
		return nil, &Error{Kind: ErrMalformed, Op: op, Server: c.server, Detail: "no answer was recorded"}
	case !cp.sent:
		if ctx.Err() != nil {
			return nil, &Error{Kind: ErrCanceled, Op: op}
		}
		return nil, &Error{Kind: ErrFile, Op: op, Detail: c.redact(shorten(err.Error(), 200))}
	}
	kind := kindForTransportError(ctx, rctx, err)
	e := &Error{Kind: kind, Op: op, Server: c.server}
	switch kind {
	case ErrTimeout:
		if ctx.Err() == nil {
			e.Detail = fmt.Sprintf("no answer within %s", c.cfg.RequestTimeout)
		}
	case ErrCanceled:
		e.Server = ""
	default:
		e.Detail = describeTransportError(err)
		if e.Detail == "" {
			var ue interface{ Unwrap() error }
			msg := err.Error()
			if errors.As(err, &ue) && ue.Unwrap() != nil {
				msg = ue.Unwrap().Error()
			}
			e.Detail = c.redact(shorten(msg, 200))
		}
	}
	return nil, e
}

// redact removes the API key from s.
func (c *Client) redact(s string) string { return Redact(s, c.cfg.APIKey) }
