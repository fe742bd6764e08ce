package ui

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/rehearse-app/rehearse/review"
)

func (s *reviewScreen) scoresPanel() fyne.CanvasObject {
	return container.NewVScroll(container.NewVBox(
		heading("Metrics"), s.findings.metrics, widget.NewSeparator(),
		heading("Scores"), s.findings.scoresBox, widget.NewSeparator(),
		heading("Talking points"), s.findings.pointsBox))
}

// showScores shows the metrics, the four scores with what moved them, and
// the talking points.
func (s *reviewScreen) showScores() {
	s.findings.scoresBox.RemoveAll()
	s.findings.pointsBox.RemoveAll()
	r := s.report
	if r == nil {
		s.findings.metrics.SetText("No metrics yet: the take needs a transcript.")
		if errors.Is(s.reportErr, review.ErrEmptyTranscript) {
			s.findings.metrics.SetText("No scores: the transcript has no words.")
		}
		return
	}
	s.findings.metrics.SetText(metricsText(r))
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
		s.findings.scoresBox.Add(container.NewVBox(head, l))
	}
	if r.Metrics.Words == 0 && r.Metrics.WPMAudio > 0 {
		l := widget.NewLabel("Talking points need a transcript: not assessed. Transcribe the take, or type what you said, to have them checked.")
		l.Wrapping = fyne.TextWrapWord
		s.findings.pointsBox.Add(l)
		return
	}
	if len(r.TalkingPoints) == 0 {
		s.findings.pointsBox.Add(widget.NewLabel("This question has no talking points."))
	}
	for _, tp := range r.TalkingPoints {
		s.addPointRow(tp.Label, tp.Covered, tp.Partial, tp.Optional, tp.Start, tp.End)
	}
	if len(r.Star) > 0 {
		head := widget.NewLabel("Story structure (STAR)")
		head.TextStyle = fyne.TextStyle{Bold: true}
		s.findings.pointsBox.Add(head)
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
		s.findings.pointsBox.Add(container.NewBorder(nil, nil, icon, nil, b))
		return
	}
	l := widget.NewLabel(label)
	l.Wrapping = fyne.TextWrapWord
	s.findings.pointsBox.Add(container.NewBorder(nil, nil, icon, nil, l))
}

// metricsText is the metrics of a report in a few lines.
func metricsText(r *review.Report) string {
	m := r.Metrics
	var lines []string
	switch {
	case m.Words == 0 && m.WPMAudio > 0:
		lines = append(lines, fmt.Sprintf("From the recording alone: %s long · %s speaking · about %.0f words a minute (estimated from syllables)",
			clock(secDuration(m.DurationS)), clock(secDuration(m.SpeakingS)), m.WPMAudio))
	case m.Words == 0 && m.DurationS > 0 && m.SpeakingS == 0:
		lines = append(lines, fmt.Sprintf("From the recording alone: %s long · no speech found", clock(secDuration(m.DurationS))))
	default:
		lines = append(lines, fmt.Sprintf("%d words · %s long · %s speaking · %.0f words a minute",
			m.Words, clock(secDuration(m.DurationS)), clock(secDuration(m.SpeakingS)), m.WPM))
		lines = append(lines, fmt.Sprintf("%d filler words (%.1f per 100 words) · %d hedges (%.1f per 100 words) · %d likely untranscribed fillers",
			m.Fillers, m.FillersPer100Words, m.Hedges, m.HedgesPer100Words, m.VoicedGaps))
	}
	if n := m.InterviewerTurns; n > 0 {
		lines = append(lines, fmt.Sprintf("Only your turns are reviewed: the interviewer's %d left out", n))
	}
	lines = append(lines, fmt.Sprintf("Longest pause %.1f s · %d pauses over 2 s", m.LongestPauseS, m.PausesOver2s))
	if m.WPMAudio > 0 {
		lines = append(lines, fmt.Sprintf("From the recording: about %.0f words a minute · %d pauses, %.1f s silent · %.1f s before the first word · %d likely hesitations",
			m.WPMAudio, m.Pauses, m.SilentS, m.LeadingSilenceS, m.LikelyHesitations))
	}
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
