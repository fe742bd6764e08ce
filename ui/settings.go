package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/rehearse-app/rehearse/app"
	"github.com/rehearse-app/rehearse/review"
	"github.com/rehearse-app/rehearse/session"
)

const defaultDevice = "System default"

// settingsScreen edits the preferences: devices, voice, practice timing and
// question banks.
type settingsScreen struct {
	deps     Deps
	win      fyne.Window
	notify   func(error)
	onReload func(*review.Bank)
	do       func(f func()) // fyne.Do, or a test's own queue

	inputs, outputs []string // device names as listed

	input, output *widget.Select
	engine        *widget.Select
	voiceName     *widget.Entry
	think, answer *widget.Select
	livePace      *widget.Check // live pace and cues while recording
	bankStatus    *widget.Label
	importBtn     *widget.Button
	reloadBtn     *widget.Button  // loads the question files again, after editing one
	tailorBtn     *widget.Button  // questions from a job description (tailored.go)
	tailor        *tailoredDialog // the last one opened
	testVoice     *widget.Button
	deviceNote    *widget.Label
	tr            *transcriptionSettings
	mic           *micTest // the microphone check
	content       fyne.CanvasObject

	iv *interviewerSettings // the interviewer model (settings_interviewer.go)
}

var engineLabels = map[string]string{
	app.VoiceSystem: "System voice",
	app.VoiceOpenAI: "OpenAI voice (needs an API key)",
	app.VoiceNone:   "Don't read questions aloud",
}

func newSettingsScreen(deps Deps, win fyne.Window, notify func(error), onReload func(*review.Bank)) *settingsScreen {
	s := &settingsScreen{deps: deps, win: win, notify: notify, onReload: onReload, do: fyne.Do}
	s.build()
	return s
}

func (s *settingsScreen) build() {
	p := s.deps.Prefs
	s.input = widget.NewSelect(nil, func(v string) { p.SetString(app.PrefInputDevice, deviceValue(v)) })
	s.output = widget.NewSelect(nil, func(v string) { p.SetString(app.PrefOutputDevice, deviceValue(v)) })
	s.deviceNote = widget.NewLabel("")
	s.deviceNote.Wrapping = fyne.TextWrapWord
	refresh := widget.NewButtonWithIcon("Refresh", theme.ViewRefreshIcon(), s.refreshDevices)

	engines := []string{engineLabels[app.VoiceSystem], engineLabels[app.VoiceOpenAI], engineLabels[app.VoiceNone]}
	s.engine = widget.NewSelect(engines, func(v string) {
		for k, l := range engineLabels {
			if l == v {
				p.SetString(app.PrefVoice, k)
			}
		}
	})
	s.engine.SetSelected(engineLabels[p.StringWithFallback(app.PrefVoice, app.VoiceSystem)])
	s.voiceName = widget.NewEntry()
	s.voiceName.SetPlaceHolder("default (e.g. en-us for espeak-ng, alloy for OpenAI)")
	s.voiceName.SetText(p.String(app.PrefVoiceName))
	s.voiceName.OnChanged = func(v string) { p.SetString(app.PrefVoiceName, strings.TrimSpace(v)) }
	s.testVoice = widget.NewButtonWithIcon("Test", theme.VolumeUpIcon(), s.onTestVoice)

	s.think = secondsSelect([]int{0, 5, 10, 20, 30, 60}, "Each question's own", p.IntWithFallback(app.PrefThinkSeconds, 0),
		func(n int) { p.SetInt(app.PrefThinkSeconds, n) })
	s.answer = secondsSelect([]int{0, 60, 90, 120, 180, 300}, "Each question's own", p.IntWithFallback(app.PrefAnswerSeconds, 0),
		func(n int) { p.SetInt(app.PrefAnswerSeconds, n) })

	s.livePace = widget.NewCheck("Show my pace and gentle cues while I answer", func(on bool) { p.SetBool(app.PrefLivePaceOff, !on) })
	s.livePace.SetChecked(!p.Bool(app.PrefLivePaceOff))

	s.bankStatus = widget.NewLabel("")
	s.bankStatus.Wrapping = fyne.TextWrapWord
	s.importBtn = widget.NewButtonWithIcon("Import question file…", theme.FolderOpenIcon(), s.onImport)
	s.reloadBtn = widget.NewButtonWithIcon("Reload question files", theme.ViewRefreshIcon(), s.reload)
	s.tailorBtn = widget.NewButtonWithIcon("Questions from a job description…", theme.DocumentCreateIcon(), s.onTailor)
	if s.deps.TailorQuestions == nil || s.deps.Interviewer == nil {
		s.tailorBtn.Disable()
	}
	if s.deps.ReloadBank == nil {
		s.reloadBtn.Disable()
	}

	audioForm := widget.NewForm(
		widget.NewFormItem("Microphone", s.input),
		widget.NewFormItem("Speaker", s.output),
	)
	voiceForm := widget.NewForm(
		widget.NewFormItem("Read questions with", s.engine),
		widget.NewFormItem("Voice", container.NewBorder(nil, nil, nil, s.testVoice, s.voiceName)),
	)
	timeForm := widget.NewForm(
		widget.NewFormItem("Think time", s.think),
		widget.NewFormItem("Answer time", s.answer),
		widget.NewFormItem("While recording", s.livePace),
	)
	s.content = container.NewVScroll(container.NewPadded(container.NewVBox(
		heading("Audio devices"), audioForm, container.NewHBox(refresh), s.deviceNote,
		s.buildMicTest(),
		widget.NewSeparator(),
		heading("Reading questions aloud"), voiceForm,
		widget.NewSeparator(),
		heading("Practice timing"), timeForm,
		widget.NewSeparator(),
		heading("Question banks"), s.bankStatus, container.NewHBox(s.tailorBtn, s.importBtn, s.reloadBtn),
		widget.NewSeparator(),
		s.buildTranscription(),
		widget.NewSeparator(),
		s.buildInterviewer(),
	)))
	s.refreshDevices()
	s.showBankStatus(nil)
}

