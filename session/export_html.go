package session

import (
	"bufio"
	"fmt"
	"html"
	"io"
	"time"

	"github.com/rehearse-app/rehearse/review"
)

// htmlStyle is the report's stylesheet: readable on screen, compact and
// colour-preserving in print.
const htmlStyle = `
:root { --fg:#1d2330; --muted:#5b6475; --line:#d7dbe3; --accent:#2f6fd0; }
* { box-sizing:border-box; }
body { font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif; color:var(--fg);
  max-width:52rem; margin:2rem auto; padding:0 1rem; background:#fff; }
h1 { font-size:1.7rem; margin:0 0 .2rem; }
h2 { font-size:1.25rem; margin:2rem 0 .3rem; border-bottom:2px solid var(--line); padding-bottom:.2rem; }
h3 { font-size:1.05rem; margin:1.3rem 0 .4rem; }
h4 { font-size:.95rem; margin:1rem 0 .3rem; color:var(--muted); text-transform:uppercase; letter-spacing:.04em; }
.meta, .cat { color:var(--muted); margin:0; }
table.metrics { border-collapse:collapse; margin:.4rem 0; }
table.metrics th, table.metrics td { border:1px solid var(--line); padding:.2rem .6rem; text-align:left; }
table.metrics th { background:#f3f5f8; font-weight:600; }
.transcript { border-left:3px solid var(--line); padding:.3rem .9rem; background:#fafbfc; }
.flag { border-radius:3px; padding:0 .1em; }
.f-filler, .f-voiced-gap { background:#ffe08a; }
.f-hedge { background:#ffd0a8; }
.f-jump-to-solution, .f-missing-tradeoff { background:#ffb3b3; }
.f-tradeoff { background:#bfe8c3; }
.f-talking-point-missing, .f-long-pause, .f-pace, .f-other { background:#d9d4ff; }
.flag sup, .nref { font-size:.7em; color:var(--accent); font-weight:600; }
.legend span { display:inline-block; margin:0 .6rem .3rem 0; padding:0 .3rem; border-radius:3px; font-size:.85rem; }
ol.findings li, ul.notes li { margin-bottom:.25rem; }
.sugg { color:var(--muted); font-style:italic; }
.tp-ok::before { content:"\2713  "; color:#1f8a3b; font-weight:700; }
.tp-miss::before { content:"\2717  "; color:#b3261e; font-weight:700; }
ul.tps { list-style:none; padding-left:.4rem; }
.tag { font-weight:700; text-transform:capitalize; }
.tag-praise { color:#1f8a3b; } .tag-fix { color:#b3261e; } .tag-question { color:var(--accent); }
.charts { display:flex; flex-wrap:wrap; gap:1rem; }
svg.chart { background:#fbfcfd; border:1px solid var(--line); border-radius:4px; }
svg .ct { font:600 12px sans-serif; fill:#1d2330; }
svg .cv { font:11px sans-serif; fill:#1d2330; }
svg .cl { font:11px sans-serif; fill:#5b6475; }
svg .axis { stroke:#9aa3b2; stroke-width:1; }
svg .b0 { fill:#2f6fd0; } svg .b1 { fill:#1f8a3b; } svg .b2 { fill:#c77700; } svg .b3 { fill:#7b4bc4; }
footer { margin-top:3rem; color:var(--muted); font-size:.8rem; }
@media print {
  body { margin:0; max-width:none; font-size:10.5pt; }
  * { -webkit-print-color-adjust:exact; print-color-adjust:exact; }
  h2, h3, h4 { break-after:avoid; page-break-after:avoid; }
  table, svg, .legend, li { break-inside:avoid; page-break-inside:avoid; }
  section.question + section.question { break-before:page; page-break-before:always; }
  .transcript { background:none; }
}
`

// flagKinds are the rule ids given a colour of their own in the legend.
var flagKinds = []struct{ Rule, Label string }{
	{"filler", "Filler"}, {"voiced-gap", "Voiced gap"}, {"hedge", "Hedge"},
	{"jump-to-solution", "Jump to solution"}, {"tradeoff", "Trade-off found"},
	{"long-pause", "Pause, pace, other"},
}

// flagClass is the CSS class of a rule's highlight.
func flagClass(rule string) string {
	switch rule {
	case "filler", "voiced-gap", "hedge", "jump-to-solution", "missing-tradeoff", "tradeoff",
		"talking-point-missing", "long-pause", "pace":
		return "flag f-" + rule
	}
	return "flag f-other"
}

