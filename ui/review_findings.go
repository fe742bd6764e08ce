package ui

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/rehearse-app/rehearse/review"
)

// showTranscript shows the transcript with its findings highlighted,
// markers for pauses and notes, and the current selection.
func (s *reviewScreen) showTranscript() {
	if !s.hasTranscript() {
		s.transcript.Hide()
		msg := "No transcript yet."
		if s.deps.Transcription == nil {
			msg += " Use “Type transcript” to type or paste what was said; the review runs on it."
		} else {
			msg += " Transcribe the take, or type it in with “Type transcript”."
		}
		s.emptyNote.SetText(msg)
		s.emptyNote.Show()
		return
	}
	s.emptyNote.Hide()
	s.transcript.Show()
	text := s.take.Transcript.Text
	var marks []textMark
	var inserts []textInsert
	if s.report != nil {
		for _, tp := range s.report.TalkingPoints {
			if tp.Covered && tp.End > tp.Start {
				marks = append(marks, textMark{tp.Start, tp.End, kindTalkingPoint})
			}
		}
		// Paint the wide positive and structural spans first, the word-level
		// flags on top.
		for pass := 0; pass < 2; pass++ {
			for i, f := range s.report.Findings {
				k := kindOfRule(f.Rule)
				wide := k == kindTradeoff || k == kindJump || k == kindOther
				if (pass == 0) != wide {
					continue
				}
				switch {
				case f.End > f.Start:
					marks = append(marks, textMark{f.Start, f.End, k})
				case pass == 1 && f.HasTime && (k == kindLongPause || k == kindVoicedGap):
					at := f.Start
					if !s.tl.timed {
						at = s.tl.offsetAt(f.TimeStart)
					}
					label := "[pause " + strconv.FormatFloat(f.TimeEnd-f.TimeStart, 'f', 1, 64) + " s] "
					if k == kindVoicedGap {
						label = "[um?] "
					}
					inserts = append(inserts, textInsert{at: at, text: label, kind: k, id: i})
				}
			}
		}
	}
	var noteSpans []textMark
	for i, n := range s.takeNotes() {
		switch {
		case n.Start >= 0 && n.End >= n.Start:
			noteSpans = append(noteSpans, textMark{n.Start, min(n.End, len(text)), kindNote})
			inserts = append(inserts, textInsert{at: min(n.End, len(text)), text: fmt.Sprintf(" [note %d]", i+1), kind: kindNote, id: i})
		case n.Time >= 0 && s.tl != nil:
			inserts = append(inserts, textInsert{at: s.tl.offsetAt(n.Time), text: fmt.Sprintf("[note %d] ", i+1), kind: kindNote, id: i})
		}
	}
	s.transcript.SetContent(text, marks, inserts, noteSpans)
	s.showSelection()
}

// showSelection shows the selected stretch (or the current finding's span).
func (s *reviewScreen) showSelection() {
	a, b := s.selA, s.selB
	if a < 0 && s.current >= 0 && s.report != nil {
		f := s.report.Findings[s.current]
		if f.End > f.Start {
			a, b = f.Start, f.End
		}
	}
	s.transcript.Select(a, b)
}

// onWordTapped selects the tapped word and plays from it.
func (s *reviewScreen) onWordTapped(off int) {
	if s.tl == nil {
		return
	}
	a, b := wordBounds(s.tl.text, off)
	if a >= b {
		return
	}
	s.selectText(a, b)
	s.updateAnchorHint()
	s.playFromText(a)
}

// onRangeSelected selects a stretch dragged across (for a note).
func (s *reviewScreen) onRangeSelected(a, b int) {
	s.selectText(a, b)
	s.updateAnchorHint()
}

// selectText selects the stretch [a, b) of the transcript in place of the
// current finding.
func (s *reviewScreen) selectText(a, b int) {
	s.current = -1
	s.highlightFindingRow()
	s.selA, s.selB = a, b
	s.showSelection()
}

// playFromText plays from the time of byte offset off, saying how that
// time was found.
func (s *reviewScreen) playFromText(off int) {
	t, basis := s.tl.timeAt(off)
	s.seekBasis = basis
	s.showSeekBasis()
	s.playFrom(t)
}

// onInsertTapped handles a tap on a marker: a pause plays from the pause,
// a note opens in the notes tab.
func (s *reviewScreen) onInsertTapped(id int, k spanKind) {
	if k == kindNote {
		notes := s.takeNotes()
		if id < len(notes) {
			s.tabs.SelectIndex(2)
			s.onEditNote(notes[id].ID)
		}
		return
	}
	s.selectFinding(id, true)
}

