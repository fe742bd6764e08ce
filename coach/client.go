package coach

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"sync/atomic"
	"time"

	openai "github.com/sashabaranov/go-openai"
	"github.com/sashabaranov/go-openai/jsonschema"

	"github.com/rehearse-app/rehearse/transcribe"
)

// Client asks the interviewer model. It is safe for concurrent use.
type Client struct {
	cfg      Config
	oa       *openai.Client
	server   string
	prompts  *prompts
	warnings []string
	// noSchema is set once the server refused a JSON schema as
	// response_format; later requests ask for JSON in the prompt at once.
	noSchema atomic.Bool
	now      func() time.Time
	sleep    func(ctx context.Context, d time.Duration) error
}

// New returns a client for cfg. It fails with ErrNotConfigured (wrapped)
// when there is neither a key nor a base URL, on an unusable base URL, and
// on a prompt file that does not parse.
func New(cfg Config) (*Client, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, fmt.Errorf("interviewer model settings: %w", err)
	}
	p, err := loadPrompts(cfg.Prompts)
	if err != nil {
		return nil, err
	}
	oc := openai.DefaultConfig(cfg.APIKey)
	oc.BaseURL = cfg.BaseURL
	oc.HTTPClient = capturingDoer{client: cfg.HTTPClient}
	u, _ := url.Parse(cfg.BaseURL)
	return &Client{
		cfg:      cfg,
		oa:       openai.NewClientWithConfig(oc),
		server:   u.Host,
		prompts:  p,
		warnings: cfg.warnings(),
		now:      time.Now,
		sleep:    transcribe.SleepCtx,
	}, nil
}

// Warnings returns what the settings screen should show about this
// configuration: plain http to another computer, or no key for a remote
// server.
func (c *Client) Warnings() []string { return append([]string(nil), c.warnings...) }

// Model is the chat model asked.
func (c *Client) Model() string { return c.cfg.Model }

// Server is the host the requests go to, e.g. "api.openai.com".
func (c *Client) Server() string { return c.server }

// Meta says where an answer came from and what was sent for it.
type Meta struct {
	// Model and Server name the model asked and the host it runs on.
	Model  string `json:"model"`
	Server string `json:"server"`
	// SentBytes is the size of the request bodies sent (all attempts).
	SentBytes int64 `json:"sent_bytes"`
	// Notices are what the user should know about the request: a
	// transcript cut to fit, a format asked for in words, a count that
	// differs from the one asked for.
	Notices []string `json:"notices,omitempty"`
}

// request is one question to the model.
type request struct {
	op        string
	maxTokens int
	// schema, when set, asks for JSON of that shape as response_format,
	// falling back to asking in the prompt for a server that refuses it.
	schema     *jsonschema.Definition
	schemaName string
	// render builds the system and user messages; jsonInPrompt is set when
	// the schema must be written into the prompt.
	render func(jsonInPrompt bool) (system, user string, err error)
	// plainText marks answers that are prose, where a refusal shows as
	// prose too ("I'm sorry, I can't ...").
	plainText bool
}

// chat sends r and returns the model's text.
func (c *Client) chat(ctx context.Context, r request) (string, Meta, error) {
	meta := Meta{Model: c.cfg.Model, Server: c.server}
	useSchema := r.schema != nil && !c.noSchema.Load()
	if r.schema != nil && !useSchema {
		meta.Notices = append(meta.Notices, noSchemaNotice)
	}
	for {
		system, user, err := r.render(r.schema != nil && !useSchema)
		if err != nil {
			return "", meta, err
		}
		req := c.newRequest(system, user, r.maxTokens)
		if useSchema {
			req.ResponseFormat = &openai.ChatCompletionResponseFormat{
				Type:       openai.ChatCompletionResponseFormatTypeJSONSchema,
				JSONSchema: &openai.ChatCompletionResponseFormatJSONSchema{Name: r.schemaName, Schema: r.schema, Strict: true},
			}
		}
		text, sent, err := c.send(ctx, r.op, req)
		meta.SentBytes += sent
		if err != nil && useSchema && schemaRefused(err) {
			c.noSchema.Store(true)
			useSchema = false
			meta.Notices = append(meta.Notices, noSchemaNotice)
			continue
		}
		if err == nil && r.plainText && looksLikeRefusal(text) {
			err = c.answerError(r.op, ErrRefused, transcribe.Shorten(text, 160))
		}
		return text, meta, err
	}
}

