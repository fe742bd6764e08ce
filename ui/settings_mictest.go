package ui

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/rehearse-app/rehearse/app"
	"github.com/rehearse-app/rehearse/audio"
)

// micTest is the microphone check in Settings: a few seconds recorded from
// the chosen input device to a scratch file, its level shown live on a
// meter, and a verdict at the end (heard you, or heard nothing).
type micTest struct {
	s      *settingsScreen
	meter  *levelMeter
	button *widget.Button
	note   *widget.Label
	length time.Duration // how long a test records

	rec    *audio.Recording // the test running, nil when none
	cancel context.CancelFunc
	dir    string // scratch folder of the running test
}

// buildMicTest makes the microphone check's widgets.
func (s *settingsScreen) buildMicTest() fyne.CanvasObject {
	m := &micTest{s: s, meter: newLevelMeter(), length: 5 * time.Second}
	m.note = widget.NewLabel("Speak as you would in an answer: the bar should move well past the middle.")
	m.note.Wrapping = fyne.TextWrapWord
	m.button = widget.NewButtonWithIcon("Test microphone", theme.MediaRecordIcon(), m.toggle)
	if s.deps.Recorder == nil {
		m.button.Disable()
		m.note.SetText("No microphone is available, so there is nothing to test.")
	}
	s.mic = m
	return container.NewVBox(
		container.NewBorder(nil, nil, m.button, nil, m.meter),
		m.note,
	)
}

// toggle starts a test, or stops the one running.
func (m *micTest) toggle() {
	if m.rec != nil {
		m.stop()
		return
	}
	m.start()
}

// start records m.length from the chosen input device.
func (m *micTest) start() {
	if m.s.deps.Recorder == nil {
		return
	}
	dir, err := os.MkdirTemp("", "rehearse-mictest-")
	if err != nil {
		m.s.notify(fmt.Errorf("testing the microphone: %w", err))
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	levels := make(chan audio.Level, 1)
	rec, err := m.s.deps.Recorder.Record(ctx, audio.RecordOptions{
		Device:    m.s.deps.Prefs.String(app.PrefInputDevice),
		Path:      filepath.Join(dir, "test.wav"),
		MaxFrames: int64(m.length.Seconds() * audio.TakeRate),
		Levels:    levels,
	})
	if err != nil {
		cancel()
		os.RemoveAll(dir)
		m.note.SetText(fmt.Sprintf("The microphone could not be opened: %v. Pick another input device above.", err))
		return
	}
	m.rec, m.cancel, m.dir = rec, cancel, dir
	m.button.SetText("Stop test")
	m.button.SetIcon(theme.MediaStopIcon())
	m.note.SetText(fmt.Sprintf("Listening for %d seconds — say something…", int(m.length.Seconds())))
	go m.watch(ctx, rec, levels)
}

// watch relays levels to the meter until the test ends.
func (m *micTest) watch(ctx context.Context, rec *audio.Recording, levels <-chan audio.Level) {
	for {
		select {
		case lv := <-levels:
			m.s.do(func() {
				if m.rec == rec {
					m.meter.SetLevel(lv.RMS, lv.Peak)
				}
			})
		case <-rec.Done():
			m.s.do(func() {
				if m.rec == rec {
					m.stop()
				}
			})
			return
		case <-ctx.Done():
			return
		}
	}
}

// stop ends the running test, deletes its recording and gives the verdict.
func (m *micTest) stop() {
	rec := m.rec
	if rec == nil {
		return
	}
	m.rec = nil
	res, err := rec.Stop()
	m.cancel()
	os.RemoveAll(m.dir)
	m.meter.SetLevel(0, 0)
	m.button.SetText("Test microphone")
	m.button.SetIcon(theme.MediaRecordIcon())
	m.note.SetText(micVerdict(res, err))
}

// micVerdict says what a microphone test heard.
func micVerdict(res audio.Result, err error) string {
	switch {
	case err != nil && res.Frames == 0:
		return fmt.Sprintf("The microphone stopped at once (%v). Pick another input device above.", err)
	case res.Frames == 0:
		return "Nothing was recorded. Pick another input device above."
	case res.Peak < silentPeak:
		return "Heard nothing: the microphone may be muted, or it is not the one you speak into. " +
			"Check its mute switch and the system's input level, or pick another input device above."
	case res.Peak < 0.1:
		return fmt.Sprintf("Heard you, but quietly (loudest %.0f dBFS). Move closer or raise the input level; "+
			"quiet takes hide pauses and fillers.", 20*math.Log10(float64(res.Peak)))
	case res.Peak >= 0.99:
		return "Heard you, but too loud: the sound clipped. Lower the input level a little."
	}
	return fmt.Sprintf("Heard you clearly (loudest %.0f dBFS). The microphone is ready.", 20*math.Log10(float64(res.Peak)))
}

// shutdown stops a test still running.
func (m *micTest) shutdown() {
	if m != nil && m.rec != nil {
		m.stop()
	}
}
