package ui

import (
	"context"

	"fyne.io/fyne/v2"

	"github.com/rehearse-app/rehearse/audio"
	"github.com/rehearse-app/rehearse/review"
	"github.com/rehearse-app/rehearse/session"
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
	// TakeFinished is called (on the UI goroutine) when a take has been
	// saved, e.g. to queue its transcription.
	TakeFinished func(sessionID, takeID string)
}
