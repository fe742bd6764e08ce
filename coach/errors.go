package coach

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	openai "github.com/sashabaranov/go-openai"

	"github.com/rehearse-app/rehearse/transcribe"
)

// Kinds of failure particular to a chat model. The others are transcribe's
// (ErrUnauthorized, ErrQuota, ErrRateLimited, ErrServer, ErrNetwork,
// ErrTimeout, ErrCanceled, ErrBadRequest): every error of this package is a
// *transcribe.Error whose Kind is one of them, so errors.Is tells them apart.
var (
	// ErrNoModel means there is no chat service at the base URL, or it does
	// not know the model (HTTP 404).
	ErrNoModel = errors.New("no chat model of that name at that address")
	// ErrContextTooLong means the request is longer than the model can read.
	ErrContextTooLong = errors.New("the request is too long for the model")
	// ErrRefused means the model declined to answer.
	ErrRefused = errors.New("the model declined to answer")
	// ErrTruncated means the answer stopped before it was complete (the
	// model hit its length limit or the connection ended mid-answer).
	ErrTruncated = errors.New("the model's answer was cut off")
	// ErrMalformed means the answer could not be read: not the JSON asked
	// for, an empty answer, or one of the wrong shape.
	ErrMalformed = errors.New("the model's answer could not be read")
	// ErrBadQuestions means the drafted questions failed the question bank's
	// checks; the bank loader's own error is wrapped beside it.
	ErrBadQuestions = errors.New("the drafted questions did not pass the question bank's checks")
)

// errNotChat means a 2xx answer was neither a stream of chunks nor a chat
// completion.
var errNotChat = errors.New("not a chat completion")

// errAnswerTooLarge is the read error past maxAnswerBytes.
var errAnswerTooLarge = errors.New("the answer is larger than " + fmt.Sprint(maxAnswerBytes>>20) + " MiB")

// failure builds the error of one failed request. parent is the caller's
// context, rctx the attempt's.
func (c *Client) failure(parent, rctx context.Context, op string, cp *capture, err error) *transcribe.Error {
	e := &transcribe.Error{Op: op, Server: c.server}
	var apiErr *openai.APIError
	var reqErr *openai.RequestError
	switch {
	case errors.As(err, &apiErr):
		e.Status = cmpStatus(apiErr.HTTPStatusCode, cp.status)
		code, _ := apiErr.Code.(string)
		e.Kind = kindFor(e.Status, code, apiErr.Type, apiErr.Message)
		e.Detail = c.redact(transcribe.Shorten(apiErr.Message, 200))
	case errors.As(err, &reqErr):
		e.Status = cmpStatus(reqErr.HTTPStatusCode, cp.status)
		msg := transcribe.ServerMessage(reqErr.Body)
		e.Kind = kindFor(e.Status, "", "", msg)
		e.Detail = c.redact(msg)
	case errors.Is(err, errAnswerTooLarge):
		e.Kind, e.Status, e.Detail = ErrMalformed, cp.status, errAnswerTooLarge.Error()
	case errors.Is(err, errNotChat) || (cp.status >= 200 && cp.status < 300 && isDecodeError(err)):
		e.Kind = ErrMalformed
		e.Detail = "it is not the JSON of a chat completion: " + c.redact(transcribe.Shorten(string(cp.tee.Bytes()), 80))
	case !cp.sent && parent.Err() == nil:
		e.Kind, e.Server, e.Detail = transcribe.ErrBadRequest, "", c.redact(transcribe.Shorten(err.Error(), 200))
	default:
		e.Kind = transcribe.TransportErrorKind(parent, rctx, err)
		switch e.Kind {
		case transcribe.ErrTimeout:
			if parent.Err() == nil {
				e.Detail = fmt.Sprintf("no answer within %s", c.cfg.RequestTimeout)
			}
		case transcribe.ErrCanceled:
			e.Server = ""
		default:
			e.Detail = transcribe.DescribeTransportError(err)
			if e.Detail == "" {
				e.Detail = c.redact(transcribe.Shorten(err.Error(), 200))
			}
		}
	}
	switch e.Kind {
	case ErrNoModel:
		e.Detail = joinDetail(e.Detail, "check the base URL and the model name")
	case ErrContextTooLong:
		e.Detail = joinDetail(e.Detail, "try a shorter answer or a model with a longer context")
	}
	if e.Status >= 200 && e.Status < 300 {
		e.Status = 0 // an answer came, and said it failed: "HTTP 200" would only confuse
	}
	if cp.header != nil {
		e.RetryAfter = transcribe.ParseRetryAfter(cp.header, c.now())
	}
	return e
}

// joinDetail appends advice to a detail.
func joinDetail(detail, advice string) string {
	if detail == "" {
		return advice
	}
	return detail + "; " + advice
}

// cmpStatus is the status go-openai saw, or the one the capture saw.
func cmpStatus(a, b int) int {
	if a != 0 {
		return a
	}
	return b
}

// isDecodeError reports whether err comes from decoding a JSON answer.
func isDecodeError(err error) bool {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	return errors.As(err, &se) || errors.As(err, &te) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF)
}

// kindFor maps an error answer to a kind. code and typ are the error's code
// and type when the server gave them; msg its message. A request too long
// for the model is recognised by OpenAI's code and by the words local
// servers use (llama.cpp: "exceeds the available context size").
func kindFor(status int, code, typ, msg string) error {
	if isContextTooLong(code, typ, msg) && (status == 0 || status == 400 || status == 413 || status == 422 || status >= 500) {
		return ErrContextTooLong
	}
	switch {
	case status == http.StatusUnauthorized || status == http.StatusForbidden:
		return transcribe.ErrUnauthorized
	case status == http.StatusNotFound:
		return ErrNoModel
	case status == http.StatusRequestEntityTooLarge:
		return ErrContextTooLong
	case status == http.StatusTooManyRequests:
		if code == "insufficient_quota" || typ == "insufficient_quota" {
			return transcribe.ErrQuota
		}
		return transcribe.ErrRateLimited
	case status == http.StatusRequestTimeout || status == http.StatusGatewayTimeout:
		return transcribe.ErrTimeout
	case status >= 500 || status < 400: // < 400: an error inside an answer (a stream)
		return transcribe.ErrServer
	default:
		return transcribe.ErrBadRequest
	}
}

// isContextTooLong recognises "the prompt does not fit" errors.
func isContextTooLong(code, typ, msg string) bool {
	if code == "context_length_exceeded" || typ == "exceed_context_size_error" {
		return true
	}
	m := strings.ToLower(msg)
	for _, s := range []string{"context length", "context_length", "context size", "context window", "maximum context", "too many tokens", "prompt is too long"} {
		if strings.Contains(m, s) {
			return true
		}
	}
	return false
}

// retryable reports whether the server asked for the request again later.
func retryable(e *transcribe.Error) bool {
	return errors.Is(e, transcribe.ErrRateLimited) || (errors.Is(e, transcribe.ErrServer) && e.Status == http.StatusServiceUnavailable)
}

// answerError is a failure found in an answer that arrived (HTTP 2xx).
func (c *Client) answerError(op string, kind error, detail string) *transcribe.Error {
	return &transcribe.Error{Kind: kind, Op: op, Server: c.server, Detail: c.redact(detail)}
}

// redact removes the API key (and anything shaped like one) from s.
func (c *Client) redact(s string) string { return transcribe.Redact(s, c.cfg.APIKey) }
