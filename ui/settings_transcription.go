package ui

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/rehearse-app/rehearse/app"
	"github.com/rehearse-app/rehearse/transcribe"
)

const (
	modeAutoLabel   = "Transcribe each take when it is saved"
	modeManualLabel = "Only when I ask (Review screen)"
)

// transcriptionSettings is the Transcription and Coaching part of Settings.
type transcriptionSettings struct {
	s         *settingsScreen
	keyStatus *widget.Label
	keyEntry  *widget.Entry
	saveKey   *widget.Button
	removeKey *widget.Button
	baseURL   *widget.Entry
	urlNote   *widget.Label
	model     *widget.SelectEntry
	modelNote *widget.Label
	language  *widget.Entry
	mode      *widget.RadioGroup
	coach     *widget.Entry
}

func (s *settingsScreen) buildTranscription() fyne.CanvasObject {
	p := s.deps.Prefs
	t := &transcriptionSettings{s: s}
	s.tr = t
	t.keyStatus = widget.NewLabel("")
	t.keyStatus.Wrapping = fyne.TextWrapWord
	t.keyEntry = widget.NewPasswordEntry()
	t.keyEntry.SetPlaceHolder("paste an OpenAI API key (sk-…)")
	t.saveKey = widget.NewButton("Save key", t.onSaveKey)
	t.removeKey = widget.NewButton("Remove", t.onRemoveKey)

	t.baseURL = widget.NewEntry()
	t.baseURL.SetPlaceHolder(transcribe.DefaultBaseURL + " (default), or e.g. http://127.0.0.1:8000/v1")
	t.baseURL.SetText(p.String(app.PrefBaseURL))
	t.urlNote = widget.NewLabel("")
	t.urlNote.Wrapping = fyne.TextWrapWord
	t.baseURL.OnChanged = func(v string) { t.onBaseURL(v) }

	t.model = widget.NewSelectEntry([]string{"whisper-1", "gpt-4o-transcribe", "gpt-4o-mini-transcribe"})
	t.model.SetPlaceHolder(transcribe.DefaultModel)
	t.model.SetText(p.String(app.PrefModel))
	t.modelNote = widget.NewLabel("")
	t.modelNote.Wrapping = fyne.TextWrapWord
	t.model.OnChanged = func(v string) {
		p.SetString(app.PrefModel, strings.TrimSpace(v))
		t.showModelNote()
	}
	t.language = widget.NewEntry()
	t.language.SetPlaceHolder("detect (or e.g. en)")
	t.language.SetText(p.String(app.PrefLanguage))
	t.language.OnChanged = func(v string) { p.SetString(app.PrefLanguage, strings.TrimSpace(v)) }

	t.mode = widget.NewRadioGroup([]string{modeAutoLabel, modeManualLabel}, func(v string) {
		if v == modeManualLabel {
			p.SetString(app.PrefTranscribeMode, app.TranscribeManual)
		} else {
			p.SetString(app.PrefTranscribeMode, app.TranscribeAuto)
		}
	})
	if p.StringWithFallback(app.PrefTranscribeMode, app.TranscribeAuto) == app.TranscribeManual {
		t.mode.SetSelected(modeManualLabel)
	} else {
		t.mode.SetSelected(modeAutoLabel)
	}
	t.coach = widget.NewEntry()
	t.coach.SetPlaceHolder("your name, shown on the notes you add")
	t.coach.SetText(p.String(app.PrefCoachName))
	t.coach.OnChanged = func(v string) { p.SetString(app.PrefCoachName, strings.TrimSpace(v)) }

	form := widget.NewForm(
		widget.NewFormItem("API key", container.NewBorder(nil, nil, nil, container.NewHBox(t.saveKey, t.removeKey), t.keyEntry)),
		widget.NewFormItem("", t.keyStatus),
		widget.NewFormItem("Server", t.baseURL),
		widget.NewFormItem("", t.urlNote),
		widget.NewFormItem("Model", container.NewVBox(t.model, t.modelNote)), // the note hides when empty
		widget.NewFormItem("Language", t.language),
		widget.NewFormItem("When", t.mode),
	)
	t.onBaseURL(t.baseURL.Text)
	t.showModelNote()
	t.loadKeyStatus()
	return container.NewVBox(
		heading("Transcription"),
		widget.NewLabel("Optional. Without a key or a server, type or paste transcripts on the Review screen; pace, pauses and hesitations are reviewed from the recording either way."),
		form,
		widget.NewSeparator(),
		heading("Coaching"),
		widget.NewForm(widget.NewFormItem("Your name", t.coach)),
	)
}

