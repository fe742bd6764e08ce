package review

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// textOf returns the transcript text the report's spans point into.
func (r *Report) textOf(t *Transcript) string {
	if t != nil && t.Text != "" {
		return t.Text
	}
	return r.Text
}

// lineOf returns the 1-based line of byte offset off in text.
func lineOf(text string, off int) int {
	return 1 + strings.Count(text[:min(max(off, 0), len(text))], "\n")
}

// excerpt returns the words around [start, end) on their line, with the
// span in brackets, e.g. "…so I'd [do LinkedIn Ads], because…".
func excerpt(text string, start, end int, open, close string) string {
	if start < 0 || end > len(text) || start > end {
		return ""
	}
	ls := strings.LastIndexByte(text[:start], '\n') + 1
	le := strings.IndexByte(text[end:], '\n')
	if le < 0 {
		le = len(text)
	} else {
		le += end
	}
	const room = 40
	a := max(ls, start-room)
	for a > ls && !utf8.RuneStart(text[a]) {
		a--
	}
	if a > ls { // start at a word boundary
		if i := strings.IndexByte(text[a:start], ' '); i >= 0 {
			a += i + 1
		}
	}
	b := min(le, end+room)
	for b < le && !utf8.RuneStart(text[b]) {
		b++
	}
	if b < le {
		if i := strings.LastIndexByte(text[end:b], ' '); i >= 0 {
			b = end + i
		}
	}
	var sb strings.Builder
	if a > ls {
		sb.WriteString("…")
	}
	sb.WriteString(text[a:start])
	sb.WriteString(open)
	sb.WriteString(text[start:end])
	sb.WriteString(close)
	sb.WriteString(text[end:b])
	if b < le {
		sb.WriteString("…")
	}
	return sb.String()
}

func clock(sec float64) string {
	m := int(sec) / 60
	return fmt.Sprintf("%d:%04.1f", m, sec-float64(m*60))
}

func (r *Report) metricsLine() string {
	m := r.Metrics
	var parts []string
	audioOnly := m.Words == 0 && m.WPMAudio > 0
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
		parts = append(parts, fmt.Sprintf("%.0f wpm estimated from the recording", m.WPMAudio))
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
	return strings.Join(parts, " · ")
}