func heading(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.TextStyle = fyne.TextStyle{Bold: true}
	l.SizeName = theme.SizeNameSubHeadingText
	return l
}

func deviceValue(label string) string {
	if label == defaultDevice {
		return ""
	}
	return label
}

// secondsSelect is a select of durations in seconds; 0 shows zeroLabel.
func secondsSelect(values []int, zeroLabel string, current int, set func(int)) *widget.Select {
	label := func(n int) string {
		if n == 0 {
			return zeroLabel
		}
		return fmt.Sprintf("%d seconds", n)
	}
	opts := make([]string, len(values))
	found := false
	for i, v := range values {
		opts[i] = label(v)
		found = found || v == current
	}
	if !found {
		opts = append(opts, label(current))
	}
	sel := widget.NewSelect(opts, func(v string) {
		if v == zeroLabel {
			set(0)
			return
		}
		n, err := strconv.Atoi(strings.TrimSuffix(v, " seconds"))
		if err == nil {
			set(n)
		}
	})
	sel.SetSelected(label(current))
	return sel
}

// refreshDevices lists the devices again and keeps the remembered choice;
// a remembered device that is gone is shown as missing, not silently replaced.
func (s *settingsScreen) refreshDevices() {
	s.inputs, s.outputs = []string{defaultDevice}, []string{defaultDevice}
	if s.deps.Devices == nil {
		s.deviceNote.SetText("Audio is not available, so no devices can be listed.")
	} else if devs, err := s.deps.Devices.Devices(); err != nil {
		s.deviceNote.SetText(fmt.Sprintf("Could not list audio devices: %v", err))
	} else {
		for _, d := range devs {
			if d.MaxInputChannels > 0 {
				s.inputs = append(s.inputs, d.Name)
			}
			if d.MaxOutputChannels > 0 {
				s.outputs = append(s.outputs, d.Name)
			}
		}
		s.deviceNote.SetText(fmt.Sprintf("%d input and %d output devices found.", len(s.inputs)-1, len(s.outputs)-1))
		if len(s.inputs) == 1 {
			s.deviceNote.SetText("No input device found: connect a microphone and press Refresh.")
		}
	}
	s.input.SetOptions(s.inputs)
	s.output.SetOptions(s.outputs)
	selectRemembered(s.input, s.deps.Prefs.String(app.PrefInputDevice))
	selectRemembered(s.output, s.deps.Prefs.String(app.PrefOutputDevice))
}

func selectRemembered(sel *widget.Select, name string) {
	if name == "" {
		sel.SetSelected(defaultDevice)
		return
	}
	for _, o := range sel.Options {
		if o == name {
			sel.SetSelected(name)
			return
		}
	}
	// Keep the choice (it may come back) but show that it is missing.
	sel.Options = append(sel.Options, name)
	sel.SetSelected(name)
	sel.PlaceHolder = name + " (not connected)"
}

