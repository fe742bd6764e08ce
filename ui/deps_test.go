package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/rehearse-app/rehearse/app"
)

func TestDepsFromTheAppLayer(t *testing.T) {
	a := test.NewTempApp(t)
	parts, err := app.New(app.Options{Root: t.TempDir(), Prefs: a.Preferences(), Keys: noKeys{}})
	if err != nil {
		t.Fatal(err)
	}
	defer parts.Close()
	d := DepsFrom(parts, a.Preferences())
	if d.ReviewTake == nil || d.Transcription == nil || d.Envelope == nil || d.ReloadBank == nil || d.TakeFinished == nil {
		t.Fatal("the review path, the queue, the envelope reader, the bank reload and TakeFinished are always set")
	}
	// Without audio the audio parts are nil interfaces, which the screens test for.
	if d.Recorder != nil || d.Devices != nil || d.Voices != nil || d.NewPlayer != nil || d.RecorderErr == nil {
		t.Errorf("without audio: recorder %v, devices %v, voices %v, player %v, reason %v", d.Recorder, d.Devices, d.Voices, d.NewPlayer != nil, d.RecorderErr)
	}
	if d.Bank == nil || d.Store == nil || d.Reviewer == nil || d.UserBankDir == "" {
		t.Errorf("library parts missing: %+v", d)
	}
}

func TestNewSetsTheReviewPath(t *testing.T) {
	a := test.NewTempApp(t)
	parts, err := app.New(app.Options{Root: t.TempDir(), Prefs: a.Preferences(), Keys: noKeys{}})
	if err != nil {
		t.Fatal(err)
	}
	defer parts.Close()
	u := New(a, Deps{Bank: parts.Bank, Reviewer: parts.Reviewer, Store: parts.Store, Prefs: a.Preferences()})
	t.Cleanup(u.Shutdown)
	if u.deps.ReviewTake == nil {
		t.Fatal("New left the review path unset")
	}
}

// noKeys is a key store with no key in it.
type noKeys struct{}

func (noKeys) LoadAPIKey() (string, string, error) { return "", "", nil }
func (noKeys) SaveAPIKey(string) error             { return nil }
func (noKeys) DeleteAPIKey() error                 { return nil }
