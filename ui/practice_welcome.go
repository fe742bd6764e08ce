package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/rehearse-app/rehearse/app"
)

// welcomeSteps is the loop the first-run panel explains.
const welcomeSteps = "1. Practise — pick a question; it is read aloud, you get a moment to think, " +
	"then you answer out loud and the take is recorded.\n" +
	"2. Transcript — the take is turned into text.\n" +
	"3. Review — the reviewer marks filler words, openings that jump to a solution, " +
	"missing trade-offs, talking points covered, pace and pauses; play back any part of the take."

// welcomeTranscription says how transcripts can be had.
const welcomeTranscription = "Transcripts come from one of three places: OpenAI's Whisper " +
	"(add an API key in Settings; it is kept in the system keychain), a local OpenAI-compatible " +
	"server such as speaches or whisper.cpp (set its address in Settings; nothing leaves your machine), " +
	"or you type or paste what you said on the Review screen."

// welcomeNothingSetUp says what works before anything is set up.
const welcomeNothingSetUp = "With nothing set up you can start right now: every take is recorded and " +
	"kept, and the recording alone is reviewed for delivery — your pace, pauses, likely \"uhh\"s and " +
	"speaking time — with a live pace light while you answer. Once a transcript is there (typed in, if " +
	"you like), the full review — fillers, structure, trade-offs, talking points — runs on this " +
	"machine and needs no account or server. Mock interview asks a few questions back to back, like a " +
	"panel; an interviewer model (optional: Settings → Interviewer model) adds follow-up questions."

// welcomePanel is the first-run panel at the top of the practice screen:
// the loop of the app, how transcription is set up and what works without
// it. Close hides it until the next start; "Don't show again" for good.
type welcomePanel struct {
	box          *fyne.Container
	settingsBtn  *widget.Button
	closeBtn     *widget.Button
	neverBtn     *widget.Button
	openSettings func()
	prefs        fyne.Preferences
}

func newWelcomePanel(prefs fyne.Preferences) *welcomePanel {
	w := &welcomePanel{prefs: prefs}
	title := widget.NewLabelWithStyle("New to Rehearse? Here is how it works", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	para := func(s string) *widget.Label {
		l := widget.NewLabel(s)
		l.Wrapping = fyne.TextWrapWord
		return l
	}
	w.settingsBtn = widget.NewButtonWithIcon("Open Settings", theme.SettingsIcon(), func() {
		if w.openSettings != nil {
			w.openSettings()
		}
	})
	w.closeBtn = widget.NewButtonWithIcon("Close", theme.CancelIcon(), w.hide)
	w.neverBtn = widget.NewButton("Don't show again", w.dismiss)
	w.box = container.NewVBox(
		title,
		para(welcomeSteps),
		para(welcomeTranscription),
		para(welcomeNothingSetUp),
		container.NewHBox(w.settingsBtn, layout.NewSpacer(), w.closeBtn, w.neverBtn),
		widget.NewSeparator(),
	)
	if prefs.Bool(app.PrefWelcomeHidden) {
		w.box.Hide()
	}
	return w
}

// visible reports whether the panel is shown.
func (w *welcomePanel) visible() bool { return w.box.Visible() }

// hide hides the panel until the app starts again.
func (w *welcomePanel) hide() { w.box.Hide() }

// dismiss hides the panel for good.
func (w *welcomePanel) dismiss() {
	w.prefs.SetBool(app.PrefWelcomeHidden, true)
	w.box.Hide()
}
