package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"

	"github.com/rehearse-app/rehearse/app"
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
type Speaker = app.Speaker

// Voices builds the speaker for the chosen engine (app.VoiceSystem,
// app.VoiceOpenAI or app.VoiceNone), voice name and output device;
// *app.Voices is one.
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

// Transcription is the background transcription queue; *app.Transcription is one.
type Transcription interface {
	Enqueue(j transcribe.Job) error
	Cancel(takeID string) error
	Retry(takeID string) error
	Status(takeID string) transcribe.JobStatus
}

// Deps is everything the screens use. DepsFrom builds it from the
// application layer; tests build it from fakes.
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
	// recording); it fails with app.ErrNoTranscript when the take has no
	// transcript yet. It is app's review path (app.Reviews), and always set:
	// New fills it from Reviewer and Store when it is nil.
	ReviewTake func(s *session.Session, t *session.Take) (*review.Report, error)
	// Envelope reads a take's recording as an energy envelope (for the
	// waveform) and its duration in seconds.
	Envelope func(path string) (*review.Envelope, float64, error)
	// Transcription queues takes for transcription. The app always sets
	// it: with neither an API key nor a server configured, Enqueue and
	// Retry fail at once with app.ErrNotConfigured, whose message says
	// where to set one up (transcripts can then be typed in).
	Transcription Transcription
	// Keys stores the API key (nil: the key can't be set in the app).
	Keys app.KeyStore
	// TranscriptionUpdates delivers queue status changes (may be nil).
	TranscriptionUpdates <-chan transcribe.JobStatus

	// TakeFinished is called (on the UI goroutine) when a take has been
	// saved, e.g. to queue its transcription.
	TakeFinished func(sessionID, takeID string)
	// Interviewer is the optional interviewer model (nil: not offered).
	Interviewer Interviewer
	// TailorQuestions drafts n questions for a job description with the
	// interviewer model, saves them as a new file in UserBankDir and
	// reloads the bank (app.App.TailorQuestions); nil: not offered. It
	// runs off the UI goroutine.
	TailorQuestions func(ctx context.Context, job string, n int) (*app.Tailored, error)
}

// DepsFrom returns what the screens use from the application layer a, with
// prefs, the settings store a was built on.
func DepsFrom(a *app.App, prefs fyne.Preferences) Deps {
	d := Deps{
		Bank:                 a.Bank,
		Reviewer:             a.Reviewer,
		Store:                a.Store,
		Prefs:                prefs,
		RecorderErr:          a.AudioErr,
		UserBankDir:          a.UserBankDir(),
		ReloadBank:           a.ReloadBank,
		ReviewTake:           a.Reviews.ReviewAndSummarize,
		Envelope:             a.Envelopes.Load,
		Transcription:        a.Transcription,
		Keys:                 a.Keys,
		TranscriptionUpdates: a.TranscriptionUpdates,
		TakeFinished:         a.TakeFinished,
		Interviewer:          a.Coach,
		TailorQuestions:      a.TailorQuestions,
	}
	if sys := a.Audio; sys != nil {
		d.Recorder, d.Devices, d.Voices = sys, sys, a.Voices
		d.NewPlayer = func(device string) (Player, error) { return sys.NewPlayer(device) }
	}
	return d
}

// withReviewPath returns d with ReviewTake set to app's review path over
// d.Reviewer and d.Store when it was left nil and both are there.
func (d Deps) withReviewPath() Deps {
	if d.ReviewTake == nil && d.Reviewer != nil && d.Store != nil {
		d.ReviewTake = app.NewReviews(d.Reviewer, d.Store, nil).ReviewAndSummarize
	}
	return d
}