const noSchemaNotice = "the server does not take a JSON schema, so the format was asked for in the prompt"

// schemaRefused reports whether a failure is the server rejecting the
// response_format (a 4xx about the request, or a 5xx that names it).
func schemaRefused(err error) bool {
	var e *transcribe.Error
	if !errors.As(err, &e) {
		return false
	}
	if errors.Is(err, transcribe.ErrBadRequest) {
		return true
	}
	d := strings.ToLower(e.Detail)
	return errors.Is(err, transcribe.ErrServer) && e.Status >= 500 &&
		(strings.Contains(d, "response_format") || strings.Contains(d, "json_schema") || strings.Contains(d, "schema"))
}

// newRequest builds a chat request of a system and a user message.
func (c *Client) newRequest(system, user string, maxTokens int) openai.ChatCompletionRequest {
	req := openai.ChatCompletionRequest{
		Model: c.cfg.Model,
		Messages: []openai.ChatCompletionMessage{
			{Role: openai.ChatMessageRoleSystem, Content: system},
			{Role: openai.ChatMessageRoleUser, Content: user},
		},
	}
	if c.cfg.isOpenAI() {
		req.MaxCompletionTokens = maxTokens
	} else {
		req.MaxTokens = maxTokens
	}
	return req
}

// send runs req, again after the wait a server asks for with 429 or 503
// (Retry-After), at most MaxRetries more times and never waiting more than
// MaxRetryWait at once. It returns the bytes sent over all attempts.
func (c *Client) send(ctx context.Context, op string, req openai.ChatCompletionRequest) (string, int64, error) {
	var sent int64
	for attempt := 0; ; attempt++ {
		text, n, err := c.once(ctx, op, req)
		sent += n
		var e *transcribe.Error
		if err == nil || !errors.As(err, &e) || !retryable(e) || attempt >= c.cfg.MaxRetries {
			return text, sent, err
		}
		wait := e.RetryAfter
		if wait <= 0 {
			wait = time.Second << attempt
		}
		if wait > c.cfg.MaxRetryWait {
			return "", sent, err // the error says how long the server asked to wait
		}
		if c.sleep(ctx, wait) != nil {
			return "", sent, &transcribe.Error{Kind: transcribe.ErrCanceled, Op: op}
		}
	}
}

// answer is what came back from one request.
type answer struct {
	content, refusal string
	finish           openai.FinishReason
	choices          int
	cut              bool // a stream that ended with no finish reason and no [DONE]
}

// once sends req one time, within the request timeout.
func (c *Client) once(ctx context.Context, op string, req openai.ChatCompletionRequest) (string, int64, error) {
	cp := &capture{}
	rctx, cancel := context.WithTimeout(withCapture(ctx, cp), c.cfg.RequestTimeout)
	defer cancel()
	var a answer
	var err error
	if c.cfg.Stream {
		a, err = c.streamed(rctx, req, cp)
	} else {
		a, err = c.whole(rctx, req)
	}
	if err != nil {
		return "", cp.sentBytes, c.failure(ctx, rctx, op, cp, err)
	}
	text, err := c.check(op, a, req.MaxTokens+req.MaxCompletionTokens)
	return text, cp.sentBytes, err
}

// whole asks for the answer in one JSON body.
func (c *Client) whole(ctx context.Context, req openai.ChatCompletionRequest) (answer, error) {
	resp, err := c.oa.CreateChatCompletion(ctx, req)
	if err != nil {
		return answer{}, err
	}
	return answerOf(resp), nil
}

