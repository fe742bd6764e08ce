package ui

import (
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// levelMeter is a horizontal input level bar: the RMS level as a filled
// bar on a decibel scale, the peak as a thin marker.
type levelMeter struct {
	widget.BaseWidget
	rms, peak float32 // 0..1 linear amplitude
}

func newLevelMeter() *levelMeter {
	m := &levelMeter{}
	m.ExtendBaseWidget(m)
	return m
}

// SetLevel shows a new level. Call it on the UI goroutine.
func (m *levelMeter) SetLevel(rms, peak float32) {
	if m.rms == rms && m.peak == peak {
		return
	}
	m.rms, m.peak = rms, peak
	m.Refresh()
}

// meterFraction maps a linear amplitude to 0..1 on a -60..0 dBFS scale, so
// quiet speech still moves the bar.
func meterFraction(v float32) float32 {
	if v <= 0 {
		return 0
	}
	db := 20 * math.Log10(float64(v))
	f := (db + 60) / 60
	return float32(math.Max(0, math.Min(1, f)))
}

func (m *levelMeter) CreateRenderer() fyne.WidgetRenderer {
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	bg.CornerRadius = 3
	bar := canvas.NewRectangle(theme.Color(theme.ColorNameSuccess))
	bar.CornerRadius = 3
	peak := canvas.NewRectangle(theme.Color(theme.ColorNameForeground))
	return &levelMeterRenderer{m: m, bg: bg, bar: bar, peakMark: peak}
}

type levelMeterRenderer struct {
	m        *levelMeter
	bg, bar  *canvas.Rectangle
	peakMark *canvas.Rectangle
}

func (r *levelMeterRenderer) Layout(size fyne.Size) {
	r.bg.Resize(size)
	r.bg.Move(fyne.NewPos(0, 0))
	w := size.Width * meterFraction(r.m.rms)
	r.bar.Resize(fyne.NewSize(w, size.Height))
	px := size.Width * meterFraction(r.m.peak)
	r.peakMark.Resize(fyne.NewSize(2, size.Height))
	r.peakMark.Move(fyne.NewPos(fyne.Max(0, px-2), 0))
	r.peakMark.Hidden = r.m.peak <= 0
}

func (r *levelMeterRenderer) MinSize() fyne.Size { return fyne.NewSize(160, 14) }

func (r *levelMeterRenderer) Refresh() {
	r.bg.FillColor = theme.Color(theme.ColorNameInputBackground)
	r.bar.FillColor = levelColor(r.m.peak)
	r.peakMark.FillColor = theme.Color(theme.ColorNameForeground)
	r.Layout(r.m.Size())
	canvas.Refresh(r.m)
}

// levelColor warns when the input is close to clipping.
func levelColor(peak float32) color.Color {
	switch {
	case peak >= 0.98:
		return theme.Color(theme.ColorNameError)
	case peak >= 0.7:
		return theme.Color(theme.ColorNameWarning)
	}
	return theme.Color(theme.ColorNameSuccess)
}

func (r *levelMeterRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.bg, r.bar, r.peakMark}
}

func (r *levelMeterRenderer) Destroy() {}
