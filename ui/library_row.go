package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/rehearse-app/rehearse/review"
	"github.com/rehearse-app/rehearse/session"
)

// libraryRow is one session in the library list: title and date, the
// questions asked, categories, length and takes, and average scores.
type libraryRow struct {
	widget.BaseWidget
	title, when, questions, detail, scores *widget.Label
	box                                    *fyne.Container
}

func newLibraryRow() *libraryRow {
	r := &libraryRow{
		title:     widget.NewLabel(""),
		when:      widget.NewLabel(""),
		questions: widget.NewLabel(""),
		detail:    widget.NewLabel(""),
		scores:    widget.NewLabel(""),
	}
	r.title.TextStyle = fyne.TextStyle{Bold: true}
	for _, l := range []*widget.Label{r.title, r.questions, r.detail, r.scores} {
		l.Truncation = fyne.TextTruncateEllipsis
	}
	// Labels carry their own inner padding; overlapping it keeps a row
	// compact so more sessions fit on screen.
	r.box = container.New(layout.NewCustomPaddedVBoxLayout(-theme.InnerPadding()),
		container.NewBorder(nil, nil, nil, r.when, r.title), r.questions, r.detail, r.scores)
	r.ExtendBaseWidget(r)
	return r
}

func (r *libraryRow) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.box) }

// set shows entry e.
func (r *libraryRow) set(e session.Entry) {
	t := rowTextOf(e)
	r.title.SetText(t.title)
	r.when.SetText(t.when)
	r.questions.SetText(t.questions)
	r.detail.SetText(t.detail)
	r.scores.SetText(t.scores)
	imp := widget.MediumImportance
	if e.Damaged {
		imp = widget.DangerImportance
	}
	if r.title.Importance != imp {
		r.title.Importance = imp
		r.questions.Importance = imp
		r.title.Refresh()
		r.questions.Refresh()
	}
}

// rowText is the text of one library row.
type rowText struct {
	title, when, questions, detail, scores string
}

// rowTextOf formats a library entry for its row.
func rowTextOf(e session.Entry) rowText {
	if e.Damaged {
		return rowText{
			title:     "Damaged session",
			when:      e.ID,
			questions: "Problem: " + e.Problem,
			detail:    "The other sessions are not affected. Delete this one, or repair its session.json.",
		}
	}
	t := rowText{title: entryTitle(e), when: e.Created.Local().Format("Mon 2 Jan 2006 15:04")}
	switch len(e.Questions) {
	case 0:
		t.questions = "No questions"
	case 1:
		t.questions = "Q: " + e.Questions[0]
	default:
		t.questions = fmt.Sprintf("%d questions: %s", len(e.Questions), strings.Join(e.Questions, " · "))
	}
	cats := make([]string, len(e.Categories))
	for i, c := range e.Categories {
		cats[i] = review.CategoryTitle(c)
	}
	parts := []string{}
	if len(cats) > 0 {
		parts = append(parts, strings.Join(cats, ", "))
	}
	parts = append(parts, fmt.Sprintf("%d %s", e.Takes, plural(e.Takes, "take", "takes")),
		clockText(e.TotalSeconds)+" total")
	if e.Notes > 0 {
		parts = append(parts, fmt.Sprintf("%d %s", e.Notes, plural(e.Notes, "note", "notes")))
	}
	t.detail = strings.Join(parts, " · ")
	t.scores = scoresText(e)
	return t
}

// scoreNames are the four scores in display order.
var scoreNames = []struct{ key, label string }{
	{"delivery", "Delivery"}, {"structure", "Structure"}, {"agency", "Agency"}, {"content", "Content"},
}

// scoresText gives a session's average scores, pace and fillers.
func scoresText(e session.Entry) string {
	if e.Reviewed == 0 {
		if e.Takes == 0 {
			return "No takes yet"
		}
		return "Not reviewed yet (no transcript)"
	}
	var parts []string
	for _, n := range scoreNames {
		if v, ok := e.Scores[n.key]; ok {
			parts = append(parts, fmt.Sprintf("%s %.0f", n.label, v))
		}
	}
	parts = append(parts, fmt.Sprintf("%.0f WPM", e.WPM), fmt.Sprintf("%.1f fillers/100 words", e.FillersPer100))
	s := "Average " + strings.Join(parts, " · ")
	if e.Reviewed < e.Takes {
		s += fmt.Sprintf(" (%d of %d takes reviewed)", e.Reviewed, e.Takes)
	}
	return s
}