// selectFinding highlights finding i in the text and the list and, when
// play is set, plays from its time.
func (s *reviewScreen) selectFinding(i int, play bool) {
	if s.report == nil || i < 0 || i >= len(s.report.Findings) {
		return
	}
	s.current = i
	s.selA, s.selB = -1, -1
	s.showSelection()
	s.highlightFindingRow()
	s.updateAnchorHint()
	f := s.report.Findings[i]
	if kinds[kindOfRule(f.Rule)].whole && !f.HasTime {
		s.seekBasis = ""
		s.seekNote.SetText("This finding is about the answer as a whole.")
		return
	}
	t, basis := s.tl.findingTime(f)
	s.seekBasis = basis
	s.showSeekBasis()
	if play {
		s.playFrom(t)
	} else {
		s.seekTo(t)
	}
}

func (s *reviewScreen) showSeekBasis() {
	if s.playerErr != nil || s.seekBasis == "" {
		return
	}
	s.seekNote.SetText("Position found from " + s.seekBasis + ".")
}

// stepFinding selects the next (d=1) or previous (d=-1) finding that has
// a place in the answer.
func (s *reviewScreen) stepFinding(d int) {
	if s.report == nil {
		return
	}
	var placed []int
	for _, i := range findingOrder(s.report) {
		if f := s.report.Findings[i]; f.End > f.Start || f.HasTime {
			placed = append(placed, i)
		}
	}
	if len(placed) == 0 {
		return
	}
	at := -1
	for k, i := range placed {
		if i == s.current {
			at = k
		}
	}
	switch {
	case at < 0 && d > 0:
		at = 0
	case at < 0:
		at = len(placed) - 1
	default:
		at = (at + d + len(placed)) % len(placed)
	}
	s.selectFinding(placed[at], true)
	s.scrollFindingIntoView(placed[at])
}

// scrollFindingIntoView shows the findings tab scrolled to finding i.
func (s *reviewScreen) scrollFindingIntoView(i int) {
	for _, r := range s.findingRows {
		if r.index != i {
			continue
		}
		s.tabs.SelectIndex(0)
		y, top, h := r.Position().Y, s.findingsList.Offset.Y, s.findingsList.Size().Height
		if y < top || y+r.Size().Height > top+h {
			s.findingsList.Offset.Y = y
			s.findingsList.Refresh()
		}
		return
	}
}

// findingOrder lists the findings as the list shows them: those with a
// place in the answer in text (or time) order, then those about the
// answer as a whole.
func findingOrder(r *review.Report) []int {
	var placed, whole []int
	for i, f := range r.Findings {
		if f.End > f.Start || f.HasTime {
			placed = append(placed, i)
		} else {
			whole = append(whole, i)
		}
	}
	sort.SliceStable(placed, func(a, b int) bool {
		fa, fb := r.Findings[placed[a]], r.Findings[placed[b]]
		if fa.Start != fb.Start {
			return fa.Start < fb.Start
		}
		return fa.TimeStart < fb.TimeStart
	})
	return append(placed, whole...)
}

// showFindings lists the findings with their message and suggestion.
func (s *reviewScreen) showFindings() {
	s.findingRows = nil
	var objs []fyne.CanvasObject
	switch {
	case errors.Is(s.reportErr, review.ErrEmptyTranscript):
		l := widget.NewLabel("Nothing to review: the transcript is empty. Edit the transcript to type what was said.")
		l.Wrapping = fyne.TextWrapWord
		objs = append(objs, l)
	case s.reportErr != nil:
		l := widget.NewLabel("The take could not be reviewed: " + s.reportErr.Error())
		l.Wrapping = fyne.TextWrapWord
		objs = append(objs, l)
	case s.report == nil:
		l := widget.NewLabel("No findings yet: the review runs once the take has a transcript.")
		l.Wrapping = fyne.TextWrapWord
		objs = append(objs, l)
	case len(s.report.Findings) == 0:
		objs = append(objs, widget.NewLabel("Nothing flagged."))
	default:
		hint := widget.NewLabel("Click a finding to hear it; N / P step through them.")
		hint.SizeName = theme.SizeNameCaptionText
		objs = append(objs, hint)
		for _, i := range findingOrder(s.report) {
			f := s.report.Findings[i]
			row := newFindingRow(s.findingTitle(f), f, s.findingWhere(f), func() { s.selectFinding(i, true) })
			row.index = i
			s.findingRows = append(s.findingRows, row)
			objs = append(objs, row)
		}
	}
	s.findingsBox.Objects = objs
	s.findingsBox.Refresh()
	// Wrapped labels know their height only once they have their width:
	// lay the list out again now that they do.
	s.findingsList.Refresh()
	s.highlightFindingRow()
}