func (s *settingsScreen) onTestVoice() {
	if s.deps.Voices == nil {
		s.notify(errors.New("no speech engine is available"))
		return
	}
	p := s.deps.Prefs
	engine := p.StringWithFallback(app.PrefVoice, app.VoiceSystem)
	if engine == app.VoiceNone {
		s.notify(errors.New("reading aloud is switched off: pick a voice engine first"))
		return
	}
	sp, err := s.deps.Voices.Speaker(engine, p.String(app.PrefVoiceName), p.String(app.PrefOutputDevice))
	if err != nil {
		s.notify(err)
		return
	}
	s.testVoice.Disable()
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		err := sp.Say(ctx, "Tell me about a time a stakeholder asked for something unreasonable.")
		s.do(func() {
			s.testVoice.Enable()
			if err != nil {
				s.notify(fmt.Errorf("testing the voice: %w", err))
			}
		})
	}()
}

// showBankStatus shows how many questions are loaded and any problems.
func (s *settingsScreen) showBankStatus(problems []error) {
	n := 0
	if s.deps.Bank != nil {
		n = len(s.deps.Bank.All())
	}
	text := fmt.Sprintf("%d questions loaded. Your own question files (YAML) live in %s.", n, s.deps.UserBankDir)
	if len(problems) > 0 {
		lines := make([]string, len(problems))
		for i, p := range problems {
			lines[i] = "• " + p.Error()
		}
		text += "\nProblems (the other questions still load):\n" + strings.Join(lines, "\n")
	}
	s.bankStatus.SetText(text)
}

func (s *settingsScreen) onImport() {
	d := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil {
			s.notify(fmt.Errorf("opening the question file: %w", err))
			return
		}
		if rc == nil {
			return // cancelled
		}
		defer rc.Close()
		// One byte past the limit: ValidateBankFile then refuses the file
		// as too large instead of reading a cut-off copy.
		data, err := io.ReadAll(io.LimitReader(rc, review.MaxQuestionFileBytes+1))
		if err != nil {
			s.notify(fmt.Errorf("reading %s: %w", rc.URI().Name(), err))
			return
		}
		s.importBank(rc.URI().Name(), data)
	}, s.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".yaml", ".yml"}))
	d.Show()
}

// importBank checks a question file and copies it into the user's bank
// folder. A file with problems is refused with every problem named; the
// user's file is never changed.
func (s *settingsScreen) importBank(name string, data []byte) {
	if err := checkBankFile(name, data); err != nil {
		s.notify(err)
		return
	}
	if s.deps.UserBankDir == "" {
		s.notify(errors.New("there is no folder for your own questions"))
		return
	}
	base := strings.TrimSuffix(filepath.Base(name), filepath.Ext(name)) + ".yaml"
	dest := filepath.Join(s.deps.UserBankDir, base)
	write := func() {
		if err := os.MkdirAll(s.deps.UserBankDir, 0o755); err != nil {
			s.notify(fmt.Errorf("creating %s: %w", s.deps.UserBankDir, err))
			return
		}
		if err := session.WriteFile(dest, func(w io.Writer) error { _, err := w.Write(data); return err }); err != nil {
			s.notify(fmt.Errorf("saving the question file: %w", err))
			return
		}
		s.reload()
	}
	if _, err := os.Stat(dest); err == nil {
		dialog.NewConfirm("Replace question file?",
			fmt.Sprintf("You already have %s. Replace it with the imported file?", base),
			func(ok bool) {
				if ok {
					write()
				}
			}, s.win).Show()
		return
	}
	write()
}

// checkBankFile checks one question file on its own and returns all its
// problems, each naming the file, line and field.
func checkBankFile(name string, data []byte) error {
	if err := review.ValidateBankFile(data, name); err != nil {
		return fmt.Errorf("%s was not imported:\n%w", filepath.Base(name), err)
	}
	return nil
}

// reload reloads the bank after an import and refreshes the screens.
func (s *settingsScreen) reload() {
	if s.deps.ReloadBank == nil {
		return
	}
	s.bankChanged(s.deps.ReloadBank())
}

// bankChanged shows a newly loaded bank (nil: keep the current one) and
// its problems, and hands it to the other screens.
func (s *settingsScreen) bankChanged(bank *review.Bank, problems []error) {
	if bank != nil {
		s.deps.Bank = bank
	}
	s.showBankStatus(problems)
	if s.onReload != nil {
		s.onReload(s.deps.Bank)
	}
}

// onTailor opens the dialog that drafts questions for a job description;
// with the interviewer model off it says how to switch it on.
func (s *settingsScreen) onTailor() {
	if s.deps.TailorQuestions == nil || s.deps.Interviewer == nil {
		return
	}
	s.tailor = newTailoredDialog(s.win, s.deps.Interviewer.Enabled(), s.deps.TailorQuestions, s.do,
		func(t *app.Tailored) { s.bankChanged(t.Bank, t.Problems) })
	s.tailor.show()
}
