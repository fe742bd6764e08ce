package ui

import (
	"fmt"

	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/rehearse-app/rehearse/app"
	"github.com/rehearse-app/rehearse/review"
	"github.com/rehearse-app/rehearse/session"
)

// A mock interview is a drill that runs like a panel: each question is
// read aloud and answered; then the interviewer model asks up to the
// number of follow-ups chosen in Settings (one by default), each read
// aloud and answered as a take linked to its parent; then the next
// question comes by itself. With no interviewer model it asks the bank's
// questions only. The flow is practiceRun's (StartInterview, After).

// buildInterview makes the "Mock interview" button of the picker.
func (p *practiceScreen) buildInterview() {
	p.pick.startInterview = widget.NewButtonWithIcon("Mock interview", theme.AccountIcon(), p.onStartInterview)
}

// interviewerOn reports whether the interviewer model is on.
func (p *practiceScreen) interviewerOn() bool {
	return p.deps.Interviewer != nil && p.deps.Interviewer.Enabled()
}

// onStartInterview starts a mock interview of as many random questions of
// the category as a drill has.
func (p *practiceScreen) onStartInterview() {
	if qs := p.drillQuestions(); qs != nil {
		title := session.InterviewTitle(qs, p.categoryTitle())
		p.begin(p.run.StartInterview(qs, title, app.InterviewFollowUps(p.deps.Prefs)))
	}
}

// interviewNote says, at each question of a mock interview, why no
// follow-up came or will come; "" when they will (or outside an
// interview). A failed follow-up is said once.
func (p *practiceScreen) interviewNote(st practiceState) string {
	if failed := p.fu.failed; failed != "" {
		p.fu.failed = ""
		return failed
	}
	switch {
	case !st.Interview:
		return ""
	case !p.interviewerOn():
		return "Mock interview without follow-ups: the interviewer model is off (Settings → Interviewer model), so the bank's questions are asked one after another."
	case st.FollowUps == 0:
		return "Mock interview without follow-ups (Settings → Interviewer model → Mock interview)."
	}
	return ""
}

// progressText is the line above the question: "Question 2 of 5 ·
// Behavioural", or "Mock interview · question 2 of 5 · …".
func progressText(st practiceState) string {
	line := fmt.Sprintf("Question %d of %d · %s", st.Index+1, len(st.Questions), review.CategoryTitle(st.Question().Category))
	if st.Interview {
		line = fmt.Sprintf("Mock interview · question %d of %d · %s", st.Index+1, len(st.Questions), review.CategoryTitle(st.Question().Category))
	}
	return line
}

// afterTake moves a mock interview on by itself once an answer is saved:
// a follow-up about it, or the next question (or the end). A take that
// sounds silent stops it, so the warning about the microphone is read.
func (p *practiceScreen) afterTake(silent bool) {
	if silent {
		if p.run.State().Interview {
			p.status.SetText(p.status.Text + " The interview waits here: Retake, or Next question to go on.")
		}
		return
	}
	switch p.run.After(p.interviewerOn()) {
	case afterFollowUp:
		p.onFollowUp()
	case afterNext:
		p.onNext()
	}
}
