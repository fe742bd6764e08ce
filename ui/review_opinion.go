package ui

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/rehearse-app/rehearse/app"
	"github.com/rehearse-app/rehearse/coach"
)

// reviewOpinion is the interviewer model's part of the review screen: the
// "Ask the interviewer model" and "Stronger answer" buttons (shown only
// when the interviewer is on) and a tab beside the built-in review's with
// the second opinion (claims with their quotes, agreement with the
// built-in review, claims dropped) and the stronger answer beside the
// original. Nothing here changes the built-in review or its scores.
type reviewOpinion struct {
	askBtn       *widget.Button
	rewriteBtn   *widget.Button
	tab          *container.TabItem
	status       *widget.Label // what is happening, or what went wrong, in plain words
	dropped      *widget.Label // "n unsupported claims dropped"
	agree        *widget.Label // agreement and disagreement with the built-in review
	claims       *widget.Label // the claims with their quotes
	original     *widget.Label // the transcript, beside the rewrite
	rewrite      *widget.Label // the stronger answer
	rewriteAbout *widget.Label // who wrote it and when, placeholders
	takeID       string        // the take the shown opinion is about
	result       *app.Opinion  // the last second opinion, for takeID
	// askingFor is the take a second opinion is being asked about, and
	// cancel stops that request: another take opened, or the app closing,
	// cancels it rather than wait for an answer nobody will see.
	askingFor string
	cancel    context.CancelFunc
	asked     int // counts requests; an answer to an older one is dropped
}

// buildOpinion makes the interviewer model's widgets.
func (s *reviewScreen) buildOpinion() {
	o := &s.opinion
	o.askBtn = widget.NewButtonWithIcon("Ask the interviewer model", theme.QuestionIcon(), s.onAskOpinion)
	o.rewriteBtn = widget.NewButtonWithIcon("Stronger answer", theme.DocumentCreateIcon(), s.onRewrite)
	o.askBtn.Hide()
	o.rewriteBtn.Hide()
	o.status, o.dropped, o.agree, o.claims = wrapLabel(""), wrapLabel(""), wrapLabel(""), wrapLabel("")
	o.original, o.rewrite, o.rewriteAbout = wrapLabel(""), wrapLabel(""), wrapLabel("")
	o.dropped.TextStyle = fyne.TextStyle{Italic: true}
	bold := func(t string) *widget.Label {
		l := widget.NewLabel(t)
		l.TextStyle = fyne.TextStyle{Bold: true}
		return l
	}
	body := container.NewVBox(
		o.status,
		bold("Second opinion"),
		wrapLabel("Shown beside the built-in review; it never changes the built-in scores."),
		o.agree, o.claims, o.dropped,
		widget.NewSeparator(),
		bold("Stronger answer"), o.rewriteAbout,
		container.NewGridWithColumns(2,
			container.NewVBox(bold("Your answer"), o.original),
			container.NewVBox(bold("Stronger answer"), o.rewrite)),
	)
	o.tab = container.NewTabItem("Interviewer", container.NewVScroll(body))
}

// opinionButtons are the header's interviewer buttons.
func (s *reviewScreen) opinionButtons() []fyne.CanvasObject {
	return []fyne.CanvasObject{s.opinion.askBtn, s.opinion.rewriteBtn}
}

// interviewerOn reports whether the interviewer model is offered.
func (s *reviewScreen) interviewerOn() bool {
	return s.deps.Interviewer != nil && s.deps.Interviewer.Enabled()
}

// showOpinion shows the interviewer's part for the open take: the buttons
// and tab only when the interviewer is on, the saved stronger answer, and
// the second opinion when it is about this take.
func (s *reviewScreen) showOpinion() {
	o := &s.opinion
	s.showThread()
	on := s.interviewerOn() && s.take != nil
	for _, b := range []*widget.Button{o.askBtn, o.rewriteBtn} {
		if on {
			b.Show()
		} else {
			b.Hide()
		}
		enable(b, on && s.hasTranscript())
	}
	s.showOpinionTab(on)
	if o.cancel != nil && (s.take == nil || s.take.ID != o.askingFor) {
		s.cancelOpinion()
	}
	if s.take == nil || o.takeID != s.take.ID {
		o.takeID, o.result = "", nil
		o.status.SetText("")
		if on && !s.hasTranscript() {
			o.status.SetText("The interviewer model needs a transcript: transcribe the take or type it first.")
		}
	}
	s.showOpinionResult()
	s.showRewrite(nil)
}

// showOpinionTab adds or removes the interviewer tab.
func (s *reviewScreen) showOpinionTab(on bool) {
	has := false
	for _, it := range s.tabs.Items {
		has = has || it == s.opinion.tab
	}
	switch {
	case on && !has:
		s.tabs.Append(s.opinion.tab)
	case !on && has:
		s.tabs.Remove(s.opinion.tab)
	}
}

