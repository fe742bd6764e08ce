package ui

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/rehearse-app/rehearse/app"
	"github.com/rehearse-app/rehearse/coach"
	"github.com/rehearse-app/rehearse/review"
	"github.com/rehearse-app/rehearse/transcribe"
)

// tailoredCounts are the numbers of questions offered.
var tailoredCounts = []string{"1", "2", "3", "5", "8", "10", "15", "20"}

// tailoredOffText explains how to get tailored questions while the
// interviewer model is off.
const tailoredOffText = "Questions from a job description are drafted by the interviewer model, which is off. " +
	"To use it, go to Settings → Interviewer model (further down this page), tick “Use an interviewer model”, " +
	"choose OpenAI or a local server such as Ollama, and press Test. Then come back here."

// tailoredDialog asks the interviewer model for questions tailored to a
// pasted job description. The request runs off the UI goroutine with a
// progress bar and can be cancelled; good questions are saved as a new
// question file in the user's folder and appear in the picker, bad ones
// are refused with the reason and nothing is written.
type tailoredDialog struct {
	win     fyne.Window
	tailor  func(ctx context.Context, job string, n int) (*app.Tailored, error)
	do      func(func())
	onSaved func(*app.Tailored) // on the UI goroutine, after a file was saved

	job      *widget.Entry
	count    *widget.Select
	draft    *widget.Button
	cancel   *widget.Button // cancels a running request, else closes
	progress *widget.ProgressBarInfinite
	status   *widget.Label // what is happening, or the refusal's reason
	form     *widget.Form
	result   *widget.Label // what was saved and where, in place of the job description
	results  *container.Scroll
	dlg      *dialog.CustomDialog

	stop    context.CancelFunc // the running request's; nil when idle
	saved   *app.Tailored      // the last questions saved
	enabled bool               // the interviewer model was on when the dialog opened
}

// newTailoredDialog builds the dialog; enabled says whether the
// interviewer model is on (off, it explains how to switch it on).
func newTailoredDialog(win fyne.Window, enabled bool, tailor func(context.Context, string, int) (*app.Tailored, error),
	do func(func()), onSaved func(*app.Tailored)) *tailoredDialog {
	d := &tailoredDialog{win: win, tailor: tailor, do: do, onSaved: onSaved, enabled: enabled}
	d.job = widget.NewMultiLineEntry()
	d.job.SetPlaceHolder("Paste the job description here: the title, what you would do, the tools and the team.")
	d.job.Wrapping = fyne.TextWrapWord
	d.job.SetMinRowsVisible(10)
	d.count = widget.NewSelect(tailoredCounts, nil)
	d.count.SetSelected(strconv.Itoa(app.DefaultTailoredCount))
	d.draft = widget.NewButtonWithIcon("Draft questions", theme.DocumentCreateIcon(), d.onDraft)
	d.draft.Importance = widget.HighImportance
	d.cancel = widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), d.onCancel)
	d.progress = widget.NewProgressBarInfinite()
	d.progress.Hide()
	d.progress.Stop()
	d.status = wrapLabel("")
	intro := wrapLabel("The interviewer model writes interview questions for this job, each with talking points. " +
		"They are checked like any question file and saved as a new file in your questions folder, which you can edit. " +
		"Sent: the job description, and the ids of questions drafted before; nothing else.")
	d.form = widget.NewForm(widget.NewFormItem("Questions", container.NewHBox(d.count)))
	d.result = wrapLabel("")
	d.results = container.NewVScroll(d.result)
	d.results.Hide()
	body := container.NewBorder(intro, container.NewVBox(d.form, d.progress, d.status), nil, nil,
		container.NewStack(d.job, d.results))
	if !enabled {
		d.status.SetText(tailoredOffText)
		d.job.Disable()
		d.count.Disable()
		d.draft.Disable()
	}
	d.dlg = dialog.NewCustomWithoutButtons("Questions from a job description", body, win)
	d.dlg.SetButtons([]fyne.CanvasObject{d.cancel, d.draft})
	d.dlg.Resize(fyne.NewSize(640, 560))
	return d
}

// show shows the dialog.
func (d *tailoredDialog) show() { d.dlg.Show() }

// running reports whether a request is on its way.
func (d *tailoredDialog) running() bool { return d.stop != nil }