func (s *reviewScreen) findingTitle(f review.Finding) string {
	if s.deps.Reviewer != nil {
		return s.deps.Reviewer.Rules().Title(f.Rule)
	}
	return review.RuleTitle(f.Rule)
}

// findingWhere says where a finding is: its words and time.
func (s *reviewScreen) findingWhere(f review.Finding) string {
	var parts []string
	if f.Text != "" && f.End > f.Start {
		t := f.Text
		if r := []rune(t); len(r) > 60 {
			t = string(r[:57]) + "…"
		}
		parts = append(parts, "“"+t+"”")
	}
	if f.HasTime || f.End > f.Start {
		t, _ := s.tl.findingTime(f)
		parts = append(parts, "at "+clock(secDuration(t)))
	} else if kinds[kindOfRule(f.Rule)].whole {
		parts = append(parts, "whole answer")
	}
	return strings.Join(parts, " · ")
}

func (s *reviewScreen) highlightFindingRow() {
	for _, r := range s.findingRows {
		r.setSelected(r.index == s.current)
	}
}

// showScores shows the metrics, the four scores with what moved them, and
// the talking points.
func (s *reviewScreen) showScores() {
	s.scoresBox.RemoveAll()
	s.pointsBox.RemoveAll()
	r := s.report
	if r == nil {
		s.metrics.SetText("No metrics yet: the take needs a transcript.")
		if errors.Is(s.reportErr, review.ErrEmptyTranscript) {
			s.metrics.SetText("No scores: the transcript has no words.")
		}
		return
	}
	s.metrics.SetText(metricsText(r))
	areas := []struct {
		name  string
		score int
		why   review.AreaReasons
	}{
		{"Delivery", r.Scores.Delivery, r.ScoreReasons.Delivery},
		{"Structure", r.Scores.Structure, r.ScoreReasons.Structure},
		{"Agency", r.Scores.Agency, r.ScoreReasons.Agency},
		{"Content", r.Scores.Content, r.ScoreReasons.Content},
	}
	for _, a := range areas {
		head := widget.NewLabel(fmt.Sprintf("%s: %d / 100", a.name, a.score))
		head.TextStyle = fyne.TextStyle{Bold: true}
		why := reasonsText(a.why, s.findingTitle)
		if !a.why.Assessed {
			head.SetText(a.name + ": not assessed")
		}
		l := widget.NewLabel(why)
		l.Wrapping = fyne.TextWrapWord
		s.scoresBox.Add(container.NewVBox(head, l))
	}
	if len(r.TalkingPoints) == 0 {
		s.pointsBox.Add(widget.NewLabel("This question has no talking points."))
	}
	for _, tp := range r.TalkingPoints {
		s.addPointRow(tp.Label, tp.Covered, tp.Partial, tp.Optional, tp.Start, tp.End)
	}
	if len(r.Star) > 0 {
		head := widget.NewLabel("Story structure (STAR)")
		head.TextStyle = fyne.TextStyle{Bold: true}
		s.pointsBox.Add(head)
		for _, h := range r.Star {
			s.addPointRow(h.Label, h.Present, false, false, h.Start, h.End)
		}
	}
}

// addPointRow adds one talking point or STAR element: a tick or a cross,
// and, when covered, a button that selects and plays its evidence.
func (s *reviewScreen) addPointRow(label string, covered, partial, optional bool, start, end int) {
	icon := widget.NewIcon(theme.ConfirmIcon())
	switch {
	case partial:
		icon = widget.NewIcon(theme.WarningIcon())
		label += " (partly covered)"
		covered = end > start
	case !covered && optional:
		icon = widget.NewIcon(theme.InfoIcon())
		label += " (optional)"
	case !covered:
		icon = widget.NewIcon(theme.CancelIcon())
		label += " (missing)"
	}
	if covered && end > start {
		b := widget.NewButton(label, func() {
			s.selectText(start, end)
			s.updateAnchorHint()
			s.playFromText(start)
		})
		b.Alignment = widget.ButtonAlignLeading
		b.Importance = widget.LowImportance
		s.pointsBox.Add(container.NewBorder(nil, nil, icon, nil, b))
		return
	}
	l := widget.NewLabel(label)
	l.Wrapping = fyne.TextWrapWord
	s.pointsBox.Add(container.NewBorder(nil, nil, icon, nil, l))
}

