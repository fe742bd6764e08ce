package main

import (
	"context"
	"errors"
	"strings"
	"sync"

	"github.com/rehearse-app/rehearse/review"
	"github.com/rehearse-app/rehearse/transcribe"
	"github.com/rehearse-app/rehearse/ui"
)

// stringPrefs is the part of fyne.Preferences the transcriber reads.
type stringPrefs interface{ String(key string) string }

// keyStore is where the API key is kept; transcribe.KeyStore is one.
type keyStore interface {
	LoadAPIKey() (key, from string, err error)
	SaveAPIKey(key string) error
	DeleteAPIKey() error
}

// cachedKeys reads the API key from the keychain once and remembers it, so
// no screen waits on the keychain (which can take seconds to answer) more
// than once; saving or removing the key in Settings updates the cache.
type cachedKeys struct {
	store keyStore

	once      sync.Once
	mu        sync.Mutex
	key, from string
	err       error
}

// LoadAPIKey returns the key, reading the keychain on the first call only.
func (c *cachedKeys) LoadAPIKey() (string, string, error) {
	c.once.Do(func() {
		key, from, err := c.store.LoadAPIKey()
		c.mu.Lock()
		c.key, c.from, c.err = key, from, err
		c.mu.Unlock()
	})
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.key, c.from, c.err
}

// SaveAPIKey stores key in the keychain and, when that worked, in the cache.
func (c *cachedKeys) SaveAPIKey(key string) error {
	if err := c.store.SaveAPIKey(key); err != nil {
		return err
	}
	c.LoadAPIKey() // settle the first read before overwriting it
	c.mu.Lock()
	c.key, c.from, c.err = strings.TrimSpace(key), transcribe.KeyFromKeychain, nil
	c.mu.Unlock()
	return nil
}

// DeleteAPIKey removes the key from the keychain and reads again where the
// key now comes from (the environment may still hold one).
func (c *cachedKeys) DeleteAPIKey() error {
	err := c.store.DeleteAPIKey()
	c.LoadAPIKey()
	key, from, lerr := c.store.LoadAPIKey()
	c.mu.Lock()
	c.key, c.from, c.err = key, from, lerr
	c.mu.Unlock()
	return err
}

// errNotConfigured is the failure a queued take gets when there is neither
// an API key nor a local server.
var errNotConfigured = errors.New("no API key or transcription server is set: add one in Settings → Transcription, or type the transcript")

// liveTranscriber is the queue's transcriber. It builds a client from the
// current settings (API key, base URL, model, language) on each take, so a
// key added in Settings is used at once, without a restart.
type liveTranscriber struct {
	prefs stringPrefs
	keys  *cachedKeys

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

// configuredQueue is the queue as the screens see it: asking for a
// transcription with no key or server set fails at once with a message
// saying where to set one, instead of queueing a take that must fail.
type configuredQueue struct {
	*transcribe.Queue
	live *liveTranscriber
}

// Enqueue queues j when a key or server is set.
func (q configuredQueue) Enqueue(j transcribe.Job) error {
	if !q.live.Configured() {
		return errNotConfigured
	}
	return q.Queue.Enqueue(j)
}

// Retry requeues a take when a key or server is set.
func (q configuredQueue) Retry(takeID string) error {
	if !q.live.Configured() {
		return errNotConfigured
	}
	return q.Queue.Retry(takeID)
}
