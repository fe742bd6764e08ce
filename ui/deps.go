package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"

	"github.com/rehearse-app/rehearse/audio"
	"github.com/rehearse-app/rehearse/review"
	"github.com/rehearse-app/rehearse/session"
	"github.com/rehearse-app/rehearse/transcribe"
)

// DeviceLister lists the audio devices for the settings screen.
type DeviceLister interface {
	Devices() ([]audio.Device, error)
}

// Speaker reads a question aloud; Say returns when it has been spoken.
type Speaker interface {
	Say(ctx context.Context, text string) error
}

// Voices builds the speaker for the chosen engine ("system", "openai" or
// "none"), voice name and output device.
type Voices interface {
	Speaker(engine, voice, device string) (Speaker, error)
}

// Player plays one take; *audio.Player is one.
type Player interface {
	Open(path string) error
	Play() error
	Pause()
	Seek(d time.Duration)
	Position() time.Duration
	Duration() time.Duration
	Playing() bool
	Close() error
}

// Transcription is the background transcription queue; *transcribe.Queue is one.
type Transcription interface {
	Enqueue(j transcribe.Job) error
	Cancel(takeID string) error
	Retry(takeID string) error
	Status(takeID string) transcribe.JobStatus
}

// KeyStore keeps the API key in the OS keychain; transcribe.KeyStore is one.
type KeyStore interface {
	LoadAPIKey() (key, from string, err error)
	SaveAPIKey(key string) error
	DeleteAPIKey() error
}

// Deps is everything the screens use, handed in by cmd.
type Deps struct {
	Bank     *review.Bank
	Reviewer *review.Reviewer
	Store    *session.Store
	Prefs    fyne.Preferences

	// Recorder records answers; nil when no input device could be opened,
	// with RecorderErr saying why. The rest of the app works without it.
	Recorder    audio.Recorder
	RecorderErr error
	Devices     DeviceLister
	Voices      Voices

	// UserBankDir is the folder the Import button copies question files to.
	UserBankDir string
	// ReloadBank reloads the built-in and user question files; it returns
	// the bank and the problems found in user files.
	ReloadBank func() (*review.Bank, []error)
	// NewPlayer opens a player on an output device ("" = default); nil
	// when there is no audio.
	NewPlayer func(device string) (Player, error)
	// ReviewTake reviews one take of a session (transcript, question and
	// recording); it fails when the take has no transcript yet.
	ReviewTake func(s *session.Session, t *session.Take) (*review.Report, error)
	// Envelope reads a take's recording as an energy envelope (for the
	// waveform) and its duration in seconds.
	Envelope func(path string) (*review.Envelope, float64, error)
	// Transcription queues takes for transcription; nil when no API key or
	// server is configured (transcripts are then typed in).
	Transcription Transcription
	// Keys stores the API key (nil: the key can't be set in the app).
	Keys KeyStore
	// TranscriptionUpdates delivers queue status changes (may be nil).
	TranscriptionUpdates <-chan transcribe.JobStatus

	// TakeFinished is called (on the UI goroutine) when a take has been
	// saved, e.g. to queue its transcription.
	TakeFinished func(sessionID, takeID string)
}
