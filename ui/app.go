package ui

import (
	"errors"
	"os"
	"os/signal"
	"syscall"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"

	"github.com/rehearse-app/rehearse/review"
	"github.com/rehearse-app/rehearse/transcribe"
)

// App is the main window of Rehearse and its screens.
type App struct {
	app      fyne.App
	deps     Deps
	win      fyne.Window
	tabs     *container.AppTabs
	practice *practiceScreen
	review   *reviewScreen
	library  *libraryScreen
	settings *settingsScreen

	practiceTab, reviewTab, libraryTab, settingsTab *container.TabItem
}

// New builds the main window on app a. Call Run, or use the result's
// Window in tests.
func New(a fyne.App, deps Deps) *App {
	u := &App{app: a, deps: deps.withReviewPath()}
	u.win = a.NewWindow("Rehearse")
	u.win.Resize(fyne.NewSize(1000, 700))
	u.build()
	u.win.SetMaster()
	u.win.SetCloseIntercept(func() {
		u.Shutdown()
		u.win.Close()
	})
	return u
}

// Run shows the window and runs the app until the window is closed. It
// relays the transcription queue's updates to the screens, and SIGINT or
// SIGTERM quit like closing the window: a take being recorded is stopped
// and saved first.
func (u *App) Run() {
	if u.deps.TranscriptionUpdates != nil {
		go u.FollowTranscription(u.deps.TranscriptionUpdates)
	}
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sigs)
	go func() {
		if _, ok := <-sigs; ok {
			fyne.Do(func() {
				u.Shutdown()
				u.app.Quit()
			})
		}
	}()
	u.win.ShowAndRun()
}

// Window returns the main window.
func (u *App) Window() fyne.Window { return u.win }

func (u *App) build() {
	u.practice = newPracticeScreen(u.deps, u.win, u.ShowError, u.openReview)
	u.review = newReviewScreen(u.deps, u.win, u.ShowError)
	u.review.onRetake = u.retake
	u.library = newLibraryScreen(u.deps, u.win, u.ShowError, u.openReview)
	u.settings = newSettingsScreen(u.deps, u.win, u.ShowError, u.onBankReloaded)
	u.practiceTab = container.NewTabItemWithIcon("Practice", theme.MediaRecordIcon(), u.practice.content)
	u.reviewTab = container.NewTabItemWithIcon("Review", theme.DocumentIcon(), u.review.content)
	u.libraryTab = container.NewTabItemWithIcon("Library", theme.ListIcon(), u.library.content)
	u.settingsTab = container.NewTabItemWithIcon("Settings", theme.SettingsIcon(), u.settings.content)
	u.tabs = container.NewAppTabs(u.practiceTab, u.reviewTab, u.libraryTab, u.settingsTab)
	u.tabs.SetTabLocation(container.TabLocationLeading)
	u.practice.welcome.openSettings = func() { u.tabs.Select(u.settingsTab) }
	u.tabs.OnSelected = func(t *container.TabItem) {
		if t == u.libraryTab {
			u.library.refresh()
		}
	}
	// A take saved on the practice screen shows up in the library.
	finished := u.deps.TakeFinished
	u.practice.deps.TakeFinished = func(sessionID, takeID string) {
		if finished != nil {
			finished(sessionID, takeID)
		}
		u.library.refresh()
	}
	u.win.SetContent(u.tabs)
	u.win.Canvas().SetOnTypedKey(u.onKey)
}

// onKey routes keys that are not typed into a focused widget.
func (u *App) onKey(ev *fyne.KeyEvent) {
	switch u.tabs.Selected() {
	case u.practiceTab:
		u.practice.onKey(ev)
	case u.reviewTab:
		u.review.onKey(ev)
	}
}

// openReview shows the review of one take.
func (u *App) openReview(sessionID, takeID string) {
	u.review.open(sessionID, takeID)
	u.tabs.Select(u.reviewTab)
}

// retake records another answer to a question of a session, from the
// review screen.
func (u *App) retake(sessionID, questionID string) {
	u.review.shutdown()
	u.tabs.Select(u.practiceTab)
	u.practice.retakeIn(sessionID, questionID)
}

func (u *App) onBankReloaded(bank *review.Bank) {
	u.deps.Bank = bank
	u.practice.reloadBank(bank)
}

// FollowTranscription relays the transcription queue's status changes to
// the screens until updates is closed. Run it in its own goroutine.
func (u *App) FollowTranscription(updates <-chan transcribe.JobStatus) {
	for st := range updates {
		fyne.Do(func() { u.onTranscription(st) })
	}
}

// onTranscription runs on the UI goroutine for each queue status change.
func (u *App) onTranscription(st transcribe.JobStatus) {
	u.review.transcriptionUpdate(st)
	if st.State == transcribe.StateDone {
		u.library.refresh()
	}
}

// ShowError shows err in a dialog. It is the one place the app shows error
// dialogs; call it on the UI goroutine (wrap in fyne.Do from elsewhere).
func (u *App) ShowError(err error) {
	if err == nil {
		return
	}
	dialog.NewError(errors.New(capitalize(err.Error())), u.win).Show()
}

// Shutdown stops recording (keeping the take) and playback before the
// window closes.
func (u *App) Shutdown() {
	u.practice.shutdown()
	u.review.shutdown()
	u.library.shutdown()
	u.settings.mic.shutdown()
}