// metricsText is the metrics of a report in a few lines.
func metricsText(r *review.Report) string {
	m := r.Metrics
	lines := []string{fmt.Sprintf("%d words · %s long · %s speaking · %.0f words a minute",
		m.Words, clock(secDuration(m.DurationS)), clock(secDuration(m.SpeakingS)), m.WPM)}
	lines = append(lines, fmt.Sprintf("%d filler words (%.1f per 100 words) · %d hedges (%.1f per 100 words) · %d likely untranscribed fillers",
		m.Fillers, m.FillersPer100Words, m.Hedges, m.HedgesPer100Words, m.VoicedGaps))
	lines = append(lines, fmt.Sprintf("Longest pause %.1f s · %d pauses over 2 s", m.LongestPauseS, m.PausesOver2s))
	if m.TargetS > 0 {
		lines = append(lines, fmt.Sprintf("Length: %.0f%% of the %d s answer time", m.LengthPct, m.TargetS))
	}
	if p := r.Pace; p != nil {
		lines = append(lines, fmt.Sprintf("Pace %.0f wpm against a comfortable %.0f–%.0f (%s; measured from %s)",
			p.WPM, p.MinWPM, p.MaxWPM, p.Source, p.Basis))
	}
	return strings.Join(lines, "\n")
}

// reasonsText says what moved a score.
func reasonsText(a review.AreaReasons, title func(review.Finding) string) string {
	if !a.Assessed {
		return "No rule of this area applied to this answer, so the score means nothing here."
	}
	if len(a.Reasons) == 0 {
		return "Nothing moved it."
	}
	var parts []string
	for _, r := range a.Reasons {
		sign := "+"
		if r.Points < 0 {
			sign = "−"
		}
		pts := r.Points
		if pts < 0 {
			pts = -pts
		}
		parts = append(parts, fmt.Sprintf("%s ×%d: %s%d", title(review.Finding{Rule: r.Rule}), r.Count, sign, pts))
	}
	return strings.Join(parts, "\n")
}

// findingRow is one finding in the list: a swatch of its kind, its title,
// where it is, its message and suggestion. Tapping it selects it.
type findingRow struct {
	widget.BaseWidget
	onTap    func()
	index    int // in the report's findings
	bg       *canvas.Rectangle
	body     fyne.CanvasObject
	selected bool
	title    string
}

func newFindingRow(title string, f review.Finding, where string, onTap func()) *findingRow {
	r := &findingRow{onTap: onTap, title: title}
	head := widget.NewRichText(
		&widget.TextSegment{Text: title, Style: widget.RichTextStyle{Inline: true, TextStyle: fyne.TextStyle{Bold: true}}},
		&widget.TextSegment{Text: "  " + where, Style: widget.RichTextStyle{Inline: true, ColorName: theme.ColorNamePlaceHolder}},
	)
	head.Wrapping = fyne.TextWrapWord
	lines := []fyne.CanvasObject{head}
	if f.Message != "" && f.Message != title {
		msg := widget.NewLabel(f.Message)
		msg.Wrapping = fyne.TextWrapWord
		lines = append(lines, msg)
	}
	if f.Suggestion != "" {
		sug := widget.NewLabel("Try: " + f.Suggestion)
		sug.Wrapping = fyne.TextWrapWord
		sug.TextStyle = fyne.TextStyle{Italic: true}
		lines = append(lines, sug)
	}
	r.bg = canvas.NewRectangle(theme.Color(theme.ColorNameBackground))
	r.bg.CornerRadius = 4
	box := container.New(layout.NewCustomPaddedVBoxLayout(0), lines...)
	r.body = container.NewBorder(nil, nil, container.NewVBox(container.NewPadded(newKindSwatch(kindOfRule(f.Rule)))), nil, box)
	r.ExtendBaseWidget(r)
	return r
}

func (r *findingRow) setSelected(on bool) {
	if r.selected == on {
		return
	}
	r.selected = on
	r.Refresh()
}

// Cursor shows that the finding can be clicked.
func (r *findingRow) Cursor() desktop.Cursor { return desktop.PointerCursor }

// Tapped selects the finding.
func (r *findingRow) Tapped(*fyne.PointEvent) {
	if r.onTap != nil {
		r.onTap()
	}
}

func (r *findingRow) CreateRenderer() fyne.WidgetRenderer {
	return &findingRowRenderer{r: r}
}

type findingRowRenderer struct{ r *findingRow }

func (f *findingRowRenderer) Layout(size fyne.Size) {
	f.r.bg.Resize(size)
	f.r.body.Resize(size)
}
func (f *findingRowRenderer) MinSize() fyne.Size { return f.r.body.MinSize() }
func (f *findingRowRenderer) Refresh() {
	if f.r.selected {
		f.r.bg.FillColor = theme.Color(theme.ColorNameSelection)
	} else {
		f.r.bg.FillColor = theme.Color(theme.ColorNameBackground)
	}
	f.r.bg.Refresh()
	f.r.body.Refresh()
}
func (f *findingRowRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{f.r.bg, f.r.body}
}
func (f *findingRowRenderer) Destroy() {}
