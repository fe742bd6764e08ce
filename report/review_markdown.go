package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/rehearse-app/rehearse/review"
)

// WriteMarkdown writes review r as Markdown, for pasting into notes: the
// text report's sections, with findings under their rules' titles. t is
// the reviewed transcript (nil: the text kept in the report).
func WriteMarkdown(w io.Writer, r *review.Report, t *review.Transcript) error {
	v := newReviewView(r, textOf(r, t), review.RuleTitle)
	bw := bufio.NewWriter(w)
	p := func(format string, a ...any) { fmt.Fprintf(bw, format, a...) }
	title := v.Question
	if title == "" {
		title = "answer"
	}
	p("## Review: %s\n\n", title)
	p("%s\n\n", v.Metrics)
	if v.Length != "" {
		p("Length: %s\n\n", v.Length)
	}
	if pc := v.Pace; pc != nil {
		p("Pace: %.0f wpm (from %s); comfortable range %.0f–%.0f wpm — %s\n\n", pc.WPM, pc.Basis, pc.MinWPM, pc.MaxWPM, pc.Source)
	}
	p("### Scores\n\n| Area | Score | Why |\n|---|---:|---|\n")
	for _, a := range v.Scores {
		if a.assessed {
			p("| %s | %d | %s |\n", a.area, a.score, mdInline(a.why))
		} else {
			p("| %s | — | not assessed |\n", a.area)
		}
	}
	mdFindings(p, v)
	mdPoints(p, v)
	return bw.Flush()
}

// mdFindings writes the findings section of the Markdown review.
func mdFindings(p func(string, ...any), v *reviewView) {
	p("\n### Findings\n\n")
	if len(v.Findings) == 0 {
		p("None.\n")
	}
	for _, f := range v.Findings {
		var at []string
		if f.Line > 0 {
			at = append(at, fmt.Sprintf("line %d", f.Line))
		}
		if f.HasTime {
			at = append(at, clockTenths(f.TimeStart))
		}
		where := ""
		if len(at) > 0 {
			where = " (" + strings.Join(at, ", ") + ")"
		}
		p("- **%s** · %s%s: %s", f.Title, f.Level, where, mdInline(f.Message))
		if f.End > f.Start && f.End <= len(v.Text) {
			p(" — %s", mdInline(excerpt(v.Text, f.Start, f.End, "\x00", "\x01")))
		}
		if f.Suggestion != "" && f.Level != review.LevelPositive {
			p("  \n  *%s*", mdInline(f.Suggestion))
		}
		p("\n")
	}
}

// mdPoints writes the talking points, the STAR structure and the
// candidate's questions of the Markdown review.
func mdPoints(p func(string, ...any), v *reviewView) {
	if len(v.TalkingPoints) > 0 {
		p("\n### Talking points\n\n")
		for _, tp := range v.TalkingPoints {
			switch {
			case tp.Covered:
				p("- [x] %s — “%s”\n", mdInline(tp.Label), mdInline(tp.Quote))
			case tp.Partial:
				p("- [ ] %s — partly: %s\n", mdInline(tp.Label), mdInline(tp.Parts))
			case tp.Optional:
				p("- [ ] %s *(optional)*\n", mdInline(tp.Label))
			default:
				p("- [ ] %s\n", mdInline(tp.Label))
			}
		}
	}
	if len(v.Star) > 0 {
		p("\n### Story structure (STAR)\n\n")
		mdStar(p, v.Star, mdInline)
	}
	if len(v.Reverse) > 0 {
		p("\n### Your questions\n\n")
		for _, a := range v.Reverse {
			p("- %s", mdInline(a.Text))
			if len(a.Themes) > 0 {
				p(" *(themes: %s)*", strings.Join(a.Themes, ", "))
			}
			p("\n")
		}
	}
}

// mdStar writes the STAR elements as a Markdown checklist, escaping text
// with esc.
func mdStar(p func(string, ...any), star []starView, esc func(string) string) {
	for _, h := range star {
		if h.Present && h.Quote != "" {
			p("- [x] %s — “%s”\n", esc(h.Label), esc(h.Quote))
		} else if h.Present {
			p("- [x] %s\n", esc(h.Label))
		} else {
			p("- [ ] %s\n", esc(h.Label))
		}
	}
}

// mdInline escapes Markdown's inline specials in a line of the review
// report; \x00 and \x01 mark bold. (Session reports use mdEscape, which
// also folds line breaks and escapes block-level characters.)
func mdInline(s string) string { return mdInliner.Replace(s) }

var mdInliner = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`, "|", `\|`, "<", "&lt;", "\x00", "**", "\x01", "**")
