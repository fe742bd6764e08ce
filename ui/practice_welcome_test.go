package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/rehearse-app/rehearse/app"
)

// TestWelcomePanelShownOnceDismissedForGood: a new user sees the first-run
// panel (the loop, the ways to transcribe, what works without set-up, a way
// to Settings); Close hides it for now, "Don't show again" for good, also
// after a restart.
func TestWelcomePanelShownOnceDismissedForGood(t *testing.T) {
	f := newFixture(t)
	w := f.ui.practice.welcome
	if !w.visible() {
		t.Fatal("a new user does not see the first-run panel")
	}
	var text []string
	for _, o := range w.box.Objects {
		if l, ok := o.(*widget.Label); ok {
			text = append(text, l.Text)
		}
	}
	all := strings.Join(text, "\n")
	for _, want := range []string{"Practise", "Transcript", "Review", "API key", "local", "type or paste", "needs no account"} {
		if !strings.Contains(all, want) {
			t.Errorf("the panel does not mention %q", want)
		}
	}

	test.Tap(w.settingsBtn)
	if f.ui.tabs.Selected() != f.ui.settingsTab {
		t.Fatal("Open Settings did not open Settings")
	}

	test.Tap(w.closeBtn)
	if w.visible() || f.app.Preferences().Bool(app.PrefWelcomeHidden) {
		t.Fatal("Close should hide the panel for now only")
	}
	again := New(f.app, f.ui.deps)
	t.Cleanup(again.Shutdown)
	if !again.practice.welcome.visible() {
		t.Fatal("closed for now, yet gone at the next start")
	}

	test.Tap(again.practice.welcome.neverBtn)
	if again.practice.welcome.visible() || !f.app.Preferences().Bool(app.PrefWelcomeHidden) {
		t.Fatal("Don't show again did not hide the panel and remember it")
	}
	third := New(f.app, f.ui.deps)
	t.Cleanup(third.Shutdown)
	if third.practice.welcome.visible() {
		t.Fatal("the panel came back after Don't show again")
	}
}

// TestWelcomePanelStepsAsideWhenPractising: starting a question hides the
// panel without dismissing it for good.
func TestWelcomePanelStepsAsideWhenPractising(t *testing.T) {
	f := newFixture(t)
	p := f.ui.practice
	p.pick.question.SetSelectedIndex(0)
	test.Tap(p.pick.startOne)
	if p.welcome.visible() || f.app.Preferences().Bool(app.PrefWelcomeHidden) {
		t.Fatal("the panel should step aside for practice, not be dismissed")
	}
}