func (r *Report) lengthLine() string {
	m := r.Metrics
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

func (r *Report) scoreRows() []scoreRow {
	rows := []scoreRow{{area: AreaDelivery, score: r.Scores.Delivery}, {area: AreaStructure, score: r.Scores.Structure},
		{area: AreaAgency, score: r.Scores.Agency}, {area: AreaContent, score: r.Scores.Content}}
	for i, a := range []AreaReasons{r.ScoreReasons.Delivery, r.ScoreReasons.Structure, r.ScoreReasons.Agency, r.ScoreReasons.Content} {
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

// findingLine returns the line a finding points at, or false for a finding
// about the answer as a whole.
func findingLine(text string, f *Finding) (int, bool) {
	if f.End > f.Start || f.Start > 0 {
		return lineOf(text, f.Start), true
	}
	return 0, false
}

// WriteText writes the report for a person reading a terminal: metrics,
// scores with their reasons, each finding with its line number and the
// words in context, talking points and the candidate's questions. t is the
// reviewed transcript (nil: the text kept in the report).
func (r *Report) WriteText(w io.Writer, t *Transcript) error {
	text := r.textOf(t)
	bw := bufio.NewWriter(w)
	p := func(format string, a ...any) { fmt.Fprintf(bw, format, a...) }
	q := r.Question
	if q == "" {
		q = "(none)"
	}
	p("Question: %s\n", q)
	p("Metrics:  %s\n", r.metricsLine())
	if l := r.lengthLine(); l != "" {
		p("Length:   %s\n", l)
	}
	if pc := r.Pace; pc != nil {
		p("Pace:     %.0f wpm from %s; comfortable range %.0f–%.0f wpm (%s)\n", pc.WPM, pc.Basis, pc.MinWPM, pc.MaxWPM, pc.Source)
	}
	p("\nScores (each starts at 100; the findings below move it):\n")
	for _, a := range r.scoreRows() {
		if a.assessed {
			p("  %-9s %3d  (%s)\n", a.area, a.score, a.why)
		} else {
			p("  %-9s  —  not assessed\n", a.area)
		}
	}
	p("\nFindings (%d):\n", len(r.Findings))
	if len(r.Findings) == 0 {
		p("  none\n")
	}
	for _, f := range r.Findings {
		where := "answer"
		if line, ok := findingLine(text, &f); ok {
			where = fmt.Sprintf("line %d", line)
		}
		if f.HasTime {
			where += " @" + clock(f.TimeStart)
		}
		p("  %-16s %-8s %-22s %s\n", where, f.Level, f.Rule, f.Message)
		if f.End > f.Start && f.End <= len(text) {
			p("  %-16s %s\n", "", excerpt(text, f.Start, f.End, "[", "]"))
		} else if f.HasTime && f.Start > 0 && f.Start <= len(text) {
			// a gap before the word at Start
			p("  %-16s %s\n", "", excerpt(text, f.Start, f.Start, "[ ", "]"))
		}
		if f.Suggestion != "" && f.Level != LevelPositive {
			p("  %-16s → %s\n", "", f.Suggestion)
		}
	}
	if len(r.TalkingPoints) > 0 {
		n := 0
		for _, tp := range r.TalkingPoints {
			if tp.Covered {
				n++
			}
		}
		p("\nTalking points (%d of %d covered):\n", n, len(r.TalkingPoints))
		for _, tp := range r.TalkingPoints {
			switch {
			case tp.Covered:
				p("  [x] %s — line %d: %q\n", tp.Label, lineOf(text, tp.Start), text[tp.Start:tp.End])
			case tp.Partial:
				p("  [~] %s — partly: %s\n", tp.Label, partsLine(tp))
			case tp.Optional:
				p("  [ ] %s (optional)\n", tp.Label)
			default:
				p("  [ ] %s\n", tp.Label)
			}
		}
	}
	if len(r.Star) > 0 {
		p("\nStory structure (STAR):\n")
		for _, h := range r.Star {
			if h.Present {
				p("  [x] %s — line %d: %q\n", h.Label, lineOf(text, h.Start), text[h.Start:h.End])
			} else {
				p("  [ ] %s\n", h.Label)
			}
		}
	}
	if len(r.Reverse) > 0 {
		p("\nYour questions (%d):\n", len(r.Reverse))
		for _, a := range r.Reverse {
			th := "no seed theme"
			if len(a.Themes) > 0 {
				th = "themes: " + strings.Join(a.Themes, ", ")
			}
			p("  line %d: %s  (%s)\n", lineOf(text, a.Start), a.Text, th)
		}
	}
	return bw.Flush()
}

// WriteMarkdown writes the report as Markdown, for pasting into notes.
func (r *Report) WriteMarkdown(w io.Writer, t *Transcript) error {
	text := r.textOf(t)
	bw := bufio.NewWriter(w)
	p := func(format string, a ...any) { fmt.Fprintf(bw, format, a...) }
	title := r.Question
	if title == "" {
		title = "answer"
	}
	p("## Review: %s\n\n", title)
	p("%s\n\n", r.metricsLine())
	if l := r.lengthLine(); l != "" {
		p("Length: %s\n\n", l)
	}
	if pc := r.Pace; pc != nil {
		p("Pace: %.0f wpm (from %s); comfortable range %.0f–%.0f wpm — %s\n\n", pc.WPM, pc.Basis, pc.MinWPM, pc.MaxWPM, pc.Source)
	}
	p("### Scores\n\n| Area | Score | Why |\n|---|---:|---|\n")
	for _, a := range r.scoreRows() {
		if a.assessed {
			p("| %s | %d | %s |\n", a.area, a.score, mdEscape(a.why))
		} else {
			p("| %s | — | not assessed |\n", a.area)
		}
	}
	p("\n### Findings\n\n")
	if len(r.Findings) == 0 {
		p("None.\n")
	}
	for _, f := range r.Findings {
		var at []string
		if line, ok := findingLine(text, &f); ok {
			at = append(at, fmt.Sprintf("line %d", line))
		}
		if f.HasTime {
			at = append(at, clock(f.TimeStart))
		}
		where := ""
		if len(at) > 0 {
			where = " (" + strings.Join(at, ", ") + ")"
		}
		p("- **%s** · %s%s: %s", RuleTitle(f.Rule), f.Level, where, mdEscape(f.Message))
		if f.End > f.Start && f.End <= len(text) {
			p(" — %s", mdEscape(excerpt(text, f.Start, f.End, "\x00", "\x01")))
		}
		if f.Suggestion != "" && f.Level != LevelPositive {
			p("  \n  *%s*", mdEscape(f.Suggestion))
		}
		p("\n")
	}
	if len(r.TalkingPoints) > 0 {
		p("\n### Talking points\n\n")
		for _, tp := range r.TalkingPoints {
			switch {
			case tp.Covered:
				p("- [x] %s — “%s”\n", mdEscape(tp.Label), mdEscape(text[tp.Start:tp.End]))
			case tp.Partial:
				p("- [ ] %s — partly: %s\n", mdEscape(tp.Label), mdEscape(partsLine(tp)))
			case tp.Optional:
				p("- [ ] %s *(optional)*\n", mdEscape(tp.Label))
			default:
				p("- [ ] %s\n", mdEscape(tp.Label))
			}
		}
	}
	if len(r.Star) > 0 {
		p("\n### Story structure (STAR)\n\n")
		for _, h := range r.Star {
			if h.Present {
				p("- [x] %s — “%s”\n", mdEscape(h.Label), mdEscape(text[h.Start:h.End]))
			} else {
				p("- [ ] %s\n", mdEscape(h.Label))
			}
		}
	}
	if len(r.Reverse) > 0 {
		p("\n### Your questions\n\n")
		for _, a := range r.Reverse {
			p("- %s", mdEscape(a.Text))
			if len(a.Themes) > 0 {
				p(" *(themes: %s)*", strings.Join(a.Themes, ", "))
			}
			p("\n")
		}
	}
	return bw.Flush()
}

// mdEscape escapes Markdown's inline specials; \x00 and \x01 mark bold.
func mdEscape(s string) string { return mdEscaper.Replace(s) }

var mdEscaper = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`, "|", `\|`, "<", "&lt;", "\x00", "**", "\x01", "**")

// partsLine says which parts of a partly covered point were covered.
func partsLine(tp TalkingPointHit) string {
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
