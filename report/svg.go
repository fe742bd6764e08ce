package report

import (
	"fmt"
	"math"
)

// bar is one bar of a chart.
type bar struct {
	Label string
	Value float64
	Text  string // value as printed above the bar
}

// barChart is a bar chart laid out for the "chart" template of the HTML
// report: every number is already formatted, every text is left for the
// template to escape.
type barChart struct {
	Title string
	// W and H are the size; Left the margin; AxisY the height of the x
	// axis and AxisEnd its right end.
	W, H, Left, AxisY, AxisEnd string
	Bars                       []chartBar
}

// chartBar is one laid-out bar: its rectangle, the colour class index, its
// centre and the heights of its value (above) and label (below).
type chartBar struct {
	X, Y, W, H      string
	Class           int
	CX, TextY, LblY string
	Text, Label     string
}

// newBarChart lays out a bar chart: bars scaled to max (the largest value
// when max <= 0), labels under them, values above.
func newBarChart(title string, bars []bar, max float64) barChart {
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
	f0 := func(v float64) string { return fmt.Sprintf("%.0f", v) }
	f1 := func(v float64) string { return fmt.Sprintf("%.1f", v) }
	c := barChart{Title: title, W: f0(w), H: f0(h), Left: f0(left), AxisY: f0(h - bottom), AxisEnd: f0(w - left)}
	plot := h - top - bottom
	for i, br := range bars {
		v := br.Value
		if math.IsNaN(v) || v < 0 {
			v = 0
		}
		bh := math.Min(v/max, 1) * plot
		x := left + gap/2 + float64(i)*(barW+gap)
		y := h - bottom - bh
		c.Bars = append(c.Bars, chartBar{
			X: f1(x), Y: f1(y), W: f0(barW), H: f1(bh), Class: i % 4,
			CX: f1(x + barW/2), TextY: f1(y - 4), LblY: f1(h - bottom + 15),
			Text: br.Text, Label: br.Label,
		})
	}
	return c
}
