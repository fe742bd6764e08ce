package ui

import (
	"fmt"
	"image/color"
	"math"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/rehearse-app/rehearse/session"
)

// chartMaxPoints is how many points a series draws at most; longer
// histories are averaged into this many time buckets, so 1,000 sessions
// still draw in a few thousand canvas objects.
const chartMaxPoints = 120

// chartDotLimit is the number of points up to which each point gets a dot.
const chartDotLimit = 60

// chartSeries names one line of the progress chart.
type chartSeries struct {
	key   string // score name, or "wpm" / "fillers"
	label string
	panel int // 0 scores, 1 WPM, 2 fillers
}

// progressSeries are the lines of the progress chart, in legend order.
var progressSeries = []chartSeries{
	{"delivery", "Delivery", 0},
	{"structure", "Structure", 0},
	{"agency", "Agency", 0},
	{"content", "Content", 0},
	{"wpm", "Words per minute", 1},
	{"fillers", "Fillers per 100 words", 2},
}

// chartPanels are the stacked plots: titles of each y axis.
var chartPanels = []string{"Scores (0–100)", "Words per minute", "Fillers per 100 words"}

// seriesColors are the line colours for light and dark backgrounds: the
// same hues, darker on light themes and lighter on dark ones, so each has
// at least 3:1 contrast with the background.
var seriesColors = [2][6]color.NRGBA{
	{ // light
		{0x15, 0x65, 0xc0, 0xff}, {0xc6, 0x4b, 0x00, 0xff}, {0x2e, 0x7d, 0x32, 0xff},
		{0x7b, 0x1f, 0xa2, 0xff}, {0xc2, 0x18, 0x5b, 0xff}, {0x00, 0x73, 0x7d, 0xff},
	},
	{ // dark
		{0x64, 0xb5, 0xf6, 0xff}, {0xff, 0xb7, 0x4d, 0xff}, {0x81, 0xc7, 0x84, 0xff},
		{0xce, 0x93, 0xd8, 0xff}, {0xf4, 0x8f, 0xb1, 0xff}, {0x4d, 0xd0, 0xe1, 0xff},
	},
}

// seriesColor is the colour of series i on the current theme's background.
func seriesColor(i int) color.Color {
	dark := 0
	if luminance(theme.Color(theme.ColorNameBackground)) < 0.4 {
		dark = 1
	}
	return seriesColors[dark][i]
}

// progressChart draws fillers per 100 words, words per minute and the four
// scores of each reviewed session over time: three stacked plots sharing a
// time axis, with axis labels and a legend. It uses only canvas lines,
// circles and text, and takes its colours from the theme.
type progressChart struct {
	widget.BaseWidget
	points []session.ProgressPoint // oldest first
}

func newProgressChart() *progressChart {
	c := &progressChart{}
	c.ExtendBaseWidget(c)
	return c
}

// SetPoints shows a new series (oldest first). Call it on the UI goroutine.
func (c *progressChart) SetPoints(pts []session.ProgressPoint) {
	c.points = pts
	c.Refresh()
}

// empty reports whether there is too little data to draw a trend.
func (c *progressChart) empty() bool { return len(c.points) < 2 }

// emptyText is shown instead of the plots when empty.
func (c *progressChart) emptyText() string {
	return fmt.Sprintf("Progress shows here once at least two sessions have reviewed takes (%d so far).", len(c.points))
}

func (c *progressChart) CreateRenderer() fyne.WidgetRenderer {
	return &progressChartRenderer{c: c}
}

// chartValue reads one series' value from a point; ok is false when the
// point has no such value (a score no take assessed).
func chartValue(p session.ProgressPoint, key string) (float64, bool) {
	switch key {
	case "wpm":
		return p.WPM, true
	case "fillers":
		return p.FillersPer100, true
	}
	v, ok := p.Scores[key]
	return v, ok
}

// xy is one point of a series: time in Unix seconds and value.
type xy struct{ t, v float64 }

// seriesPoints returns a series' points, averaged into at most max time
// buckets when there are more.
func seriesPoints(pts []session.ProgressPoint, key string, max int) []xy {
	var out []xy
	for _, p := range pts {
		if v, ok := chartValue(p, key); ok && !math.IsNaN(v) && !math.IsInf(v, 0) {
			out = append(out, xy{float64(p.Time.Unix()), v})
		}
	}
	if len(out) <= max || max < 2 {
		return out
	}
	t0, t1 := out[0].t, out[len(out)-1].t
	if t1 <= t0 {
		return out[:max]
	}
	sums := make([]xy, max)
	counts := make([]int, max)
	for _, q := range out {
		b := int((q.t - t0) / (t1 - t0) * float64(max-1))
		sums[b].t += q.t
		sums[b].v += q.v
		counts[b]++
	}
	out = out[:0]
	for b := range sums {
		if counts[b] > 0 {
			n := float64(counts[b])
			out = append(out, xy{sums[b].t / n, sums[b].v / n})
		}
	}
	return out
}

