package report

import (
	"fmt"
	"strings"

	"github.com/rehearse-app/rehearse/review"
)

// reviewView is the one view model of a review: what every format shows of
// it, worked out once, so the text, Markdown and HTML renderers only differ
// in markup.
type reviewView struct {
	Question string // the question's id; "" without one
	// Text is the transcript text the spans point into.
	Text    string
	Metrics string // the metrics line
	Length  string // the answer's length against its target; "" without one
	Pace    *review.PaceCheck
	Scores  []scoreRow
	// Findings carry their rules' human titles and lines.
	Findings      []findingView
	TalkingPoints []pointView
	Star          []starView // the STAR elements of a story; none for other questions
	Reverse       []askedView
}

// findingView is a finding as a report lists it: with its rule's human
// title (rule ids stay in the JSON output) and the line it points at.
type findingView struct {
	review.Finding
	Title string
	// Line is the 1-based line of the words the finding points at; 0 for a
	// finding about the answer as a whole.
	Line int
}

// pointView is a talking point with where it was covered.
type pointView struct {
	review.TalkingPointHit
	Line  int    // the line of the covering words
	Quote string // the covering words; "" when not covered
	Parts string // for a partly covered point: which parts were
}

// starView is one element of a STAR story with where it was found.
type starView struct {
	review.StarHit
	Line  int
	Quote string // the words; "" when missing
}

// askedView is one of the candidate's own questions, with its line.
type askedView struct {
	review.AskedQuestion
	Line int
}

// newReviewView gathers what the reports show of review r of text; title
// names a rule. Quotes are taken only when r reviewed this very text.
func newReviewView(r *review.Report, text string, title func(string) string) *reviewView {
	v := &reviewView{Question: r.Question, Text: text, Metrics: metricsLine(r.Metrics),
		Length: lengthLine(r.Metrics), Pace: r.Pace, Scores: scoreRows(r)}
	quotable := r.Text == "" || r.Text == text
	quote := func(start, end int) string {
		if !quotable || start < 0 || end > len(text) || start > end {
			return ""
		}
		return text[start:end]
	}
	for _, f := range r.Findings {
		fv := findingView{Finding: f, Title: title(f.Rule)}
		if f.End > f.Start || f.Start > 0 {
			fv.Line = lineOf(text, f.Start)
		}
		v.Findings = append(v.Findings, fv)
	}
	for _, tp := range r.TalkingPoints {
		pv := pointView{TalkingPointHit: tp}
		if tp.Covered {
			pv.Line, pv.Quote = lineOf(text, tp.Start), quote(tp.Start, tp.End)
		} else if tp.Partial {
			pv.Parts = partsLine(tp)
		}
		v.TalkingPoints = append(v.TalkingPoints, pv)
	}
	for _, h := range r.Star {
		sv := starView{StarHit: h}
		if h.Present {
			sv.Line, sv.Quote = lineOf(text, h.Start), quote(h.Start, h.End)
		}
		v.Star = append(v.Star, sv)
	}
	for _, a := range r.Reverse {
		v.Reverse = append(v.Reverse, askedView{AskedQuestion: a, Line: lineOf(text, a.Start)})
	}
	return v
}

// covered counts the covered talking points.
func (v *reviewView) covered() int {
	n := 0
	for _, tp := range v.TalkingPoints {
		if tp.Covered {
			n++
		}
	}
	return n
}

// textOf returns the transcript text the report's spans point into: t's
// text, or (t nil or empty) the text kept in the report.
func textOf(r *review.Report, t *review.Transcript) string {
	if t != nil && t.Text != "" {
		return t.Text
	}
	return r.Text
}

// lineOf returns the 1-based line of byte offset off in text.
func lineOf(text string, off int) int {
	return 1 + strings.Count(text[:min(max(off, 0), len(text))], "\n")
}

