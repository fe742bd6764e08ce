package app

import (
	"context"
	"errors"
	"sync"

	"github.com/rehearse-app/rehearse/audio"
	"github.com/rehearse-app/rehearse/review"
	"github.com/rehearse-app/rehearse/transcribe"
)

// ErrNotConfigured is the failure a take gets when there is neither an API
// key nor a local transcription server.
var ErrNotConfigured = errors.New("no API key or transcription server is set: add one in Settings → Transcription, or type the transcript")

// NewClient returns a transcription client for cfg that splits long
// recordings into chunks the API accepts.
func NewClient(cfg transcribe.Config) (*transcribe.Client, error) {
	return transcribe.New(cfg, transcribe.SplitterFunc(splitWAV))
}

// splitWAV adapts audio.SplitWAV to the transcriber's Splitter.
func splitWAV(path, outDir string, maxBytes int64) ([]transcribe.Chunk, error) {
	chunks, err := audio.SplitWAV(path, outDir, maxBytes)
	if err != nil {
		return nil, err
	}
	out := make([]transcribe.Chunk, len(chunks))
	for i, c := range chunks {
		out[i] = transcribe.Chunk{Path: c.Path, Offset: c.Offset, Duration: c.Duration}
	}
	return out, nil
}

// liveTranscriber is the queue's transcriber. It builds a client from the
// current settings (API key, base URL, model, language) on each take, so a
// key added in Settings is used at once, without a restart.
type liveTranscriber struct {
	prefs Preferences
	keys  KeyStore

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
		BaseURL:  l.prefs.String(PrefBaseURL),
		Model:    l.prefs.String(PrefModel),
		Language: l.prefs.String(PrefLanguage),
	}
	if cfg.APIKey == "" && cfg.BaseURL == "" {
		return nil, ErrNotConfigured
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.client != nil && l.config == cfg {
		return l.client, nil
	}
	c, err := NewClient(cfg)
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

// Transcription is the background transcription queue as the screens see
// it: asking for a transcription with no key or server set fails at once
// with ErrNotConfigured, whose message says where to set one, instead of
// queueing a take that must fail.
type Transcription struct {
	queue *transcribe.Queue
	live  *liveTranscriber
}

// Configured reports whether an API key or a transcription server is set,
// so that asking for a transcription can work.
func (q *Transcription) Configured() bool { return q.live.Configured() }

// Enqueue queues j when a key or server is set.
func (q *Transcription) Enqueue(j transcribe.Job) error {
	if !q.live.Configured() {
		return ErrNotConfigured
	}
	return q.queue.Enqueue(j)
}

// Retry requeues a take when a key or server is set.
func (q *Transcription) Retry(takeID string) error {
	if !q.live.Configured() {
		return ErrNotConfigured
	}
	return q.queue.Retry(takeID)
}

// Cancel takes a take out of the queue; its recording and any transcript
// are kept.
func (q *Transcription) Cancel(takeID string) error { return q.queue.Cancel(takeID) }

// Status says where a take stands in the queue.
func (q *Transcription) Status(takeID string) transcribe.JobStatus { return q.queue.Status(takeID) }
