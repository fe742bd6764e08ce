package transcribe

import (
	"context"
	"strings"

	openai "github.com/sashabaranov/go-openai"
)

// SpeechSampleRate is the sample rate of the PCM that Speech returns.
const SpeechSampleRate = 24000

// maxSpeechChars is the longest input the speech endpoint accepts.
const maxSpeechChars = 4096

// Speech reads text aloud with the configured speech model (tts-1 by
// default) and voice ("" means DefaultVoice) and returns raw 24 kHz mono
// signed 16-bit little-endian PCM (OpenAI's response_format=pcm).
func (c *Client) Speech(ctx context.Context, text, voice string) ([]byte, error) {
	const op = "reading the question aloud"
	text = strings.TrimSpace(text)
	if text == "" {
		return nil, &Error{Kind: ErrBadRequest, Op: op, Detail: "there is no text to read"}
	}
	if len(text) > maxSpeechChars {
		return nil, &Error{Kind: ErrBadRequest, Op: op, Detail: "the text is longer than 4096 characters"}
	}
	if voice == "" {
		voice = DefaultVoice
	}
	cp, err := c.call(ctx, op, func(ctx context.Context) error {
		r, err := c.oa.CreateSpeech(ctx, openai.CreateSpeechRequest{
			Model:          openai.SpeechModel(c.cfg.SpeechModel),
			Input:          text,
			Voice:          openai.SpeechVoice(voice),
			ResponseFormat: openai.SpeechResponseFormatPcm,
		})
		if err == nil {
			r.Close()
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	ct := strings.ToLower(cp.header.Get("Content-Type"))
	if len(cp.body) < 2 || strings.Contains(ct, "json") || strings.HasPrefix(ct, "text/") {
		return nil, &Error{Kind: ErrMalformed, Op: op, Server: c.server, Detail: "the answer holds no audio (" + shorten(c.redact(string(cp.body)), 80) + ")"}
	}
	pcm := cp.body
	if len(pcm)%2 == 1 {
		pcm = pcm[:len(pcm)-1]
	}
	return pcm, nil
}
