package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/rehearse-app/rehearse/audio"
	"github.com/rehearse-app/rehearse/review"
	"github.com/rehearse-app/rehearse/session"
	"github.com/rehearse-app/rehearse/transcribe"
)

// Options are the parts handed to New.
type Options struct {
	// Root is the data folder: the library, the user's question and rule
	// files, the transcription queue and caches.
	Root string
	// Prefs holds the settings (fyne.Preferences in the desktop app).
	Prefs Preferences
	// Keys is where the API key is kept (transcribe.Keychain{} in the
	// app). New reads it once, off the caller's goroutine, and caches it.
	Keys KeyStore
	// OpenAudio opens the audio system (audio.Init in the app); nil, or
	// an error from it, leaves recording and playback out.
	OpenAudio func() (*audio.System, error)
	// Warn receives problems that do not stop the app (a broken user
	// question file, no audio); nil drops them.
	Warn func(error)
}

// App is what the screens need, built from the data folder: the question
// bank, the reviewer and the one review path, the library, transcription,
// voices and audio. Close it when the window has closed.
type App struct {
	// Bank is the question bank as loaded by New; ReloadBank loads it again.
	Bank     *review.Bank
	Reviewer *review.Reviewer
	Store    *session.Store
	// Reviews is the one review path: every take is reviewed through it.
	Reviews *Reviews
	// Envelopes caches recordings' envelopes for the waveform and Reviews.
	Envelopes *EnvelopeCache
	// Keys is Options.Keys behind a cache: the keychain is read once.
	Keys KeyStore
	// Transcription is the background queue; never nil.
	Transcription *Transcription
	// TranscriptionUpdates delivers the queue's status changes.
	TranscriptionUpdates <-chan transcribe.JobStatus
	// Audio records and plays; nil when it could not start, with AudioErr
	// saying why. The rest of the app works without it.
	Audio    *audio.System
	AudioErr error
	// Voices builds the speaker that reads questions aloud; nil without audio.
	Voices *Voices
	// Coach is the optional interviewer model; never nil (it may be off).
	Coach *Coach

	root   string
	prefs  Preferences
	warn   func(error)
	live   *liveTranscriber
	queue  *transcribe.Queue
	cancel context.CancelFunc
}

// New opens the library under opts.Root and builds the parts the screens
// use. Parts that can't start (no audio) are left out with the reason; the
// app still opens.
func New(opts Options) (*App, error) {
	a := &App{root: opts.Root, prefs: opts.Prefs, warn: opts.Warn}
	if a.warn == nil {
		a.warn = func(error) {}
	}
	for _, dir := range []string{a.root, UserQuestionsDir(a.root), UserRulesDir(a.root)} {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("creating the data folder: %w", err)
		}
	}
	store, err := OpenLibrary(a.root)
	if err != nil {
		return nil, err
	}
	a.Store = store
	bank, problems := LoadBank(a.root)
	a.warnAll(problems)
	a.Bank = bank
	rules, problems := LoadRules(a.root)
	a.warnAll(problems)
	a.Reviewer = review.New(rules)
	a.Envelopes = &EnvelopeCache{}
	a.Reviews = NewReviews(a.Reviewer, store, a.Envelopes)
	keys := &cachedKeys{store: opts.Keys}
	go keys.LoadAPIKey() // read the keychain once, off the UI goroutine
	a.Keys = keys
	a.live = &liveTranscriber{prefs: opts.Prefs, keys: keys}
	a.Coach = NewCoach(opts.Prefs, keys, store, a.Reviews)
	if err := a.startQueue(); err != nil {
		return nil, err
	}
	a.openAudio(opts.OpenAudio)
	return a, nil
}

// startQueue starts the background transcription queue.
func (a *App) startQueue() error {
	updates := make(chan transcribe.JobStatus, 16)
	queue, err := transcribe.NewQueue(transcribe.QueueConfig{
		Dir:         filepath.Join(a.root, "transcription"),
		Transcriber: a.live,
		Sink:        reviewingSink{store: a.Store, summarize: a.Reviews.Summarize},
		Updates:     updates,
	})
	if err != nil {
		return err
	}
	for _, w := range queue.Warnings() {
		a.warn(errors.New(w))
	}
	ctx, cancel := context.WithCancel(context.Background())
	queue.Start(ctx)
	a.queue, a.cancel = queue, cancel
	a.Transcription = &Transcription{queue: queue, live: a.live}
	a.TranscriptionUpdates = updates
	return nil
}

// openAudio opens the audio system and the voices that use it.
func (a *App) openAudio(open func() (*audio.System, error)) {
	if open == nil {
		a.AudioErr = errors.New("no audio system was given")
		return
	}
	sys, err := open()
	if err != nil {
		a.AudioErr = err
		a.warn(fmt.Errorf("audio is not available: %w", err))
		return
	}
	a.Audio = sys
	a.Voices = &Voices{sys: sys, cacheDir: SpeechCacheDir(a.root), live: a.live}
}

// SpeechCacheDir is where spoken questions are cached under the data folder root.
func SpeechCacheDir(root string) string { return filepath.Join(root, "cache", "speech") }

// UserBankDir is the folder the user's own question files are kept in.
func (a *App) UserBankDir() string { return UserQuestionsDir(a.root) }

// ReloadBank loads the built-in and user question files again; it returns
// the bank and the problems found in user files.
func (a *App) ReloadBank() (*review.Bank, []error) { return LoadBank(a.root) }

// warnAll passes problems to Warn, at most review.MaxWarningsPerFile for
// each file.
func (a *App) warnAll(errs []error) {
	for _, err := range review.CapWarnings(errs) {
		a.warn(err)
	}
}

// TakeFinished is told that a take has been saved. It summarizes the take
// from its recording and, in the automatic transcription mode with a key or
// server set, queues it. It returns at once: the work runs on its own
// goroutine.
func (a *App) TakeFinished(sessID, takeID string) {
	auto := a.prefs.StringWithFallback(PrefTranscribeMode, TranscribeAuto) == TranscribeAuto
	// Off the caller's goroutine: it reads the recording and the session
	// and may wait on the keychain's first answer.
	go func() {
		// The recording alone gives the take its delivery summary (pace,
		// pauses) for the progress chart; a transcript refines it later.
		a.Reviews.Summarize(sessID, takeID)
		if !auto {
			return
		}
		if err := a.queueTake(sessID, takeID); err != nil {
			a.warn(fmt.Errorf("not transcribing take %s: %w", takeID, err))
		}
	}()
}

// queueTake queues a stored take for transcription when a key or server is set.
func (a *App) queueTake(sessID, takeID string) error {
	if !a.live.Configured() {
		return nil
	}
	s, err := a.Store.Get(sessID)
	if err != nil {
		return err
	}
	tk := s.Take(takeID)
	if tk == nil {
		return nil
	}
	return a.queue.Enqueue(transcribe.Job{SessionID: sessID, TakeID: takeID, AudioPath: a.Store.TakePath(s, *tk),
		Hints: transcribe.Hints{Vocabulary: review.Vocabulary(s.Question(tk.QuestionID))}})
}

// Close stops the transcription queue and the audio system.
func (a *App) Close() {
	a.cancel()
	a.queue.Close()
	if a.Audio != nil {
		a.Audio.Close()
	}
}