// metricsLine sums up the metrics on one line, e.g. "212 words · 95.2 s
// (speaking 88.0 s) · 145 wpm · ...".
func metricsLine(m review.Metrics) string {
	var parts []string
	// no words but a recording: the word counts would say nothing
	audioOnly := m.Words == 0 && (m.WPMAudio > 0 || m.DurationS > 0)
	if !audioOnly {
		parts = append(parts, fmt.Sprintf("%d words", m.Words))
	}
	if m.DurationS > 0 {
		parts = append(parts, fmt.Sprintf("%.1f s (speaking %.1f s)", m.DurationS, m.SpeakingS))
	}
	if m.WPM > 0 {
		parts = append(parts, fmt.Sprintf("%.0f wpm", m.WPM))
	}
	if !audioOnly {
		parts = append(parts, fmt.Sprintf("fillers %d (%.1f per 100 words)", m.Fillers, m.FillersPer100Words))
		parts = append(parts, fmt.Sprintf("hedges %d (%.1f per 100 words)", m.Hedges, m.HedgesPer100Words))
	}
	if m.DurationS > 0 {
		parts = append(parts, fmt.Sprintf("longest pause %.1f s", m.LongestPauseS), fmt.Sprintf("pauses over 2 s: %d", m.PausesOver2s))
	}
	if m.WPMAudio > 0 {
		est := fmt.Sprintf("%.0f wpm estimated from the recording", m.WPMAudio)
		if n := m.WPMAudioCalibratedFrom; n > 0 {
			est += fmt.Sprintf(" (calibrated on your %d transcribed takes)", n)
		}
		parts = append(parts, est)
	}
	if m.Pauses > 0 {
		parts = append(parts, fmt.Sprintf("pauses %d (%.1f s silent)", m.Pauses, m.SilentS))
	}
	if m.LikelyHesitations > 0 {
		parts = append(parts, fmt.Sprintf("likely hesitations %d", m.LikelyHesitations))
	}
	if m.VoicedGaps > 0 {
		parts = append(parts, fmt.Sprintf("voiced gaps %d", m.VoicedGaps))
	}
	if n := m.InterviewerTurns; n > 0 {
		turns := "turns"
		if n == 1 {
			turns = "turn"
		}
		parts = append(parts, fmt.Sprintf("the interviewer's %d %s left out", n, turns))
	}
	return strings.Join(parts, " · ")
}

// lengthLine compares the answer's length with its target; "" without one.
func lengthLine(m review.Metrics) string {
	if m.TargetS == 0 || m.DurationS == 0 {
		return ""
	}
	return fmt.Sprintf("%.0f s of a %d s target (%.0f%%)", m.DurationS, m.TargetS, m.LengthPct)
}

// scoreRow is one area's line of the scores table.
type scoreRow struct {
	area     string
	score    int
	assessed bool
	why      string // the reasons, "; "-separated, or "nothing flagged"
}

// scoreRows lists the four score areas with what moved each.
func scoreRows(r *review.Report) []scoreRow {
	rows := []scoreRow{{area: review.AreaDelivery, score: r.Scores.Delivery}, {area: review.AreaStructure, score: r.Scores.Structure},
		{area: review.AreaAgency, score: r.Scores.Agency}, {area: review.AreaContent, score: r.Scores.Content}}
	for i, a := range []review.AreaReasons{r.ScoreReasons.Delivery, r.ScoreReasons.Structure, r.ScoreReasons.Agency, r.ScoreReasons.Content} {
		if rows[i].assessed = a.Assessed; !a.Assessed {
			continue
		}
		why := make([]string, 0, len(a.Reasons))
		for _, s := range a.Reasons {
			why = append(why, fmt.Sprintf("%s ×%d: %+d", s.Rule, s.Count, s.Points))
		}
		if len(why) == 0 {
			why = append(why, "nothing flagged")
		}
		rows[i].why = strings.Join(why, "; ")
	}
	return rows
}

// partsLine says which parts of a partly covered point were covered.
func partsLine(tp review.TalkingPointHit) string {
	var have, miss []string
	for _, p := range tp.Parts {
		if p.Covered {
			have = append(have, p.Label)
		} else {
			miss = append(miss, p.Label)
		}
	}
	return strings.Join(have, ", ") + "; nothing on " + strings.Join(miss, ", ")
}