// niceRange widens [lo, hi] to round numbers with room around the data.
func niceRange(lo, hi, step float64) (float64, float64) {
	lo = math.Floor(lo/step) * step
	hi = math.Ceil(hi/step) * step
	if hi <= lo {
		hi = lo + step
	}
	return lo, hi
}

// axisNumber formats a y-axis tick.
func axisNumber(v float64) string {
	if math.Abs(v-math.Round(v)) < 1e-9 {
		return fmt.Sprintf("%.0f", v)
	}
	return fmt.Sprintf("%.1f", v)
}

type progressChartRenderer struct {
	c    *progressChart
	objs []fyne.CanvasObject
	// texts and lines drawn, kept for tests
	texts []*canvas.Text
	lines []*canvas.Line
}

func (r *progressChartRenderer) MinSize() fyne.Size { return fyne.NewSize(360, 300) }

func (r *progressChartRenderer) Objects() []fyne.CanvasObject { return r.objs }

func (r *progressChartRenderer) Destroy() {}

func (r *progressChartRenderer) Refresh() {
	r.Layout(r.c.Size())
	canvas.Refresh(r.c)
}

func (r *progressChartRenderer) text(s string, size float32, col color.Color, pos fyne.Position, align fyne.TextAlign) *canvas.Text {
	t := canvas.NewText(s, col)
	t.TextSize = size
	t.Alignment = align
	ts := fyne.MeasureText(s, size, t.TextStyle)
	switch align {
	case fyne.TextAlignCenter:
		pos.X -= ts.Width / 2
	case fyne.TextAlignTrailing:
		pos.X -= ts.Width
	}
	t.Move(pos)
	t.Resize(ts)
	r.objs = append(r.objs, t)
	r.texts = append(r.texts, t)
	return t
}

func (r *progressChartRenderer) line(x1, y1, x2, y2 float32, col color.Color, width float32) {
	l := canvas.NewLine(col)
	l.StrokeWidth = width
	l.Position1 = fyne.NewPos(x1, y1)
	l.Position2 = fyne.NewPos(x2, y2)
	r.objs = append(r.objs, l)
	r.lines = append(r.lines, l)
}

func (r *progressChartRenderer) dot(x, y, radius float32, col color.Color) {
	d := canvas.NewCircle(col)
	d.Move(fyne.NewPos(x-radius, y-radius))
	d.Resize(fyne.NewSize(2*radius, 2*radius))
	r.objs = append(r.objs, d)
}

// chartFrame is the geometry and style of one layout of the chart.
type chartFrame struct {
	fg, grid          color.Color
	small, pad, lineH float32
	left, right       float32 // the plots' x range
	top, avail        float32 // where the plots start, and their total height
	t0, t1            float64 // the time range, Unix seconds
}

func (f *chartFrame) xOf(t float64) float32 {
	return f.left + float32((t-f.t0)/(f.t1-f.t0))*(f.right-f.left)
}

// Layout redraws the chart for size: the objects depend on the geometry,
// so they are rebuilt rather than moved.
func (r *progressChartRenderer) Layout(size fyne.Size) {
	r.objs, r.texts, r.lines = r.objs[:0], nil, nil
	f := &chartFrame{fg: theme.Color(theme.ColorNameForeground), grid: theme.Color(theme.ColorNameSeparator),
		small: theme.Size(theme.SizeNameCaptionText), pad: theme.Padding()}
	if size.Width <= 0 || size.Height <= 0 {
		return
	}
	if r.c.empty() {
		t := r.text(r.c.emptyText(), theme.TextSize(), f.fg, fyne.NewPos(size.Width/2, size.Height/2-theme.TextSize()), fyne.TextAlignCenter)
		if t.Position().X < f.pad {
			t.Move(fyne.NewPos(f.pad, t.Position().Y))
		}
		return
	}
	pts := r.c.points
	f.lineH = fyne.MeasureText("Ag", f.small, fyne.TextStyle{}).Height
	f.top = r.drawLegend(f, size)

	// Time range shared by the plots.
	f.t0, f.t1 = float64(pts[0].Time.Unix()), float64(pts[len(pts)-1].Time.Unix())
	if f.t1 <= f.t0 {
		f.t0, f.t1 = f.t0-86400, f.t1+86400
	}
	axisW := fyne.MeasureText("100.0", f.small, fyne.TextStyle{}).Width + f.pad
	f.left = f.pad + axisW
	f.right = size.Width - f.pad - fyne.MeasureText("00 Mmm", f.small, fyne.TextStyle{}).Width/2
	bottomAxis := f.lineH + f.pad
	f.avail = size.Height - f.top - bottomAxis - f.pad
	if f.right-f.left < 40 || f.avail < 60 {
		r.text("Make the window larger to see the progress chart.", f.small, f.fg, fyne.NewPos(f.pad, f.top), fyne.TextAlignLeading)
		return
	}
	series := make([][]xy, len(progressSeries))
	for i, s := range progressSeries {
		series[i] = seriesPoints(pts, s.key, chartMaxPoints)
	}
	for p, title := range chartPanels {
		r.drawPanel(f, p, title, series)
	}
	r.drawTimeAxis(f)
}

