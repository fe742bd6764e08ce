package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/rehearse-app/rehearse/review"
)

// WriteText writes review r for a person reading a terminal: metrics,
// scores with their reasons, each finding with its line number and the
// words in context, talking points, the STAR structure of a story and the
// candidate's questions. t is the reviewed transcript (nil: the text kept
// in the report). Findings are listed under their rule ids.
func WriteText(w io.Writer, r *review.Report, t *review.Transcript) error {
	v := newReviewView(r, textOf(r, t), func(id string) string { return id })
	bw := bufio.NewWriter(w)
	p := func(format string, a ...any) { fmt.Fprintf(bw, format, a...) }
	q := v.Question
	if q == "" {
		q = "(none)"
	}
	p("Question: %s\n", q)
	p("Metrics:  %s\n", v.Metrics)
	if v.Length != "" {
		p("Length:   %s\n", v.Length)
	}
	if pc := v.Pace; pc != nil {
		p("Pace:     %.0f wpm from %s; comfortable range %.0f–%.0f wpm (%s)\n", pc.WPM, pc.Basis, pc.MinWPM, pc.MaxWPM, pc.Source)
	}
	p("\nScores (each starts at 100; the findings below move it):\n")
	for _, a := range v.Scores {
		if a.assessed {
			p("  %-9s %3d  (%s)\n", a.area, a.score, a.why)
		} else {
			p("  %-9s  —  not assessed\n", a.area)
		}
	}
	textFindings(p, v)
	textPoints(p, v)
	return bw.Flush()
}

// textFindings writes the findings section of the text report.
func textFindings(p func(string, ...any), v *reviewView) {
	text := v.Text
	p("\nFindings (%d):\n", len(v.Findings))
	if len(v.Findings) == 0 {
		p("  none\n")
	}
	for _, f := range v.Findings {
		where := "answer"
		if f.Line > 0 {
			where = fmt.Sprintf("line %d", f.Line)
		}
		if f.HasTime {
			where += " @" + clockTenths(f.TimeStart)
		}
		p("  %-16s %-8s %-22s %s\n", where, f.Level, f.Title, f.Message)
		if f.End > f.Start && f.End <= len(text) {
			p("  %-16s %s\n", "", excerpt(text, f.Start, f.End, "[", "]"))
		} else if f.HasTime && f.Start > 0 && f.Start <= len(text) {
			// a gap before the word at Start
			p("  %-16s %s\n", "", excerpt(text, f.Start, f.Start, "[ ", "]"))
		}
		if f.Suggestion != "" && f.Level != review.LevelPositive {
			p("  %-16s → %s\n", "", f.Suggestion)
		}
	}
}

// textPoints writes the talking points, the STAR structure and the
// candidate's questions of the text report.
func textPoints(p func(string, ...any), v *reviewView) {
	if len(v.TalkingPoints) > 0 {
		p("\nTalking points (%d of %d covered):\n", v.covered(), len(v.TalkingPoints))
		for _, tp := range v.TalkingPoints {
			switch {
			case tp.Covered:
				p("  [x] %s — line %d: %q\n", tp.Label, tp.Line, tp.Quote)
			case tp.Partial:
				p("  [~] %s — partly: %s\n", tp.Label, tp.Parts)
			case tp.Optional:
				p("  [ ] %s (optional)\n", tp.Label)
			default:
				p("  [ ] %s\n", tp.Label)
			}
		}
	}
	if len(v.Star) > 0 {
		p("\nStory structure (STAR):\n")
		for _, h := range v.Star {
			if h.Present {
				p("  [x] %s — line %d: %q\n", h.Label, h.Line, h.Quote)
			} else {
				p("  [ ] %s\n", h.Label)
			}
		}
	}
	if len(v.Reverse) > 0 {
		p("\nYour questions (%d):\n", len(v.Reverse))
		for _, a := range v.Reverse {
			th := "no seed theme"
			if len(a.Themes) > 0 {
				th = "themes: " + strings.Join(a.Themes, ", ")
			}
			p("  line %d: %s  (%s)\n", a.Line, a.Text, th)
		}
	}
}
