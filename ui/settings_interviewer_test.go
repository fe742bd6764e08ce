package ui

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/rehearse-app/rehearse/app"
	"github.com/rehearse-app/rehearse/internal/chattest"
	"github.com/rehearse-app/rehearse/review"
)

// interviewerKey is the API key of the interviewer tests; it must not show.
const interviewerKey = "sk-test-interviewer-SECRET-42"

// memKey is a key store holding one key.
type memKey string

func (k memKey) LoadAPIKey() (string, string, error) { return string(k), "keychain", nil }
func (memKey) SaveAPIKey(string) error               { return nil }
func (memKey) DeleteAPIKey() error                   { return nil }

// withInterviewer gives f's Deps the app's interviewer model on the
// settings of f's preferences, with a local chat server behind it.
func withInterviewer(f *uiFixture) *chattest.Server {
	srv := chattest.New(f.t)
	c := app.NewCoach(f.deps.Prefs, memKey(interviewerKey), f.store, app.NewReviews(review.New(testRules(f.t)), f.store, nil))
	c.HTTPClient = &http.Client{Timeout: 10 * time.Second}
	f.deps.Interviewer = c
	return srv
}

func TestInterviewerSettingsTestButton(t *testing.T) {
	f := newUIFixture(t, nil)
	srv := withInterviewer(f)
	s := newSettingsScreen(f.deps, test.NewTempWindow(t, nil), f.notify, nil)
	s.do = f.q.do
	iv := s.iv
	if iv.on.Checked || f.deps.Interviewer.Enabled() {
		t.Fatal("the interviewer model must be off by default")
	}
	if !strings.Contains(labelsText(s.content), "Never the audio, never your notes") {
		t.Error("the line saying what is sent is missing")
	}
	test.Tap(iv.on)
	if !f.deps.Interviewer.Enabled() {
		t.Fatal("ticking the box did not switch it on")
	}
	iv.baseURL.SetText(srv.BaseURL())
	iv.model.SetText("llama3.2")

	test.Tap(iv.test)
	f.q.until(t, "the test's success", func() bool { return strings.HasPrefix(iv.result.Text, "It works") })
	if !strings.Contains(iv.result.Text, "llama3.2") || iv.test.Disabled() {
		t.Errorf("result = %q", iv.result.Text)
	}

	srv.Fail("401")
	test.Tap(iv.test)
	f.q.until(t, "the test's failure", func() bool { return strings.HasPrefix(iv.result.Text, "The test did not work") })
	if !strings.Contains(iv.result.Text, "API key was refused") || strings.Contains(iv.result.Text, interviewerKey) {
		t.Errorf("401 result = %q, want the refused key in plain words, without the key", iv.result.Text)
	}
}

func TestInterviewerSettingsWarnsAboutPlainHTTP(t *testing.T) {
	f := newUIFixture(t, nil)
	withInterviewer(f)
	s := newSettingsScreen(f.deps, test.NewTempWindow(t, nil), f.notify, nil)
	s.do = f.q.do
	if s.iv.note.Text != "Using OpenAI." {
		t.Errorf("note = %q", s.iv.note.Text)
	}
	s.iv.baseURL.SetText("http://192.168.1.20:11434/v1")
	f.q.until(t, "the warnings", func() bool { return strings.Contains(s.iv.note.Text, "plain http") })
	if got := f.deps.Prefs.String(app.PrefInterviewerBaseURL); got != "http://192.168.1.20:11434/v1" {
		t.Errorf("saved URL = %q", got)
	}
	s.iv.baseURL.SetText("ftp://nope")
	if !strings.HasPrefix(s.iv.note.Text, "⚠") {
		t.Errorf("a bad URL: note = %q", s.iv.note.Text)
	}
}

// labelsText joins the text of every label under o, walking containers and
// widgets' renderers.
func labelsText(o fyne.CanvasObject) string {
	var b strings.Builder
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Label:
			b.WriteString(w.Text + "\n")
			return
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
			return
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(w).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return b.String()
}

func TestInterviewerSettingsSendNotesPersists(t *testing.T) {
	f := newUIFixture(t, nil)
	withInterviewer(f)
	s := newSettingsScreen(f.deps, test.NewTempWindow(t, nil), f.notify, nil)
	if s.iv.notes.Checked || f.deps.Prefs.String(app.PrefInterviewerNotes) != "" {
		t.Fatal("notes must not be sent by default")
	}
	if s.iv.sent.Text != app.WhatIsSent {
		t.Errorf("line = %q", s.iv.sent.Text)
	}
	test.Tap(s.iv.notes)
	if f.deps.Prefs.String(app.PrefInterviewerNotes) != app.InterviewerOn || !f.deps.Interviewer.(*app.Coach).SendsNotes() {
		t.Error("ticking the box did not save it")
	}
	if s.iv.sent.Text != app.WhatIsSentWithNotes || !strings.Contains(labelsText(s.content), "your notes on the take") {
		t.Errorf("line = %q after ticking", s.iv.sent.Text)
	}
	again := newSettingsScreen(f.deps, test.NewTempWindow(t, nil), f.notify, nil)
	if !again.iv.notes.Checked || again.iv.sent.Text != app.WhatIsSentWithNotes {
		t.Error("the tick was not remembered")
	}
	test.Tap(again.iv.notes)
	if f.deps.Prefs.String(app.PrefInterviewerNotes) != "" || again.iv.sent.Text != app.WhatIsSent {
		t.Error("unticking did not stop sending notes")
	}
}

// TestInterviewerSettingsFollowUps: a mock interview asks one follow-up
// per question by default; the choice is remembered.
func TestInterviewerSettingsFollowUps(t *testing.T) {
	f := newUIFixture(t, nil)
	withInterviewer(f)
	s := newSettingsScreen(f.deps, test.NewTempWindow(t, nil), f.notify, nil)
	if s.iv.followUps.Selected != "1 follow-up" {
		t.Fatalf("default %q, want 1 follow-up", s.iv.followUps.Selected)
	}
	s.iv.followUps.SetSelected("No follow-ups")
	if got := app.InterviewFollowUps(f.deps.Prefs); got != 0 {
		t.Errorf("stored %d follow-ups, want 0", got)
	}
	s.iv.followUps.SetSelected("3 follow-ups")
	again := newSettingsScreen(f.deps, test.NewTempWindow(t, nil), f.notify, nil)
	if again.iv.followUps.Selected != "3 follow-ups" || app.InterviewFollowUps(f.deps.Prefs) != 3 {
		t.Errorf("reopened settings show %q", again.iv.followUps.Selected)
	}
}