// drawLegend draws a short line in each series' colour and its label, and
// returns where the plots start.
func (r *progressChartRenderer) drawLegend(f *chartFrame, size fyne.Size) float32 {
	x, y := f.pad, f.pad
	for i, s := range progressSeries {
		w := fyne.MeasureText(s.label, f.small, fyne.TextStyle{}).Width + 18 + 2*f.pad
		if x+w > size.Width-f.pad && x > f.pad {
			x, y = f.pad, y+f.lineH+f.pad/2
		}
		col := seriesColor(i)
		r.line(x, y+f.lineH/2, x+14, y+f.lineH/2, col, 3)
		r.text(s.label, f.small, f.fg, fyne.NewPos(x+18, y), fyne.TextAlignLeading)
		x += w
	}
	return y + f.lineH + f.pad
}

// panelRange is the value range of panel p: 0..100 for scores, else the
// series' values widened to round numbers.
func panelRange(p int, series [][]xy) (float64, float64) {
	if p == 0 {
		return 0, 100
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for i, s := range progressSeries {
		if s.panel != p {
			continue
		}
		for _, q := range series[i] {
			lo, hi = math.Min(lo, q.v), math.Max(hi, q.v)
		}
	}
	if math.IsInf(lo, 0) {
		lo, hi = 0, 1
	}
	if p == 1 {
		return niceRange(lo-5, hi+5, 20)
	}
	return niceRange(0, hi, 1)
}

// drawPanel draws panel p: its title, grid, axis and series.
func (r *progressChartRenderer) drawPanel(f *chartFrame, p int, title string, series [][]xy) {
	panelH := f.avail / float32(len(chartPanels))
	pTop := f.top + float32(p)*panelH
	plotTop := pTop + f.lineH + f.pad/2
	plotBot := pTop + panelH - f.pad
	if plotBot-plotTop < 10 {
		plotBot = plotTop + 10
	}
	lo, hi := panelRange(p, series)
	yOf := func(v float64) float32 {
		return plotBot - float32((v-lo)/(hi-lo))*(plotBot-plotTop)
	}
	r.text(title, f.small, f.fg, fyne.NewPos(f.left, pTop), fyne.TextAlignLeading).TextStyle = fyne.TextStyle{Bold: true}
	for k := 0; k <= 2; k++ {
		v := lo + (hi-lo)*float64(k)/2
		yy := yOf(v)
		r.line(f.left, yy, f.right, yy, f.grid, 1)
		r.text(axisNumber(v), f.small, f.fg, fyne.NewPos(f.left-f.pad/2, yy-f.lineH/2), fyne.TextAlignTrailing)
	}
	r.line(f.left, plotTop, f.left, plotBot, f.fg, 1)
	for i, s := range progressSeries {
		if s.panel != p {
			continue
		}
		col := seriesColor(i)
		sp := series[i]
		for k := 1; k < len(sp); k++ {
			r.line(f.xOf(sp[k-1].t), yOf(sp[k-1].v), f.xOf(sp[k].t), yOf(sp[k].v), col, 2)
		}
		if len(sp) <= chartDotLimit {
			for _, q := range sp {
				r.dot(f.xOf(q.t), yOf(q.v), 3, col)
			}
		}
	}
}

// drawTimeAxis draws the time axis under the last plot: dates at evenly
// spaced times.
func (r *progressChartRenderer) drawTimeAxis(f *chartFrame) {
	axisY := f.top + f.avail - f.pad + 1
	r.line(f.left, axisY, f.right, axisY, f.fg, 1)
	labelW := fyne.MeasureText("00 Mmm 2006", f.small, fyne.TextStyle{}).Width + 2*f.pad
	n := int((f.right - f.left) / labelW)
	n = max(1, min(n, 6))
	format := "2 Jan"
	if time.Unix(int64(f.t0), 0).Year() != time.Unix(int64(f.t1), 0).Year() {
		format = "2 Jan 2006"
	}
	for k := 0; k <= n; k++ {
		t := f.t0 + (f.t1-f.t0)*float64(k)/float64(n)
		xx := f.xOf(t)
		r.line(xx, axisY, xx, axisY+4, f.fg, 1)
		align := fyne.TextAlignCenter
		if k == 0 {
			align = fyne.TextAlignLeading
		} else if k == n {
			align = fyne.TextAlignTrailing
		}
		r.text(time.Unix(int64(t), 0).Format(format), f.small, f.fg, fyne.NewPos(xx, axisY+4), align)
	}
}