// onDraft sends the request off the UI goroutine.
func (d *tailoredDialog) onDraft() {
	if d.running() || !d.enabled {
		return
	}
	job := strings.TrimSpace(d.job.Text)
	if job == "" {
		d.status.SetText("Paste a job description first.")
		return
	}
	n, err := strconv.Atoi(d.count.Selected)
	if err != nil || n < 1 {
		n = app.DefaultTailoredCount
	}
	ctx, cancel := context.WithTimeout(context.Background(), interviewerTimeout)
	d.stop = cancel
	d.setBusy(true)
	d.status.SetText(fmt.Sprintf("Asking the interviewer model for %d questions… A local model can take a minute or two.", n))
	tailor, do := d.tailor, d.do
	go func() {
		defer cancel()
		res, err := tailor(ctx, job, n)
		do(func() { d.finish(res, err) })
	}()
}

// onCancel cancels the running request, or closes the dialog.
func (d *tailoredDialog) onCancel() {
	if d.running() {
		d.stop()
		d.cancel.Disable()
		d.status.SetText("Cancelling…")
		return
	}
	d.dlg.Hide()
}

// setBusy shows or hides the progress bar and locks the form meanwhile.
func (d *tailoredDialog) setBusy(busy bool) {
	for _, w := range []fyne.Disableable{d.job, d.count, d.draft} {
		if busy {
			w.Disable()
		} else {
			w.Enable()
		}
	}
	d.cancel.Enable()
	if busy {
		d.progress.Show()
		d.progress.Start()
	} else {
		d.progress.Stop()
		d.progress.Hide()
	}
	d.dlg.Refresh() // lay the dialog out again around the progress bar
}

// finish shows the outcome of a request, on the UI goroutine.
func (d *tailoredDialog) finish(res *app.Tailored, err error) {
	d.stop = nil
	d.setBusy(false)
	if err != nil {
		d.status.SetText(tailoredFailure(err))
		return
	}
	// A request cancelled too late to stop has still saved its questions:
	// the dialog says so rather than claim it was cancelled.
	d.saved = res
	d.status.SetText("")
	d.job.Hide()
	d.form.Hide()
	d.results.Show()
	d.result.SetText(tailoredSaved(res))
	d.results.Refresh()
	if d.onSaved != nil {
		d.onSaved(res)
	}
	// The same buttons stay (a new button row would be laid out late):
	// Cancel becomes Done, which closes the dialog.
	d.draft.Hide()
	d.cancel.SetText("Done")
	d.cancel.SetIcon(theme.ConfirmIcon())
	d.cancel.Importance = widget.HighImportance
	d.cancel.Refresh()
	d.dlg.Refresh()
}

// tailoredFailure says in plain words why no questions were saved.
func tailoredFailure(err error) string {
	switch {
	case errors.Is(err, context.Canceled) || errors.Is(err, transcribe.ErrCanceled):
		return "Cancelled. Nothing was saved."
	case errors.Is(err, app.ErrInterviewerOff):
		return tailoredOffText
	case errors.Is(err, coach.ErrBadQuestions):
		reason := err.Error()
		if i := strings.Index(reason, coach.ErrBadQuestions.Error()+": "); i >= 0 {
			reason = reason[i+len(coach.ErrBadQuestions.Error())+2:]
		}
		return "The interviewer model's questions were refused, so nothing was saved. They did not pass the checks every question file must pass: " +
			reason + ". Try again: models often get it right the second time, or with fewer questions."
	}
	return fmt.Sprintf("Drafting the questions did not work: %v. Nothing was saved.", err)
}

// tailoredSaved says what was saved, where, and what to do with it.
func tailoredSaved(res *app.Tailored) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Saved %d %s to %s\n", len(res.Questions), plural(len(res.Questions), "question", "questions"), res.Path)
	b.WriteString("They are in the question picker on the Practice screen now. The file is yours: edit it in any text editor, then press Reload question files.\n")
	for _, q := range res.Questions {
		fmt.Fprintf(&b, "\n• %s: %s", review.CategoryTitle(q.Category), q.Prompt)
	}
	for _, n := range res.Notices {
		b.WriteString("\n\nNote: " + n + ".")
	}
	if len(res.Problems) > 0 {
		fmt.Fprintf(&b, "\n\n%d problems in your other question files: see Settings → Question banks.", len(res.Problems))
	}
	return b.String()
}
