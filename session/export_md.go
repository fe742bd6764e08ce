package session

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

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

// ExportMarkdown writes a session as a Markdown report: each question, and
// for each take its metrics, scores, transcript with the flagged words in
// bold (numbered after the findings list), talking points and notes.
// reports maps take ids to their review; a nil map or a missing take
// exports that take without flags (metrics from its stored summary).
func ExportMarkdown(w io.Writer, s *Session, reports map[string]*review.Report) error {
	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }
	title := s.Title
	if title == "" {
		title = "Practice session " + s.ID
	}
	p("# %s\n\n", mdEscape(title))
	p("%s · %s · %s total\n", s.Created.Format("2 January 2006 15:04"), takesCount(len(s.Takes)), clock(s.TotalSeconds()))
	for _, g := range groupTakes(s) {
		p("\n## %s\n\n", mdEscape(g.Prompt))
		if g.Category != "" {
			p("_%s_\n\n", mdEscape(review.CategoryTitle(g.Category)))
		}
		if len(g.Takes) == 0 {
			p("No takes recorded.\n")
		}
		for i, tk := range g.Takes {
			mdTake(p, s, tk, i+1, reports[tk.ID])
		}
	}
	return bw.Flush()
}

// mdTake writes one take's section.
func mdTake(p func(string, ...any), s *Session, tk Take, n int, r *review.Report) {
	p("### Take %d · %s · %s\n\n", n, clock(tk.Duration), tk.Created.Format("2 Jan 2006 15:04"))
	if fg, ok := takeFigures(tk, r); ok {
		p("| Words | WPM | Fillers / 100 words |")
		if r != nil {
			p(" Fillers | Longest pause | Pauses > 2 s |")
		}
		p("\n|---|---|---|")
		if r != nil {
			p("---|---|---|")
		}
		p("\n| %d | %.0f | %.1f |", fg.Words, fg.WPM, fg.FillersPer100)
		if r != nil {
			p(" %d | %.1f s | %d |", r.Metrics.Fillers, r.Metrics.LongestPauseS, r.Metrics.PausesOver2s)
		}
		p("\n\n")
		var parts []string
		for _, sc := range fg.Scores {
			if sc.Assessed {
				parts = append(parts, fmt.Sprintf("%s %d", sc.Name, sc.Value))
			}
		}
		if len(parts) > 0 {
			p("**Scores:** %s\n\n", strings.Join(parts, " · "))
		}
	}
	notes := s.TakeNotes(tk.ID)
	switch {
	case tk.Transcript != nil && tk.Transcript.Text != "":
		text := tk.Transcript.Text
		body := markText(text, flagSpans(text, r), noteAnchors(text, notes), mdEscape,
			func(span) string { return "**" },
			func(sp span) string { return fmt.Sprintf("**<sup>%d</sup>", sp.N) },
			func(a anchor) string { return "<sup>[" + a.Label + "]</sup>" })
		p("**Transcript**\n\n> %s\n\n", body)
	case tk.TranscriptState == TranscriptFailed:
		p("_Transcription failed: %s_\n\n", mdEscape(tk.TranscriptError))
	default:
		p("_No transcript yet._\n\n")
	}
	if r != nil && len(r.Findings) > 0 {
		p("**Findings**\n\n")
		for i, f := range r.Findings {
			p("%d. `%s` (%s): %s", i+1, mdEscape(f.Rule), mdEscape(f.Level), mdEscape(f.Message))
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
	if r != nil && len(r.TalkingPoints) > 0 {
		p("**Talking points**\n\n")
		for _, tp := range r.TalkingPoints {
			box := " "
			if tp.Covered {
				box = "x"
			}
			p("- [%s] %s\n", box, mdEscape(tp.Label))
		}
		p("\n")
	}
	if len(notes) > 0 {
		p("**Notes**\n\n")
		for i, nt := range notes {
			p("- **N%d %s** — %s%s: %s\n", i+1, mdEscape(nt.Tag), mdEscape(nt.Author), noteWhere(nt, tk, mdEscape), mdEscape(nt.Text))
		}
		p("\n")
	}
}

// noteWhere describes where a note points: its playback time and quoted
// transcript span, when it has them.
func noteWhere(n Note, tk Take, esc func(string) string) string {
	var parts []string
	if n.Time >= 0 {
		parts = append(parts, "at "+clock(n.Time))
	}
	if tk.Transcript != nil && n.Start >= 0 && validSpan(tk.Transcript.Text, n.Start, n.End) {
		q := tk.Transcript.Text[n.Start:n.End]
		if len(q) > 80 {
			q = q[:77]
			for len(q) > 0 && !utf8.ValidString(q) {
				q = q[:len(q)-1]
			}
			q += "…"
		}
		parts = append(parts, "on “"+esc(q)+"”")
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

// takesCount says how many takes there are, in words: "1 take", "3 takes".
func takesCount(n int) string {
	if n == 1 {
		return "1 take"
	}
	return fmt.Sprintf("%d takes", n)
}