// onAskOpinion asks for a second opinion on the open take, off the UI
// goroutine.
func (s *reviewScreen) onAskOpinion() {
	if s.take == nil || !s.interviewerOn() {
		return
	}
	ivm, sess, tk, do := s.deps.Interviewer, s.sess, s.take, s.do
	s.cancelOpinion()
	ctx, cancel := context.WithTimeout(context.Background(), interviewerTimeout)
	s.opinion.asked++
	n := s.opinion.asked
	s.opinion.askingFor, s.opinion.cancel = tk.ID, cancel
	s.opinion.askBtn.Disable()
	s.opinion.status.SetText("Asking the interviewer model for a second opinion…")
	s.tabs.Select(s.opinion.tab)
	go func() {
		defer cancel()
		op, err := ivm.SecondOpinion(ctx, sess, tk)
		do(func() { s.gotOpinion(n, tk.ID, op, err) })
	}()
}

// cancelOpinion stops a second-opinion request still running.
func (s *reviewScreen) cancelOpinion() {
	if o := &s.opinion; o.cancel != nil {
		o.cancel()
		o.cancel, o.askingFor = nil, ""
	}
}

// gotOpinion shows the answer to request n, a second opinion on take
// takeID, unless a newer request was made or another take is open by now.
func (s *reviewScreen) gotOpinion(n int, takeID string, op *app.Opinion, err error) {
	o := &s.opinion
	if n != o.asked {
		return // superseded
	}
	o.cancel, o.askingFor = nil, ""
	if s.take == nil || s.take.ID != takeID {
		return
	}
	enable(o.askBtn, s.hasTranscript())
	if err != nil {
		o.status.SetText(interviewerFailure("The second opinion", err))
		return
	}
	o.takeID, o.result = takeID, op
	o.status.SetText(fmt.Sprintf("Second opinion from %s on %s.", op.Model, op.Server) + noticesText(op.Notices))
	s.showOpinionResult()
}

// noticesText is a model answer's notices as sentences after a status.
func noticesText(ns []string) string {
	if len(ns) == 0 {
		return ""
	}
	return " Note: " + strings.Join(ns, "; ") + "."
}

// showOpinionResult fills the second-opinion labels from o.result.
func (s *reviewScreen) showOpinionResult() {
	o := &s.opinion
	if o.result == nil {
		o.agree.SetText("")
		o.claims.SetText("Not asked yet: press “Ask the interviewer model”.")
		o.dropped.SetText("")
		return
	}
	o.agree.SetText(agreementText(o.result.Agreement))
	o.claims.SetText(claimsText(o.result.Opinion))
	o.dropped.SetText(o.result.UnsupportedLine())
}

// agreementText marks where the model agrees with the built-in review.
func agreementText(as []coach.Agreement) string {
	if len(as) == 0 {
		return "Nothing both reviews judged."
	}
	lines := []string{"Compared with the built-in review:"}
	for _, a := range as {
		mark := "✓ agrees"
		if !a.Agree {
			mark = "✗ disagrees"
		}
		lines = append(lines, fmt.Sprintf("%s — %s: model says %s, built-in says %s", mark, a.Item, a.Model, a.Builtin))
	}
	return strings.Join(lines, "\n")
}

// claimsText lists the opinion's claims, each with its quote.
func claimsText(op *coach.Opinion) string {
	var lines []string
	quoted := func(q coach.Quote, reason string) string {
		out := ""
		if q.Text != "" {
			out = fmt.Sprintf(" — “%s”", q.Text)
		}
		if reason != "" {
			out += " (" + reason + ")"
		}
		return out
	}
	for _, p := range op.TalkingPoints {
		v := "not covered"
		if p.Covered {
			v = "covered"
		}
		lines = append(lines, fmt.Sprintf("• %s: %s%s", p.Label, v, quoted(p.Quote, p.Reason)))
	}
	for _, v := range []struct {
		name string
		v    *coach.Verdict
	}{{"Agency", op.Agency}, {"Jump to solution", op.JumpToSolution}} {
		if v.v != nil && v.v.Verdict != coach.NotAssessed {
			lines = append(lines, fmt.Sprintf("• %s: %s%s", v.name, strings.ReplaceAll(v.v.Verdict, "-", " "), quoted(v.v.Quote, v.v.Reason)))
		}
	}
	for _, st := range op.Star {
		v := "missing"
		if st.Present {
			v = "present"
		}
		lines = append(lines, fmt.Sprintf("• STAR %s: %s%s", st.Element, v, quoted(st.Quote, st.Reason)))
	}
	if len(lines) == 0 {
		return "The model made no claim it could back with a quote."
	}
	return strings.Join(lines, "\n")
}
