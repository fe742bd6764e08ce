package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/rehearse-app/rehearse/review"
)

// mdEscaper escapes the characters Markdown would read as formatting.
var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`,
	"<", "&lt;", ">", "&gt;", "#", `\#`, "|", `\|`, "~", `\~`, "=", `\=`,
)

// mdLines folds line breaks into spaces, so text stays in its block.
var mdLines = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ")

// mdEscape escapes text for Markdown and folds line breaks into spaces.
func mdEscape(s string) string {
	return mdEscaper.Replace(mdLines.Replace(s))
}

// SessionMarkdown writes session s as a Markdown report: each question,
// and for each take its metrics, scores, transcript with the flagged words
// in bold (numbered after the findings list; a finding with a time but no
// words is marked ‸N at the nearest word), findings, talking points, the
// STAR structure of a story and notes. A take without a review is
// reported without flags (metrics from its stored summary). rules names
// the findings' rules (nil: the stable rule titles).
func SessionMarkdown(w io.Writer, s *Session, rules *review.RuleSet) error {
	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }
	p("# %s\n\n", mdEscape(s.Title))
	p("%s · %s · %s total\n", s.Created.Format("2 January 2006 15:04"), takesCount(len(s.Takes)), clock(s.total()))
	for _, g := range reportGroups(s, ruleTitler(rules)) {
		if g.Prompt != s.Title { // else the title is the question already
			p("\n## %s\n\n", mdEscape(g.Prompt))
		} else {
			p("\n")
		}
		if g.Category != "" {
			p("_%s_\n\n", mdEscape(g.Category))
		}
		if len(g.Takes) == 0 {
			p("No takes recorded.\n")
		}
		for _, v := range g.Takes {
			mdTake(p, v)
		}
	}
	return bw.Flush()
}

// mdTake writes one take's section.
func mdTake(p func(string, ...any), v takeView) {
	p("### Take %d · %s · %s\n\n", v.N, clock(v.Duration), v.Created.Format("2 Jan 2006 15:04"))
	if l := v.FollowUpLine(); l != "" {
		p("> ↳ %s\n\n", mdEscape(l))
	}
	if len(v.Metrics) > 0 {
		heads := make([]string, len(v.Metrics))
		vals := make([]string, len(v.Metrics))
		for i, m := range v.Metrics {
			heads[i], vals[i] = m.Head, m.Value
		}
		p("| %s |\n|%s\n| %s |\n\n", strings.Join(heads, " | "), strings.Repeat("---|", len(v.Metrics)), strings.Join(vals, " | "))
	}
	if len(v.Scores) > 0 {
		parts := make([]string, len(v.Scores))
		for i, sc := range v.Scores {
			parts[i] = fmt.Sprintf("%s %d", sc.Area, sc.Score)
		}
		p("**Scores:** %s\n\n", strings.Join(parts, " · "))
	}
	switch {
	case v.Text != "":
		body := markText(v.Text, v.Spans, v.Anchors, mdEscape,
			func(span) string { return "**" },
			func(sp span) string { return fmt.Sprintf("**<sup>%d</sup>", sp.N) },
			func(a anchor) string {
				if a.Rule != "" {
					return fmt.Sprintf("<sup>‸%d</sup>", a.N)
				}
				return "<sup>[" + a.Label + "]</sup>"
			})
		p("**Transcript**\n\n> %s\n\n", body)
	case v.TranscriptFailed:
		p("_Transcription failed: %s_\n\n", mdEscape(v.TranscriptError))
	default:
		p("_No transcript yet._\n\n")
	}
	mdTakeLists(p, v)
}

// mdTakeLists writes a take's findings, talking points, STAR structure and
// notes.
func mdTakeLists(p func(string, ...any), v takeView) {
	if len(v.Findings) > 0 {
		p("**Findings**\n\n")
		for i, f := range v.Findings {
			p("%d. **%s** (%s): %s", i+1, mdEscape(f.Title), mdEscape(f.Level), mdEscape(f.Message))
			if f.Text != "" {
				p(" — “%s”", mdEscape(f.Text))
			}
			if f.HasTime {
				p(" (at %s)", clock(f.TimeStart))
			}
			if f.Suggestion != "" {
				p(" _%s_", mdEscape(f.Suggestion))
			}
			p("\n")
		}
		p("\n")
	}
	if len(v.TalkingPoints) > 0 {
		p("**Talking points**\n\n")
		for _, tp := range v.TalkingPoints {
			box := " "
			if tp.Covered {
				box = "x"
			}
			p("- [%s] %s\n", box, mdEscape(tp.Label))
		}
		p("\n")
	}
	if len(v.Star) > 0 {
		p("**Story structure (STAR)**\n\n")
		mdStar(p, v.Star, mdEscape)
		p("\n")
	}
	if len(v.Notes) > 0 {
		p("**Notes**\n\n")
		for i, nt := range v.Notes {
			p("- **N%d %s** — %s%s: %s\n", i+1, mdEscape(nt.Tag), mdEscape(nt.Author), mdEscape(noteWhere(nt, v.Text)), mdEscape(nt.Text))
		}
		p("\n")
	}
}
