package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/rehearse-app/rehearse/app"
)

// TestMicrophoneTestShowsTheLevel: Test microphone records from the chosen
// device, moves the meter while it listens and says what it heard; a
// silent microphone is called out.
func TestMicrophoneTestShowsTheLevel(t *testing.T) {
	f := newFixture(t)
	m := f.ui.settings.mic
	m.length = 1600 * time.Millisecond // the fake device gives 1.5 s of tone, then silence in real time
	f.app.Preferences().SetString(app.PrefInputDevice, "USB mic")

	test.Tap(m.button)
	if m.rec == nil || m.button.Text != "Stop test" {
		t.Fatalf("the test did not start (button %q)", m.button.Text)
	}
	var moved bool
	f.q.until(t, "the test to finish", func() bool {
		moved = moved || m.meter.rms > 0.1
		return m.rec == nil
	})
	if !moved {
		t.Error("the meter never moved while the tone played")
	}
	if !strings.Contains(m.note.Text, "Heard you") || m.button.Text != "Test microphone" {
		t.Fatalf("verdict %q, button %q", m.note.Text, m.button.Text)
	}
	calls := f.rec.Calls()
	if len(calls) != 1 || calls[0].Device != "USB mic" {
		t.Fatalf("recorded with %+v, want the chosen device", calls)
	}

	f.rec.Samples = make([]int16, 16000)
	test.Tap(m.button)
	f.q.until(t, "the silent test to finish", func() bool { return m.rec == nil })
	if !strings.Contains(m.note.Text, "Heard nothing") {
		t.Fatalf("silent microphone verdict: %q", m.note.Text)
	}

	// Stop ends a test early.
	m.length = 10 * time.Second
	test.Tap(m.button)
	test.Tap(m.button)
	if m.rec != nil || m.button.Text != "Test microphone" {
		t.Fatal("Stop test did not stop")
	}
}
