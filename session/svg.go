package session

import (
	"fmt"
	"html"
	"math"
	"strings"
)

// bar is one bar of a chart.
type bar struct {
	Label string
	Value float64
	Text  string // value as printed above the bar
}

// svgBarChart draws a bar chart as inline SVG: bars scaled to max (the
// largest value when max <= 0), labels under them, values above. Everything
// printed is escaped.
func svgBarChart(title string, bars []bar, max float64) string {
	const (
		h      = 150.0
		top    = 28.0
		bottom = 26.0
		barW   = 34.0
		gap    = 18.0
		left   = 10.0
	)
	if max <= 0 {
		for _, b := range bars {
			max = math.Max(max, b.Value)
		}
		if max <= 0 {
			max = 1
		}
	}
	w := left*2 + float64(len(bars))*(barW+gap)
	w = math.Max(w, 200)
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="%.0f" height="%.0f" viewBox="0 0 %.0f %.0f" role="img" aria-label="%s">`,
		w, h, w, h, html.EscapeString(title))
	fmt.Fprintf(&b, `<title>%s</title>`, html.EscapeString(title))
	fmt.Fprintf(&b, `<text x="%.0f" y="14" class="ct">%s</text>`, left, html.EscapeString(title))
	plot := h - top - bottom
	fmt.Fprintf(&b, `<line x1="%.0f" y1="%.0f" x2="%.0f" y2="%.0f" class="axis"/>`, left, h-bottom, w-left, h-bottom)
	for i, br := range bars {
		v := br.Value
		if math.IsNaN(v) || v < 0 {
			v = 0
		}
		bh := math.Min(v/max, 1) * plot
		x := left + gap/2 + float64(i)*(barW+gap)
		y := h - bottom - bh
		fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.0f" height="%.1f" class="bar b%d"/>`, x, y, barW, bh, i%4)
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" class="cv" text-anchor="middle">%s</text>`, x+barW/2, y-4, html.EscapeString(br.Text))
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" class="cl" text-anchor="middle">%s</text>`, x+barW/2, h-bottom+15, html.EscapeString(br.Label))
	}
	b.WriteString(`</svg>`)
	return b.String()
}