// ExportHTML writes a session as a self-contained HTML report (no external
// files): each question, and for each take its metrics, a bar chart of its
// scores (inline SVG), the transcript with the flags highlighted and
// numbered, the findings, talking points and notes; an overview chart of
// every take's pace and fillers opens the report. It prints well (print
// stylesheet). Every piece of text is HTML-escaped. reports maps take ids
// to their review; nil exports without flags.
func ExportHTML(w io.Writer, s *Session, reports map[string]*review.Report) error {
	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }
	e := html.EscapeString
	title := s.Title
	if title == "" {
		title = "Practice session " + s.ID
	}
	p("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n")
	p("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n")
	p("<title>%s — Rehearse</title>\n<style>%s</style>\n</head>\n<body>\n", e(title), htmlStyle)
	p("<header>\n<h1>%s</h1>\n<p class=\"meta\">%s · %s · %s total</p>\n</header>\n",
		e(title), e(s.Created.Format("2 January 2006 15:04")), takesCount(len(s.Takes)), e(clock(s.TotalSeconds())))

	groups := reportGroups(s, reports)
	var wpm, fill []bar
	for _, g := range groups {
		for _, v := range g.Takes {
			if fg := v.Figures; fg != nil {
				label := fmt.Sprintf("T%d", v.All)
				wpm = append(wpm, bar{label, fg.WPM, fmt.Sprintf("%.0f", fg.WPM)})
				fill = append(fill, bar{label, fg.FillersPer100Words, fmt.Sprintf("%.1f", fg.FillersPer100Words)})
			}
		}
	}
	if len(wpm) > 0 {
		p("<section class=\"overview\">\n<h2>Takes at a glance</h2>\n<div class=\"charts\">\n%s\n%s\n</div>\n</section>\n",
			svgBarChart("Words per minute", wpm, 0), svgBarChart("Fillers per 100 words", fill, 0))
	}
	if reports != nil {
		p("<p class=\"legend\">")
		for _, k := range flagKinds {
			p("<span class=\"%s\">%s</span>", flagClass(k.Rule), e(k.Label))
		}
		p("</p>\n")
	}
	for _, g := range groups {
		p("<section class=\"question\">\n<h2>%s</h2>\n", e(g.Prompt))
		if g.Category != "" {
			p("<p class=\"cat\">%s</p>\n", e(g.Category))
		}
		if len(g.Takes) == 0 {
			p("<p>No takes recorded.</p>\n")
		}
		for _, v := range g.Takes {
			htmlTake(p, v)
		}
		p("</section>\n")
	}
	p("<footer>Exported by Rehearse on %s.</footer>\n</body>\n</html>\n", e(time.Now().Format("2 January 2006 15:04")))
	return bw.Flush()
}

// htmlTake writes one take.
func htmlTake(p func(string, ...any), v takeView) {
	e := html.EscapeString
	p("<article class=\"take\" id=\"take-%s\">\n<h3>Take %d <small>(T%d) · %s · %s</small></h3>\n",
		e(v.ID), v.N, v.All, e(clock(v.Duration)), e(v.Created.Format("2 Jan 2006 15:04")))
	if len(v.Metrics) > 0 {
		p("<table class=\"metrics\">\n<tr>")
		for _, m := range v.Metrics {
			p("<th>%s</th>", e(m.Head))
		}
		p("</tr>\n<tr>")
		for _, m := range v.Metrics {
			p("<td>%s</td>", e(m.Value))
		}
		p("</tr>\n</table>\n")
	}
	if len(v.Scores) > 0 {
		bars := make([]bar, len(v.Scores))
		for i, sc := range v.Scores {
			bars[i] = bar{sc.Name, float64(sc.Value), fmt.Sprint(sc.Value)}
		}
		p("<div class=\"charts\">%s</div>\n", svgBarChart("Scores (0–100)", bars, 100))
	}
	p("<h4>Transcript</h4>\n")
	switch {
	case v.Text != "":
		body := markText(v.Text, v.Spans, v.Anchors, e,
			func(sp span) string {
				return fmt.Sprintf(`<span class="%s" title="%s">`, flagClass(sp.Rule), e(sp.Title))
			},
			func(sp span) string { return fmt.Sprintf("<sup>%d</sup></span>", sp.N) },
			func(a anchor) string { return `<sup class="nref">[` + e(a.Label) + `]</sup>` })
		p("<p class=\"transcript\">%s</p>\n", body)
	case v.TranscriptState == TranscriptFailed:
		p("<p class=\"transcript\"><em>Transcription failed: %s</em></p>\n", e(v.TranscriptError))
	default:
		p("<p class=\"transcript\"><em>No transcript yet.</em></p>\n")
	}
	if len(v.Findings) > 0 {
		p("<h4>Findings</h4>\n<ol class=\"findings\">\n")
		for _, f := range v.Findings {
			p("<li><span class=\"%s\">%s</span> %s", flagClass(f.Rule), e(f.Rule), e(f.Message))
			if f.Text != "" {
				p(" — “%s”", e(f.Text))
			}
			if f.HasTime {
				p(" <small>at %s</small>", e(clock(f.TimeStart)))
			}
			if f.Suggestion != "" {
				p(" <span class=\"sugg\">%s</span>", e(f.Suggestion))
			}
			p("</li>\n")
		}
		p("</ol>\n")
	}
	if len(v.TalkingPoints) > 0 {
		p("<h4>Talking points</h4>\n<ul class=\"tps\">\n")
		for _, tp := range v.TalkingPoints {
			cls := "tp-miss"
			if tp.Covered {
				cls = "tp-ok"
			}
			p("<li class=\"%s\">%s</li>\n", cls, e(tp.Label))
		}
		p("</ul>\n")
	}
	if len(v.Notes) > 0 {
		p("<h4>Notes</h4>\n<ul class=\"notes\">\n")
		for i, nt := range v.Notes {
			p("<li><span class=\"nref\">N%d</span> <span class=\"tag tag-%s\">%s</span> — %s%s: %s</li>\n",
				i+1, e(tagClass(nt.Tag)), e(nt.Tag), e(nt.Author), noteWhere(nt, v.Text, e), e(nt.Text))
		}
		p("</ul>\n")
	}
	p("</article>\n")
}

// tagClass keeps a note tag usable as a CSS class name.
func tagClass(tag string) string {
	switch tag {
	case TagPraise, TagFix, TagQuestion:
		return tag
	}
	return "other"
}
