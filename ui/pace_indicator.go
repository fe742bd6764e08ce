package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/rehearse-app/rehearse/audio"
)

// paceIndicator shows the live pace of a take at a glance: three segments
// (slow, good, fast) with the current one lit, and the estimated words per
// minute over the last seconds beside them.
type paceIndicator struct {
	widget.BaseWidget
	pace audio.LivePace
}

func newPaceIndicator() *paceIndicator {
	p := &paceIndicator{}
	p.ExtendBaseWidget(p)
	return p
}

// SetPace shows a new reading. Call it on the UI goroutine.
func (p *paceIndicator) SetPace(lp audio.LivePace) {
	if p.pace == lp {
		return
	}
	p.pace = lp
	p.Refresh()
}

// Reading is the reading shown.
func (p *paceIndicator) Reading() audio.LivePace { return p.pace }

// paceLabel is the text beside the segments.
func paceLabel(lp audio.LivePace) string {
	if lp.Verdict == audio.PaceUnknown {
		return "Pace: listening…"
	}
	return fmt.Sprintf("Pace: %s, ≈%.0f wpm", lp.Verdict, lp.WPM)
}

var paceSegments = [...]audio.PaceVerdict{audio.PaceSlow, audio.PaceGood, audio.PaceFast}

func (p *paceIndicator) CreateRenderer() fyne.WidgetRenderer {
	r := &paceRenderer{p: p, label: canvas.NewText("", theme.Color(theme.ColorNameForeground))}
	r.label.TextSize = theme.CaptionTextSize()
	for i, v := range paceSegments {
		r.segs[i] = canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
		r.segs[i].CornerRadius = 3
		r.names[i] = canvas.NewText(v.String(), theme.Color(theme.ColorNameForeground))
		r.names[i].TextSize = theme.CaptionTextSize()
		r.names[i].Alignment = fyne.TextAlignCenter
	}
	r.Refresh()
	return r
}

type paceRenderer struct {
	p     *paceIndicator
	segs  [3]*canvas.Rectangle
	names [3]*canvas.Text
	label *canvas.Text
}

const paceSegWidth = 46

func (r *paceRenderer) Layout(size fyne.Size) {
	h := size.Height
	for i := range r.segs {
		pos := fyne.NewPos(float32(i)*(paceSegWidth+2), 0)
		r.segs[i].Move(pos)
		r.segs[i].Resize(fyne.NewSize(paceSegWidth, h))
		r.names[i].Move(pos)
		r.names[i].Resize(fyne.NewSize(paceSegWidth, h))
	}
	x := 3*(paceSegWidth+2) + theme.Padding()
	r.label.Move(fyne.NewPos(x, 0))
	r.label.Resize(fyne.NewSize(fyne.Max(0, size.Width-x), h))
}

func (r *paceRenderer) MinSize() fyne.Size {
	l := fyne.MeasureText("Pace: fast, ≈000 wpm", r.label.TextSize, r.label.TextStyle)
	return fyne.NewSize(3*(paceSegWidth+2)+theme.Padding()+l.Width, fyne.Max(18, l.Height))
}

func (r *paceRenderer) Refresh() {
	lp := r.p.pace
	for i, v := range paceSegments {
		fill, text := theme.Color(theme.ColorNameInputBackground), theme.Color(theme.ColorNameForeground)
		if lp.Verdict == v {
			fill = theme.Color(paceColor(v))
			text = theme.Color(theme.ColorNameForegroundOnPrimary)
		}
		r.segs[i].FillColor = fill
		r.names[i].Color = text
		r.segs[i].Refresh()
		r.names[i].Refresh()
	}
	r.label.Text = paceLabel(lp)
	r.label.Color = theme.Color(theme.ColorNameForeground)
	r.label.Refresh()
}

// paceColor is the colour of a lit segment: good is success, slow and fast
// are warnings, not errors (a pace is a habit to notice, not a fault).
func paceColor(v audio.PaceVerdict) fyne.ThemeColorName {
	if v == audio.PaceGood {
		return theme.ColorNameSuccess
	}
	return theme.ColorNameWarning
}

func (r *paceRenderer) Objects() []fyne.CanvasObject {
	objs := []fyne.CanvasObject{}
	for i := range r.segs {
		objs = append(objs, r.segs[i], r.names[i])
	}
	return append(objs, r.label)
}

func (r *paceRenderer) Destroy() {}