// answerOf reads the first choice of a chat completion.
func answerOf(resp openai.ChatCompletionResponse) answer {
	if len(resp.Choices) == 0 {
		return answer{}
	}
	ch := resp.Choices[0]
	return answer{content: ch.Message.Content, refusal: ch.Message.Refusal, finish: ch.FinishReason, choices: len(resp.Choices)}
}

// streamed asks for the answer as server-sent events and joins the deltas.
// A server that ignores "stream": true and answers one JSON body is read as
// such.
func (c *Client) streamed(ctx context.Context, req openai.ChatCompletionRequest, cp *capture) (answer, error) {
	st, err := c.oa.CreateChatCompletionStream(ctx, req)
	if err != nil {
		return answer{}, err
	}
	defer st.Close()
	var a answer
	var text, refusal strings.Builder
	chunks := 0
	for {
		resp, err := st.Recv()
		if errors.Is(err, io.EOF) || (chunks == 0 && errors.Is(err, openai.ErrTooManyEmptyStreamMessages)) {
			break
		}
		if err != nil {
			return a, err
		}
		chunks++
		for _, ch := range resp.Choices {
			if ch.Index != 0 {
				continue
			}
			a.choices = 1
			text.WriteString(ch.Delta.Content)
			refusal.WriteString(ch.Delta.Refusal)
			if ch.FinishReason != "" && ch.FinishReason != openai.FinishReasonNull {
				a.finish = ch.FinishReason
			}
		}
	}
	if chunks == 0 {
		var whole openai.ChatCompletionResponse
		if body := bytes.TrimSpace(cp.tee.Bytes()); len(body) > 0 && json.Unmarshal(body, &whole) == nil && len(whole.Choices) > 0 {
			return answerOf(whole), nil
		}
		if len(bytes.TrimSpace(cp.tee.Bytes())) > 0 {
			return answer{}, errNotChat
		}
		return answer{}, nil
	}
	a.content, a.refusal = text.String(), refusal.String()
	a.cut = a.finish == "" && !bytes.Contains(cp.tee.Bytes(), []byte("[DONE]"))
	return a, nil
}

// check turns an answer that arrived into the model's text, or into the
// error it amounts to: no message, a refusal, an answer cut off.
func (c *Client) check(op string, a answer, maxTokens int) (string, error) {
	switch {
	case a.choices == 0:
		return "", c.answerError(op, ErrMalformed, "it holds no message")
	case a.refusal != "":
		return "", c.answerError(op, ErrRefused, transcribe.Shorten(a.refusal, 200))
	case a.finish == openai.FinishReasonContentFilter:
		return "", c.answerError(op, ErrRefused, "the server's content filter stopped it")
	case a.finish == openai.FinishReasonLength:
		return "", c.answerError(op, ErrTruncated, fmt.Sprintf("it reached the length limit (%d tokens)", maxTokens))
	case a.cut:
		return "", c.answerError(op, ErrTruncated, "the stream ended before the answer was complete")
	}
	text := strings.TrimSpace(stripThinking(a.content))
	if text == "" {
		return "", c.answerError(op, ErrMalformed, "it is empty")
	}
	return text, nil
}

// stripThinking removes the <think>…</think> block reasoning models served
// by local servers put before their answer.
func stripThinking(s string) string {
	t := strings.TrimSpace(s)
	if !strings.HasPrefix(t, "<think>") {
		return s
	}
	if i := strings.Index(t, "</think>"); i >= 0 {
		return t[i+len("</think>"):]
	}
	return "" // still thinking when it stopped
}

// looksLikeRefusal reports whether a prose answer is a model declining.
func looksLikeRefusal(s string) bool {
	t := strings.ToLower(strings.TrimSpace(s))
	t = strings.ReplaceAll(t, "’", "'")
	for _, p := range []string{"i'm sorry", "i am sorry", "sorry, i can", "sorry, but i can", "i can't help", "i cannot help",
		"i can't assist", "i cannot assist", "i can't do that", "i cannot do that", "i'm unable", "i am unable", "as an ai"} {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	return false
}
