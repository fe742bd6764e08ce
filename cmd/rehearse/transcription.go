package main

import (
	"context"
	"errors"
	"sync"

	"fyne.io/fyne/v2"

	"github.com/rehearse-app/rehearse/review"
	"github.com/rehearse-app/rehearse/transcribe"
	"github.com/rehearse-app/rehearse/ui"
)

// errNotConfigured is the failure a queued take gets when there is neither
// an API key nor a local server.
var errNotConfigured = errors.New("no API key or transcription server is set: add one in Settings → Transcription, then Retry")

// liveTranscriber is the queue's transcriber. It builds a client from the
// current settings (API key, base URL, model, language) on each take, so a
// key added in Settings is used at once, without a restart.
type liveTranscriber struct {
	prefs fyne.Preferences
	keys  transcribe.KeyStore

	mu     sync.Mutex
	client *transcribe.Client
	config transcribe.Config
}

// current returns a client for the current settings, reusing the last one
// when nothing changed.
func (l *liveTranscriber) current() (*transcribe.Client, error) {
	key, _, _ := l.keys.LoadAPIKey()
	cfg := transcribe.Config{
		APIKey:   key,
		BaseURL:  l.prefs.String(ui.PrefBaseURL),
		Model:    l.prefs.String(ui.PrefModel),
		Language: l.prefs.String(ui.PrefLanguage),
	}
	if cfg.APIKey == "" && cfg.BaseURL == "" {
		return nil, errNotConfigured
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.client != nil && l.config == cfg {
		return l.client, nil
	}
	c, err := transcribe.New(cfg, splitter)
	if err != nil {
		return nil, err
	}
	l.client, l.config = c, cfg
	return c, nil
}

// TranscribeFile transcribes with a client for the current settings.
func (l *liveTranscriber) TranscribeFile(ctx context.Context, path string, hints transcribe.Hints) (*review.Transcript, error) {
	c, err := l.current()
	if err != nil {
		return nil, err
	}
	return c.TranscribeFile(ctx, path, hints)
}

// Configured reports whether a key or server is set.
func (l *liveTranscriber) Configured() bool {
	_, err := l.current()
	return err == nil
}

// Speech renders text with OpenAI's speech endpoint (raw 24 kHz PCM).
func (l *liveTranscriber) Speech(ctx context.Context, text, voice string) ([]byte, error) {
	c, err := l.current()
	if err != nil {
		return nil, err
	}
	return c.Speech(ctx, text, voice)
}

// reviewingSink stores finished transcripts and, right after, the take's
// review summary, so the library lists scores without opening the take.
type reviewingSink struct {
	store interface {
		SaveTranscript(sessID, takeID string, t *review.Transcript) error
	}
	summarize func(sessID, takeID string)
}

// SaveTranscript stores t, then updates the take's summary.
func (s reviewingSink) SaveTranscript(sessID, takeID string, t *review.Transcript) error {
	if err := s.store.SaveTranscript(sessID, takeID, t); err != nil {
		return err
	}
	if s.summarize != nil {
		s.summarize(sessID, takeID)
	}
	return nil
}
