package ui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/rehearse-app/rehearse/review"
	"github.com/rehearse-app/rehearse/session"
)

// reviewCompare is the comparison of the open take's question.
type reviewCompare struct {
	grid *fyne.Container // the last comparison shown
}

// compareColumn is one take in a comparison.
type compareColumn struct {
	title  string
	open   bool
	report *review.Report
	err    error
}

// onCompare reviews every take of the open take's question (off the UI
// goroutine) and shows their metrics and scores side by side.
func (s *reviewScreen) onCompare() {
	if s.take == nil {
		return
	}
	sess, qid, open := s.sess, s.take.QuestionID, s.takeID
	openRep := openReview{takeID: s.take.ID, report: s.report, err: s.reportErr}
	deps, do := s.deps, s.do
	s.head.compareBtn.Disable()
	go func() {
		cols := compareTakes(deps, sess, qid, open, openRep)
		do(func() {
			s.head.compareBtn.Enable()
			s.showCompare(cols)
		})
	}()
}

// openReview is the review the screen shows, of take takeID.
type openReview struct {
	takeID string
	report *review.Report
	err    error
}

// compareTakes reviews the takes of question qid. The review the screen
// shows came from ReviewTake when it loaded; it is used again rather than
// reading that take's recording once more.
func compareTakes(deps Deps, sess *session.Session, qid, open string, openRep openReview) []compareColumn {
	var cols []compareColumn
	n := 0
	for i := range sess.Takes {
		tk := &sess.Takes[i]
		if tk.QuestionID != qid {
			continue
		}
		n++
		c := compareColumn{title: fmt.Sprintf("Take %d · %s", n, clock(time.Duration(tk.Duration*float64(time.Second)))), open: tk.ID == open}
		switch {
		case tk.Transcript == nil || tk.Transcript.Text == "":
			c.err = fmt.Errorf("no transcript")
		case tk.ID == openRep.takeID && openRep.report != nil:
			c.report, c.err = openRep.report, openRep.err
		case deps.ReviewTake == nil:
			c.err = errNoReviewer
		default:
			c.report, c.err = deps.ReviewTake(sess, tk)
		}
		cols = append(cols, c)
	}
	return cols
}

// compareRows are the figures compared, in order.
var compareRows = []struct {
	label string
	value func(r *review.Report) string
}{
	{"Length", func(r *review.Report) string { return clock(secDuration(r.Metrics.DurationS)) }},
	{"Words", func(r *review.Report) string { return fmt.Sprint(r.Metrics.Words) }},
	{"Words a minute", func(r *review.Report) string { return fmt.Sprintf("%.0f", r.Metrics.WPM) }},
	{"Fillers per 100 words", func(r *review.Report) string { return fmt.Sprintf("%.1f", r.Metrics.FillersPer100Words) }},
	{"Hedges per 100 words", func(r *review.Report) string { return fmt.Sprintf("%.1f", r.Metrics.HedgesPer100Words) }},
	{"Longest pause", func(r *review.Report) string { return fmt.Sprintf("%.1f s", r.Metrics.LongestPauseS) }},
	{"Delivery", func(r *review.Report) string { return score(r.Scores.Delivery, r.ScoreReasons.Delivery) }},
	{"Structure", func(r *review.Report) string { return score(r.Scores.Structure, r.ScoreReasons.Structure) }},
	{"Agency", func(r *review.Report) string { return score(r.Scores.Agency, r.ScoreReasons.Agency) }},
	{"Content", func(r *review.Report) string { return score(r.Scores.Content, r.ScoreReasons.Content) }},
	{"Talking points", func(r *review.Report) string {
		n := 0
		for _, tp := range r.TalkingPoints {
			if tp.Covered {
				n++
			}
		}
		return fmt.Sprintf("%d of %d", n, len(r.TalkingPoints))
	}},
}

func score(v int, a review.AreaReasons) string {
	if !a.Assessed {
		return "—"
	}
	return fmt.Sprint(v)
}

// showCompare shows a comparison in a dialog.
func (s *reviewScreen) showCompare(cols []compareColumn) {
	grid := container.NewGridWithColumns(len(cols) + 1)
	bold := func(t string) *widget.Label {
		l := widget.NewLabel(t)
		l.TextStyle = fyne.TextStyle{Bold: true}
		return l
	}
	grid.Add(bold(""))
	for _, c := range cols {
		t := c.title
		if c.open {
			t += " (open)"
		}
		grid.Add(bold(t))
	}
	for _, row := range compareRows {
		grid.Add(bold(row.label))
		for _, c := range cols {
			switch {
			case c.err != nil:
				grid.Add(widget.NewLabel(c.err.Error()))
			case c.report == nil:
				grid.Add(widget.NewLabel("—"))
			default:
				grid.Add(widget.NewLabel(row.value(c.report)))
			}
		}
	}
	s.compare.grid = grid
	var body fyne.CanvasObject = container.NewVScroll(grid)
	if len(cols) < 2 {
		body = container.NewBorder(widget.NewLabel("Only one take of this question so far: retake it to compare."), nil, nil, nil, body)
	}
	d := dialog.NewCustom("Compare takes of this question", "Close", body, s.win)
	d.Resize(fyne.NewSize(float32(220+170*len(cols)), 480))
	d.Show()
}
