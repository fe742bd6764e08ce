package ui

import (
	"errors"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/rehearse-app/rehearse/review"
)

// reviewFindings is the findings list and the scores tab.
type reviewFindings struct {
	box       *fyne.Container
	list      *container.Scroll
	rows      []*findingRow
	metrics   *widget.Label
	scoresBox *fyne.Container
	pointsBox *fyne.Container
}

func (s *reviewScreen) buildFindings() {
	s.findings.box = container.NewVBox()
	s.findings.list = container.NewVScroll(s.findings.box)
	s.findings.metrics = widget.NewLabel("")
	s.findings.metrics.Wrapping = fyne.TextWrapWord
	s.findings.scoresBox = container.NewVBox()
	s.findings.pointsBox = container.NewVBox()
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
	if s.kinds.info(s.kinds.ofRule(f.Rule)).whole() && !f.HasTime {
		s.playback.seekBasis = ""
		s.playback.seekNote.SetText("This finding is about the answer as a whole.")
		return
	}
	t, basis := s.tl.FindingTime(f)
	s.playback.seekBasis = basis
	s.showSeekBasis()
	if play {
		s.playFrom(t)
	} else {
		s.seekTo(t)
	}
}

func (s *reviewScreen) showSeekBasis() {
	if s.playback.playerErr != nil || s.playback.seekBasis == "" {
		return
	}
	s.playback.seekNote.SetText("Position found from " + string(s.playback.seekBasis) + ".")
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
	for _, r := range s.findings.rows {
		if r.index != i {
			continue
		}
		s.tabs.SelectIndex(0)
		y, top, h := r.Position().Y, s.findings.list.Offset.Y, s.findings.list.Size().Height
		if y < top || y+r.Size().Height > top+h {
			s.findings.list.Offset.Y = y
			s.findings.list.Refresh()
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
	s.findings.rows = nil
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
			row := newFindingRow(s.findingTitle(f), f, s.findingWhere(f), s.kinds.swatch(s.kinds.ofRule(f.Rule)), func() { s.selectFinding(i, true) })
			row.index = i
			s.findings.rows = append(s.findings.rows, row)
			objs = append(objs, row)
		}
	}
	s.findings.box.Objects = objs
	s.findings.box.Refresh()
	// Wrapped labels know their height only once they have their width:
	// lay the list out again now that they do.
	s.findings.list.Refresh()
	s.highlightFindingRow()
}

// findingTitle is the human name of a finding's rule, from its rule file.
func (s *reviewScreen) findingTitle(f review.Finding) string {
	return s.kinds.title(f.Rule)
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
		t, _ := s.tl.FindingTime(f)
		parts = append(parts, "at "+clock(secDuration(t)))
	} else if s.kinds.info(s.kinds.ofRule(f.Rule)).whole() {
		parts = append(parts, "whole answer")
	}
	return strings.Join(parts, " · ")
}

func (s *reviewScreen) highlightFindingRow() {
	for _, r := range s.findings.rows {
		r.setSelected(r.index == s.current)
	}
}
