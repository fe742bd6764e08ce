package ui

import (
	"image"
	"image/color"
	"math"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/rehearse-app/rehearse/session"
)

// variantTheme is the default theme held to one variant.
type variantTheme struct {
	fyne.Theme
	v fyne.ThemeVariant
}

func (t variantTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, t.v)
}

// chartPoints makes n weekly points with rising scores and falling fillers.
func chartPoints(n int) []session.ProgressPoint {
	base := time.Date(2026, 9, 1, 12, 0, 0, 0, time.Local)
	pts := make([]session.ProgressPoint, n)
	for i := range pts {
		pts[i] = session.ProgressPoint{
			Time:          base.AddDate(0, 0, 7*i),
			SessionID:     "s",
			FillersPer100: 6 - float64(i)*0.5,
			WPM:           120 + float64(i)*4,
			Scores: map[string]float64{"delivery": 40 + float64(5*i), "structure": 30 + float64(4*i),
				"agency": 50 + float64(3*i), "content": 20 + float64(6*i)},
		}
	}
	return pts
}

// countNear counts the pixels of img within tol of c on every channel.
func countNear(img image.Image, c color.Color, tol int) int {
	want := color.NRGBAModel.Convert(c).(color.NRGBA)
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			got := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
			if absInt(int(got.R)-int(want.R)) <= tol && absInt(int(got.G)-int(want.G)) <= tol && absInt(int(got.B)-int(want.B)) <= tol {
				n++
			}
		}
	}
	return n
}

func absInt(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

func chartTexts(c *progressChart) []string {
	r := test.WidgetRenderer(c).(*progressChartRenderer)
	out := make([]string, len(r.texts))
	for i, t := range r.texts {
		out[i] = t.Text
	}
	return out
}

func TestProgressChartRendersInLightAndDarkThemes(t *testing.T) {
	for _, tc := range []struct {
		name string
		v    fyne.ThemeVariant
		dark int
	}{{"light", theme.VariantLight, 0}, {"dark", theme.VariantDark, 1}} {
		t.Run(tc.name, func(t *testing.T) {
			a := test.NewTempApp(t)
			a.Settings().SetTheme(variantTheme{theme.DefaultTheme(), tc.v})
			c := newProgressChart()
			w := test.NewWindow(c)
			defer w.Close()
			w.Resize(fyne.NewSize(720, 540))
			c.SetPoints(chartPoints(8))
			img := w.Canvas().Capture()

			bg, fg := theme.Color(theme.ColorNameBackground), theme.Color(theme.ColorNameForeground)
			if r := contrast(fg, bg); r < 4.5 {
				t.Errorf("axis text contrast %.1f:1, want at least 4.5:1", r)
			}
			for i, s := range progressSeries {
				col := seriesColor(i)
				if col != seriesColors[tc.dark][i] {
					t.Errorf("%s: %s theme picked the other palette", s.label, tc.name)
				}
				if r := contrast(col, bg); r < 3 {
					t.Errorf("%s line contrast %.1f:1 on the %s background, want at least 3:1", s.label, r, tc.name)
				}
				if n := countNear(img, col, 8); n < 40 {
					t.Errorf("%s: %d pixels of its colour drawn, want its line and legend", s.label, n)
				}
			}
			all := strings.Join(chartTexts(c), "|")
			for _, want := range []string{"Delivery", "Structure", "Agency", "Content", "Words per minute",
				"Fillers per 100 words", "Scores (0–100)", "|100|", "|50|", "|0|", "1 Sep", "20 Oct"} {
				if !strings.Contains("|"+all+"|", want) {
					t.Errorf("chart text lacks %q: %s", want, all)
				}
			}
			if n := countNear(img, fg, 30); n < 200 {
				t.Errorf("only %d pixels of text colour: labels not drawn?", n)
			}

			// Fewer than two reviewed sessions: the empty state, no lines.
			c.SetPoints(chartPoints(1))
			r := test.WidgetRenderer(c).(*progressChartRenderer)
			if len(r.lines) != 0 || len(r.texts) != 1 || !strings.Contains(r.texts[0].Text, "at least two sessions") {
				t.Fatalf("empty chart: %d lines, texts %v", len(r.lines), chartTexts(c))
			}
			img = w.Canvas().Capture()
			if n := countNear(img, fg, 30); n < 50 {
				t.Errorf("empty-state text not drawn (%d pixels)", n)
			}
			for i := range progressSeries {
				if n := countNear(img, seriesColor(i), 8); n > 0 {
					t.Errorf("empty chart draws %d pixels of series %d", n, i)
				}
			}
		})
	}
}

func TestProgressChartPlotsValuesWhereTheyBelong(t *testing.T) {
	test.NewTempApp(t)
	c := newProgressChart()
	w := test.NewWindow(c)
	defer w.Close()
	w.Resize(fyne.NewSize(720, 540))
	pts := chartPoints(4)
	delete(pts[2].Scores, "agency") // not assessed in that session
	c.SetPoints(pts)
	r := test.WidgetRenderer(c).(*progressChartRenderer)
	// Series segments: 3 per line, 2 for agency (a gap joins its neighbours).
	want := 3*5 + 2
	var colored int
	for _, l := range r.lines {
		if l.StrokeWidth == 2 {
			colored++
		}
	}
	if colored != want {
		t.Fatalf("series segments = %d, want %d", colored, want)
	}
	// Rising scores go up the screen, falling fillers go down.
	var first, last [2]float32 // y of the first delivery and filler points
	seen := 0
	for _, l := range r.lines {
		if l.StrokeWidth != 2 {
			continue
		}
		switch seen {
		case 0:
			first[0] = l.Position1.Y
		case 2:
			last[0] = l.Position2.Y
		case want - 3:
			first[1] = l.Position1.Y
		case want - 1:
			last[1] = l.Position2.Y
		}
		seen++
	}
	if !(last[0] < first[0]) || !(last[1] > first[1]) {
		t.Fatalf("delivery y %v→%v (want up), fillers y %v→%v (want down)", first[0], last[0], first[1], last[1])
	}
}

func TestSeriesPointsAveragesLongHistories(t *testing.T) {
	pts := chartPoints(1000)
	for i := range pts {
		pts[i].WPM = 150
	}
	got := seriesPoints(pts, "wpm", chartMaxPoints)
	if len(got) > chartMaxPoints || len(got) < chartMaxPoints/2 {
		t.Fatalf("%d points after bucketing, want at most %d", len(got), chartMaxPoints)
	}
	for i, q := range got {
		if math.Abs(q.v-150) > 1e-9 {
			t.Fatalf("bucket %d averages to %v, want 150", i, q.v)
		}
		if i > 0 && q.t <= got[i-1].t {
			t.Fatal("bucketed points out of time order")
		}
	}
	if n := len(seriesPoints(pts[:10], "delivery", chartMaxPoints)); n != 10 {
		t.Fatalf("short series changed length: %d", n)
	}
}
