package ui

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/rehearse-app/rehearse/coach"
)

// practiceFollowUp is the interviewer model's follow-up on the practice
// screen: after a take, "Follow-up question" asks one question grounded in
// the answer, reads it aloud with the same voice, and then the think time
// and the recording run as for a retake. The take recorded is linked to
// the take it follows up (session.TakeFollowUp).
type practiceFollowUp struct {
	btn    *widget.Button
	asking bool
	// parent and fu are the follow-up being answered; fu is nil when none.
	parent string
	fu     *coach.FollowUp
	// shown is the prompt text while the follow-up is answered: a take
	// saved while the prompt still shows it answers the follow-up.
	shown string
	// failed says why a mock interview's last follow-up did not come, for
	// the next question to show; "" when none failed.
	failed string
	// reading is set while the follow-up is read aloud: Skip goes on to
	// the think time, as for a question.
	reading bool
}

// buildFollowUp makes the follow-up button, hidden until the interviewer
// model is on and a take is saved.
func (p *practiceScreen) buildFollowUp() {
	p.fu.btn = widget.NewButtonWithIcon("Follow-up question", theme.QuestionIcon(), p.onFollowUp)
	p.fu.btn.Hide()
}

// renderFollowUp shows the button when the interviewer model is on, and
// enables it once a take of the run is saved.
func (p *practiceScreen) renderFollowUp(st practiceState) {
	on := p.deps.Interviewer != nil && p.deps.Interviewer.Enabled() && st.Started
	if on {
		p.fu.btn.Show()
	} else {
		p.fu.btn.Hide()
	}
	enable(p.fu.btn, on && st.Phase == phaseDone && st.LastTake != "" && !p.fu.asking)
}

// onFollowUp asks the interviewer model for a follow-up about the take
// just saved, off the UI goroutine; the transcript is waited for.
func (p *practiceScreen) onFollowUp() {
	st := p.run.State()
	ivm := p.deps.Interviewer
	if ivm == nil || st.Phase != phaseDone || st.LastTake == "" {
		return
	}
	sessID, parent, do := st.SessionID, st.LastTake, p.do
	phaseCtx := p.newPhaseContext() // Retake and Next cancel it
	p.fu.asking = true
	p.run.FollowUpAsked()
	p.renderFollowUp(st)
	p.status.SetText("Waiting for the transcript of your answer, then asking the interviewer model for a follow-up…")
	go func() {
		ctx, cancel := context.WithTimeout(phaseCtx, interviewerTimeout)
		defer cancel()
		fu, err := ivm.FollowUp(ctx, sessID, parent)
		do(func() { p.gotFollowUp(phaseCtx, parent, fu, err) })
	}()
}

// gotFollowUp shows the follow-up and reads it aloud, then the think time
// and the recording follow; a failure says why in plain words.
func (p *practiceScreen) gotFollowUp(ctx context.Context, parent string, fu *coach.FollowUp, err error) {
	p.fu.asking = false
	st := p.run.State()
	p.renderFollowUp(st)
	if ctx.Err() != nil || st.Phase != phaseDone {
		return // Retake or Next came first
	}
	if err != nil {
		if st.Interview {
			// the interview goes on; the next question says why
			p.fu.failed = fmt.Sprintf("No follow-up question: %v.", err)
			p.onNext()
			return
		}
		p.status.SetText(fmt.Sprintf("No follow-up question: %v. Retake or go on to the next question.", err))
		return
	}
	p.fu.parent, p.fu.fu, p.fu.shown = parent, fu, fu.Question
	p.progress.SetText(progressText(st) + " · follow-up")
	p.prompt.SetText(fu.Question)
	speaker, err := p.speaker()
	if err != nil || speaker == nil {
		if err != nil {
			p.addNotice(fmt.Sprintf("Not reading the follow-up aloud: %v", err))
		}
		p.enter(p.run.Retake())
		return
	}
	p.status.SetText("Reading the follow-up aloud…")
	sayCtx := p.newPhaseContext()
	p.fu.reading = true
	p.render(p.run.State())
	do := p.do
	go func() {
		err := speaker.Say(sayCtx, fu.Question)
		do(func() {
			if sayCtx.Err() != nil || p.run.State().Phase != phaseDone {
				return // Skip, Retake or Next came first
			}
			p.fu.reading = false
			if err != nil {
				p.addNotice(fmt.Sprintf("Could not read the follow-up aloud: %v", err))
			}
			p.enter(p.run.Retake())
		})
	}()
}

// skipFollowUpReading stops reading the follow-up aloud and starts its
// think time; it reports whether a follow-up was being read.
func (p *practiceScreen) skipFollowUpReading() bool {
	if !p.fu.reading || p.run.State().Phase != phaseDone {
		return false
	}
	p.fu.reading = false
	p.cancelPhase()
	p.enter(p.run.Retake())
	return true
}

// linkFollowUp marks the take just saved as the answer to the follow-up,
// when the prompt still shows it.
func (p *practiceScreen) linkFollowUp(sessID, takeID string) {
	if p.fu.fu == nil || p.deps.Interviewer == nil {
		return
	}
	if p.prompt.Text != p.fu.shown { // another question was asked since
		p.fu.fu, p.fu.parent, p.fu.shown = nil, "", ""
		return
	}
	if err := p.deps.Interviewer.LinkFollowUp(sessID, takeID, p.fu.parent, p.fu.fu); err != nil {
		p.notify(err)
	}
}