func (t *transcriptionSettings) onBaseURL(v string) {
	v = strings.TrimSpace(v)
	t.s.deps.Prefs.SetString(app.PrefBaseURL, v)
	if v == "" {
		t.urlNote.SetText("Using OpenAI. Local servers: speaches (faster-whisper-server), whisper.cpp's server, LocalAI.")
		return
	}
	warn, err := transcribe.CheckBaseURL(v)
	switch {
	case err != nil:
		t.urlNote.SetText("⚠ " + err.Error())
	case warn != "":
		t.urlNote.SetText("⚠ " + warn)
	default:
		t.urlNote.SetText("")
	}
}

func (t *transcriptionSettings) showModelNote() {
	m := strings.TrimSpace(t.model.Text)
	if strings.HasPrefix(m, "gpt-4o") {
		t.modelNote.SetText("This model gives no word timings: no click-to-seek per word; pauses are measured from the recording.")
		t.modelNote.Show()
	} else {
		t.modelNote.SetText("")
		t.modelNote.Hide()
	}
}

// loadKeyStatus reads the key off the UI goroutine (a keychain can be slow)
// and shows where it comes from, masked.
func (t *transcriptionSettings) loadKeyStatus() {
	keys := t.s.deps.Keys
	if keys == nil {
		t.keyStatus.SetText("The API key can't be stored on this system; set OPENAI_API_KEY instead.")
		enable(t.saveKey, false)
		enable(t.removeKey, false)
		return
	}
	go func() {
		key, from, err := keys.LoadAPIKey()
		t.s.do(func() { t.showKey(key, from, err) })
	}()
}

func (t *transcriptionSettings) showKey(key, from string, err error) {
	switch {
	case key != "" && from == transcribe.KeyFromEnv:
		t.keyStatus.SetText(fmt.Sprintf("Using %s from the OPENAI_API_KEY environment variable.", transcribe.MaskKey(key)))
		enable(t.removeKey, false)
	case key != "":
		t.keyStatus.SetText(fmt.Sprintf("%s is saved in the system keychain.", transcribe.MaskKey(key)))
		enable(t.removeKey, true)
	case err != nil:
		t.keyStatus.SetText(fmt.Sprintf("No API key (%v).", err))
		enable(t.removeKey, false)
	default:
		t.keyStatus.SetText("No API key set.")
		enable(t.removeKey, false)
	}
}

func (t *transcriptionSettings) onSaveKey() {
	key := strings.TrimSpace(t.keyEntry.Text)
	if key == "" {
		t.s.notify(errors.New("paste an API key first"))
		return
	}
	keys := t.s.deps.Keys
	if keys == nil {
		return
	}
	enable(t.saveKey, false)
	go func() {
		err := keys.SaveAPIKey(key)
		t.s.do(func() {
			enable(t.saveKey, true)
			if err != nil {
				// The key stays in the entry so nothing typed is lost.
				t.s.notify(fmt.Errorf("saving the API key: %s", transcribe.Redact(err.Error(), key)))
				return
			}
			t.keyEntry.SetText("")
			t.loadKeyStatus()
		})
	}()
}

func (t *transcriptionSettings) onRemoveKey() {
	keys := t.s.deps.Keys
	if keys == nil {
		return
	}
	go func() {
		err := keys.DeleteAPIKey()
		t.s.do(func() {
			if err != nil {
				t.s.notify(fmt.Errorf("removing the API key: %w", err))
			}
			t.loadKeyStatus()
		})
	}()
}
