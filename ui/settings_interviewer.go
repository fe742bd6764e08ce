package ui

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/rehearse-app/rehearse/app"
	"github.com/rehearse-app/rehearse/coach"
	"github.com/rehearse-app/rehearse/transcribe"
)

// interviewerModels are the suggestions of the model field: OpenAI's and
// common local models.
var interviewerModels = []string{coach.DefaultModel, "gpt-4o", "llama3.2", "qwen2.5", "mistral"}

// followUpChoices are the follow-ups a mock interview asks per question,
// by index (0..app.MaxInterviewFollowUps).
var followUpChoices = []string{"No follow-ups", "1 follow-up", "2 follow-ups", "3 follow-ups"}

// interviewerSettings is the Interviewer model part of Settings: off by
// default; the server, the model and a test button.
type interviewerSettings struct {
	s       *settingsScreen
	on      *widget.Check
	baseURL *widget.Entry
	model   *widget.SelectEntry
	notes   *widget.Check // "Also send my notes" (off by default)
	// followUps is how many follow-ups a mock interview asks per question.
	followUps *widget.Select
	sent      *widget.Label // the plain line saying what is sent
	test      *widget.Button
	result    *widget.Label // the test's outcome, in plain words
	note      *widget.Label // the server's warnings
	noteGen   int           // the latest warnings asked for; older answers are dropped
}

func (s *settingsScreen) buildInterviewer() fyne.CanvasObject {
	p := s.deps.Prefs
	iv := &interviewerSettings{s: s}
	s.iv = iv
	iv.on = widget.NewCheck("Use an interviewer model (optional)", func(on bool) {
		v := ""
		if on {
			v = app.InterviewerOn
		}
		p.SetString(app.PrefInterviewer, v)
	})
	iv.on.SetChecked(p.String(app.PrefInterviewer) == app.InterviewerOn)
	iv.baseURL = widget.NewEntry()
	iv.baseURL.SetPlaceHolder("OpenAI (default), or a local server, e.g. http://127.0.0.1:11434/v1 for Ollama")
	iv.baseURL.SetText(p.String(app.PrefInterviewerBaseURL))
	iv.model = widget.NewSelectEntry(interviewerModels)
	iv.model.SetPlaceHolder(coach.DefaultModel)
	iv.model.SetText(p.String(app.PrefInterviewerModel))
	iv.model.OnChanged = func(v string) { p.SetString(app.PrefInterviewerModel, strings.TrimSpace(v)) }
	sendNotes := p.String(app.PrefInterviewerNotes) == app.InterviewerOn
	iv.sent = wrapLabel(app.SentLine(sendNotes))
	iv.notes = widget.NewCheck("Also send my notes", iv.onNotes)
	iv.notes.SetChecked(sendNotes)
	iv.followUps = widget.NewSelect(followUpChoices, func(v string) {
		p.SetString(app.PrefInterviewFollowUps, strconv.Itoa(max(0, slices.Index(followUpChoices, v))))
	})
	iv.followUps.SetSelectedIndex(app.InterviewFollowUps(p))
	iv.note = wrapLabel("")
	iv.result = wrapLabel("")
	iv.test = widget.NewButtonWithIcon("Test", theme.ConfirmIcon(), iv.onTest)
	if s.deps.Interviewer == nil {
		iv.result.SetText("The interviewer model is not available in this build.")
		for _, w := range []fyne.Disableable{iv.on, iv.baseURL, iv.model, iv.notes, iv.followUps, iv.test} {
			w.Disable()
		}
	}
	iv.showURLCheck(strings.TrimSpace(iv.baseURL.Text))
	iv.baseURL.OnChanged = iv.onBaseURL
	form := widget.NewForm(
		widget.NewFormItem("", iv.on),
		widget.NewFormItem("Server", iv.baseURL),
		widget.NewFormItem("", iv.note),
		widget.NewFormItem("Model", iv.model),
		widget.NewFormItem("Notes", iv.notes),
		widget.NewFormItem("Mock interview", container.NewHBox(iv.followUps, widget.NewLabel("per question"))),
		widget.NewFormItem("", container.NewBorder(nil, nil, iv.test, nil, iv.result)),
	)
	return container.NewVBox(
		heading("Interviewer model"),
		wrapLabel("Optional: follow-up questions, a second opinion and a stronger answer from a chat model, "+
			"on OpenAI (the same API key as transcription) or a local server such as Ollama, llama.cpp, LM Studio or LocalAI, which needs no key. "+
			"It can also draft questions for a job you are applying for: Question banks → Questions from a job description…"),
		iv.sent,
		form,
	)
}

// onNotes remembers whether a take's notes go with its transcript and
// says so in the line about what is sent.
func (iv *interviewerSettings) onNotes(on bool) {
	v := ""
	if on {
		v = app.InterviewerOn
	}
	iv.s.deps.Prefs.SetString(app.PrefInterviewerNotes, v)
	iv.sent.SetText(app.SentLine(on))
}

// wrapLabel is a label that wraps at word boundaries.
func wrapLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// onBaseURL stores the server and shows what to know about it: an unusable
// URL, plain http to another computer, no key for a remote server.
func (iv *interviewerSettings) onBaseURL(v string) {
	v = strings.TrimSpace(v)
	iv.s.deps.Prefs.SetString(app.PrefInterviewerBaseURL, v)
	if !iv.showURLCheck(v) || iv.s.deps.Interviewer == nil {
		return
	}
	// The full warnings read the key, which may wait on the keychain: off
	// the UI goroutine, keeping only the answer for the latest URL.
	ivm := iv.s.deps.Interviewer
	iv.noteGen++
	gen, do := iv.noteGen, iv.s.do
	go func() {
		var lines []string
		for _, w := range ivm.Warnings() {
			lines = append(lines, "⚠ "+w)
		}
		do(func() {
			if gen == iv.noteGen && len(lines) > 0 {
				iv.note.SetText(strings.Join(lines, "\n"))
			}
		})
	}()
}

// showURLCheck shows what the URL alone tells (no key needed): OpenAI, an
// unusable URL, or plain http to another computer. It reports whether the
// URL is usable.
func (iv *interviewerSettings) showURLCheck(v string) bool {
	if v == "" {
		iv.note.SetText("Using OpenAI.")
		return true
	}
	warn, err := transcribe.CheckBaseURL(v)
	switch {
	case err != nil:
		iv.note.SetText("⚠ " + err.Error())
		return false
	case warn != "":
		iv.note.SetText("⚠ " + warn)
	default:
		iv.note.SetText("")
	}
	return true
}

// onTest sends one tiny request off the UI goroutine and shows the outcome
// in plain words.
func (iv *interviewerSettings) onTest() {
	ivm := iv.s.deps.Interviewer
	if ivm == nil {
		return
	}
	iv.test.Disable()
	iv.result.SetText("Asking the interviewer model…")
	do := iv.s.do
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), interviewerTimeout)
		defer cancel()
		msg, err := ivm.Test(ctx)
		if err != nil {
			msg = interviewerFailure("The test", err)
			msg = strings.TrimSuffix(msg, " The built-in review is unchanged.")
		}
		do(func() {
			iv.test.Enable()
			iv.result.SetText(msg)
		})
	}()
}
