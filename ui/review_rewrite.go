package ui

import (
	"context"
	"fmt"

	"github.com/rehearse-app/rehearse/coach"
	"github.com/rehearse-app/rehearse/session"
)

// onRewrite asks for a stronger answer, off the UI goroutine; it is saved
// with the take, and the take is reloaded to show it.
func (s *reviewScreen) onRewrite() {
	if s.take == nil || !s.interviewerOn() {
		return
	}
	ivm, sess, tk, do := s.deps.Interviewer, s.sess, s.take, s.do
	s.opinion.rewriteBtn.Disable()
	s.opinion.status.SetText("Asking the interviewer model for a stronger answer…")
	s.tabs.Select(s.opinion.tab)
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), interviewerTimeout)
		defer cancel()
		rw, err := ivm.Rewrite(ctx, sess, tk)
		do(func() { s.gotRewrite(tk.ID, rw, err) })
	}()
}

// gotRewrite shows the outcome of a rewrite request for take takeID.
func (s *reviewScreen) gotRewrite(takeID string, rw *coach.Rewrite, err error) {
	o := &s.opinion
	if s.take == nil || s.take.ID != takeID {
		return
	}
	enable(o.rewriteBtn, s.hasTranscript())
	switch {
	case err != nil && rw == nil:
		o.status.SetText(interviewerFailure("The stronger answer", err))
	case err != nil: // written but not saved
		o.status.SetText(fmt.Sprintf("The stronger answer is shown but was not saved: %v.", err))
		s.showRewrite(rw)
	default:
		o.status.SetText("The stronger answer is saved with the take." + noticesText(rw.Notices))
		s.refresh() // shows the saved rewrite
	}
}

// showRewrite shows the stronger answer beside the transcript: unsaved
// when given, else the one saved with the take.
func (s *reviewScreen) showRewrite(unsaved *coach.Rewrite) {
	o := &s.opinion
	o.original.SetText("")
	if s.hasTranscript() {
		o.original.SetText(s.take.Transcript.Text)
	}
	var saved *session.TakeRewrite
	if s.take != nil {
		saved = s.take.Rewrite
	}
	switch {
	case unsaved != nil:
		o.rewrite.SetText(unsaved.Text)
		o.rewriteAbout.SetText(rewriteAbout(unsaved.Model, len(unsaved.Placeholders), ""))
	case saved != nil:
		o.rewrite.SetText(saved.Text)
		o.rewriteAbout.SetText(rewriteAbout(saved.Model, saved.Placeholders, saved.Created.Local().Format("2 Jan 2006 15:04")))
	default:
		o.rewrite.SetText("")
		o.rewriteAbout.SetText("Not asked yet: press “Stronger answer”. It keeps your own facts; anything else shows as a placeholder such as [your number].")
	}
}

// rewriteAbout says who wrote a rewrite, when, and how many facts are
// left for the user to fill in.
func rewriteAbout(model string, placeholders int, when string) string {
	out := "Written by " + model
	if when != "" {
		out += " on " + when
	}
	out += ", saved with the take."
	if when == "" {
		out = "Written by " + model + "."
	}
	switch placeholders {
	case 0:
	case 1:
		out += " 1 placeholder marks a fact only you can give."
	default:
		out += fmt.Sprintf(" %d placeholders mark facts only you can give.", placeholders)
	}
	return out
}
