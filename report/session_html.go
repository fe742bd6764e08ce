package report

import (
	"bufio"
	"fmt"
	"html/template"
	"io"
	"strings"
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
.followup { margin:.2em 0 .6em; font-style:italic; color:var(--muted); }
.tref { font-size:.7em; font-weight:600; border-radius:3px; padding:0 .15em; margin:0 .1em; }
table.scores th { text-transform:capitalize; } table.scores td { text-align:center; }
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

// flagKind is a rule id given a colour of its own in the legend.
type flagKind struct{ Rule, Label string }

// legendRules are the rule ids given a colour of their own in the legend;
// their labels are the rules' titles. The last colour is shared by the
// rules without one of their own.
var legendRules = []string{"filler", "voiced-gap", "hedge", "jump-to-solution", "tradeoff"}

// legend lists the highlight colours, labelled with the rules' titles.
func legend(title func(string) string) []flagKind {
	out := make([]flagKind, 0, len(legendRules)+1)
	for _, id := range legendRules {
		out = append(out, flagKind{id, title(id)})
	}
	return append(out, flagKind{"long-pause", "Pause, pace, other"})
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

// htmlReport is what the report template is executed with.
type htmlReport struct {
	Title    string
	Created  string // when the session was created
	Takes    string // "3 takes"
	Total    string // total recorded time, m:ss
	Exported string // when the report was written
	// Overview holds the pace and fillers charts of every take with
	// figures, when two takes or more have them (a chart of one take
	// compares nothing: its figures say it all).
	Overview []barChart
	// Legend lists the highlight colours; empty when exported without
	// reviews.
	Legend []flagKind
	Groups []takeGroup
}

// htmlFuncs are the helpers the report template calls.
var htmlFuncs = template.FuncMap{
	"flagClass": flagClass,
	"markClass": func(rule string) string { return "tref " + strings.TrimPrefix(flagClass(rule), "flag ") },
	"tagClass":  tagClass,
	"clock":     clock,
	"noteWhere": noteWhere,
	"textMarks": textMarks,
	"inc":       func(i int) int { return i + 1 },
}

// htmlTemplate is the report's markup. html/template escapes every value
// for where it lands (text, attribute, title); nothing is passed as
// trusted HTML. The stylesheet is part of the template text itself.
var htmlTemplate = template.Must(template.New("report").Funcs(htmlFuncs).Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>{{.Title}} — Rehearse</title>
<style>` + htmlStyle + `</style>
</head>
<body>
<header>
<h1>{{.Title}}</h1>
<p class="meta">{{.Created}} · {{.Takes}} · {{.Total}} total</p>
</header>
{{with .Overview}}<section class="overview">
<h2>Takes at a glance</h2>
<div class="charts">
{{range .}}{{template "chart" .}}
{{end}}</div>
</section>
{{end}}{{with .Legend}}<p class="legend">{{range .}}<span class="{{flagClass .Rule}}">{{.Label}}</span>{{end}}</p>
{{end}}{{range .Groups}}<section class="question">
{{if ne .Prompt $.Title}}<h2>{{.Prompt}}</h2>
{{end}}{{with .Category}}<p class="cat">{{.}}</p>
{{end}}{{range .Takes}}{{template "take" .}}{{else}}<p>No takes recorded.</p>
{{end}}</section>
{{end}}<footer>Exported by Rehearse on {{.Exported}}.</footer>
</body>
</html>
{{define "take"}}<article class="take" id="take-{{.ID}}">
<h3>Take {{.N}} <small>(T{{.All}}) · {{clock .Duration}} · {{.Created.Format "2 Jan 2006 15:04"}}</small></h3>
{{with .FollowUpLine}}<p class="followup">↳ {{.}}</p>
{{end}}{{with .Metrics}}<table class="metrics">
<tr>{{range .}}<th>{{.Head}}</th>{{end}}</tr>
<tr>{{range .}}<td>{{.Value}}</td>{{end}}</tr>
</table>
{{end}}{{with .Scores}}<table class="metrics scores">
<tr>{{range .}}<th>{{.Area}}</th>{{end}}</tr>
<tr>{{range .}}<td>{{.Score}} / 100</td>{{end}}</tr>
</table>
{{end}}<h4>Transcript</h4>
{{if .Text}}<p class="transcript">{{range textMarks .Text .Spans .Anchors}}{{template "mark" .}}{{end}}</p>
{{else if .TranscriptFailed}}<p class="transcript"><em>Transcription failed: {{.TranscriptError}}</em></p>
{{else}}<p class="transcript"><em>No transcript yet.</em></p>
{{end}}{{with .Findings}}<h4>Findings</h4>
<ol class="findings">
{{range .}}<li><span class="{{flagClass .Rule}}">{{.Title}}</span> {{.Message}}
{{- if .Text}} — “{{.Text}}”{{end}}
{{- if .HasTime}} <small>at {{clock .TimeStart}}</small>{{end}}
{{- if .Suggestion}} <span class="sugg">{{.Suggestion}}</span>{{end -}}
</li>
{{end}}</ol>
{{end}}{{with .TalkingPoints}}<h4>Talking points</h4>
<ul class="tps">
{{range .}}<li class="{{if .Covered}}tp-ok{{else}}tp-miss{{end}}">{{.Label}}</li>
{{end}}</ul>
{{end}}{{with .Star}}<h4>Story structure (STAR)</h4>
<ul class="tps star">
{{range .}}<li class="{{if .Present}}tp-ok{{else}}tp-miss{{end}}">{{.Label}}{{with .Quote}} — “{{.}}”{{end}}</li>
{{end}}</ul>
{{end}}{{with .Notes}}<h4>Notes</h4>
<ul class="notes">
{{range $i, $n := .}}<li><span class="nref">N{{inc $i}}</span> <span class="tag tag-{{tagClass $n.Tag}}">{{$n.Tag}}</span> — {{$n.Author}}{{noteWhere $n $.Text}}: {{$n.Text}}</li>
{{end}}</ul>
{{end}}</article>
{{end -}}
{{define "mark"}}
{{- if .Open}}<span class="{{flagClass .Open.Rule}}" title="{{.Open.Title}}">
{{- else if .Close}}<sup>{{.Close.N}}</sup></span>
{{- else if .Anchor}}{{with .Anchor}}{{if .Rule}}<sup class="{{markClass .Rule}}" title="{{.Title}}: {{.Message}}">‸{{.N}}</sup>{{else}}<sup class="nref">[{{.Label}}]</sup>{{end}}{{end}}
{{- else}}{{.Text}}{{end}}
{{- end -}}
{{define "chart"}}<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{{.W}}" height="{{.H}}" viewBox="0 0 {{.W}} {{.H}}" role="img" aria-label="{{.Title}}">
{{- /* one line, as before */ -}}
<title>{{.Title}}</title><text x="{{.Left}}" y="14" class="ct">{{.Title}}</text>
{{- "" -}}
<line x1="{{.Left}}" y1="{{.AxisY}}" x2="{{.AxisEnd}}" y2="{{.AxisY}}" class="axis"/>
{{- range .Bars -}}
<rect x="{{.X}}" y="{{.Y}}" width="{{.W}}" height="{{.H}}" class="bar b{{.Class}}"/>
{{- "" -}}
<text x="{{.CX}}" y="{{.TextY}}" class="cv" text-anchor="middle">{{.Text}}</text>
{{- "" -}}
<text x="{{.CX}}" y="{{.LblY}}" class="cl" text-anchor="middle">{{.Label}}</text>
{{- end -}}
</svg>{{end}}`))

// SessionHTML writes session s as a self-contained HTML report (no
// external files): each question, and for each take its metrics and
// scores, the transcript with the flags highlighted and numbered (a
// finding with a time but no words marked ‸N at the nearest word), the
// findings under their rules' titles, talking points, the STAR structure
// of a story and notes. When two takes or more have figures, bar charts
// comparing their pace and fillers (inline SVG) open the report. It prints
// well (print stylesheet). It is rendered with html/template, so every
// piece of text (much of it from imported bundles) is escaped for where it
// lands. A take without a review is reported without flags. rules names
// the findings' rules (nil: the stable rule titles).
func SessionHTML(w io.Writer, s *Session, rules *review.RuleSet) error {
	title := ruleTitler(rules)
	page := htmlReport{
		Title:    s.Title,
		Created:  s.Created.Format("2 January 2006 15:04"),
		Takes:    takesCount(len(s.Takes)),
		Total:    clock(s.total()),
		Exported: time.Now().Format("2 January 2006 15:04"),
		Groups:   reportGroups(s, title),
	}
	page.Overview = overview(page.Groups)
	if s.reviewed() {
		page.Legend = legend(title)
	}
	bw := bufio.NewWriter(w)
	if err := htmlTemplate.Execute(bw, page); err != nil {
		return fmt.Errorf("session %s: export html: %w", s.ID, err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("session %s: export html: %w", s.ID, err)
	}
	return nil
}

// overview returns the pace and fillers charts of every take with
// figures, when two takes or more have them; nil otherwise.
func overview(groups []takeGroup) []barChart {
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
	if len(wpm) < 2 {
		return nil
	}
	return []barChart{newBarChart("Words per minute", wpm, 0), newBarChart("Fillers per 100 words", fill, 0)}
}

// tagClass keeps a note tag usable as a CSS class name.
func tagClass(tag string) string {
	switch tag {
	case "praise", "fix", "question": // the library's tags, coloured by htmlStyle
		return tag
	}
	return "other"
}
