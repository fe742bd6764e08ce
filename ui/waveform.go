package ui

import (
	"image"
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/rehearse-app/rehearse/review"
)

// waveBuckets is how many columns the envelope is reduced to; drawing
// reads these, so a long take costs no more to draw than a short one.
const waveBuckets = 2048

// waveMark is a stretch of the recording marked on the waveform: a
// finding (id is its index) or a pause.
type waveMark struct {
	t0, t1 float64
	kind   spanKind
	id     int
}

// waveform draws a take's energy envelope with its findings and pauses
// marked, and a playhead. Tapping it seeks; a tap near a mark snaps to it.
type waveform struct {
	widget.BaseWidget

	peaks    []float32 // 0..1 per bucket
	duration float64
	marks    []waveMark
	pos      float64
	headOnly bool         // the next Refresh only moves the playhead
	kinds    *kindPalette // the colours of the marks' kinds
	pace     paceLine     // the estimated rate along the bottom edge

	onSeek func(sec float64, mark *waveMark)
}

func newWaveform(kinds *kindPalette) *waveform {
	w := &waveform{kinds: kinds}
	w.ExtendBaseWidget(w)
	return w
}

// SetEnvelope shows an envelope covering duration seconds (nil for none).
func (w *waveform) SetEnvelope(env *review.Envelope, duration float64) {
	w.peaks = envelopePeaks(env, waveBuckets)
	w.duration = duration
	if w.duration <= 0 && env != nil {
		w.duration = env.Duration()
	}
	w.headOnly = false
	w.Refresh()
}

// SetMarks replaces the marks.
func (w *waveform) SetMarks(marks []waveMark) {
	w.marks = marks
	w.headOnly = false
	w.Refresh()
}

// paceLine is the rate over the recording, drawn along the waveform's
// bottom edge: higher is faster, green inside the limits, amber outside.
type paceLine struct {
	samples    []review.PaceSample
	slow, fast float64 // the limits of a good pace, words per minute
}

// paceBand is the height, in pixels, the pace line moves in.
const paceBand = 14

// SetPace shows the pace over time (nil for none) against its limits.
func (w *waveform) SetPace(samples []review.PaceSample, slow, fast float64) {
	w.pace = paceLine{samples, slow, fast}
	w.headOnly = false
	w.Refresh()
}

// SetPosition moves the playhead.
func (w *waveform) SetPosition(sec float64) {
	if w.pos == sec {
		return
	}
	w.pos = sec
	w.headOnly = true
	w.Refresh()
}

// envelopePeaks reduces env to at most n buckets of the loudest frame,
// scaled so the loudest bucket is 1 (square root, so quiet speech shows).
func envelopePeaks(env *review.Envelope, n int) []float32 {
	if env == nil || len(env.RMS) == 0 {
		return nil
	}
	m := min(n, len(env.RMS))
	out := make([]float32, m)
	var top float32
	for i, x := range env.RMS {
		b := i * m / len(env.RMS)
		if x > out[b] {
			out[b] = x
		}
		if x > top {
			top = x
		}
	}
	if top > 0 {
		for i, x := range out {
			out[i] = float32(math.Sqrt(float64(x / top)))
		}
	}
	return out
}

// Tapped seeks to the time under the pointer, or to a mark within a few
// pixels of it.
func (w *waveform) Tapped(ev *fyne.PointEvent) {
	width := w.Size().Width
	if width <= 0 || w.duration <= 0 || w.onSeek == nil {
		return
	}
	sec := float64(ev.Position.X/width) * w.duration
	slack := 4 / float64(width) * w.duration
	var best *waveMark
	bestD := slack
	for i := range w.marks {
		m := &w.marks[i]
		d := 0.0
		if sec < m.t0 {
			d = m.t0 - sec
		} else if sec > m.t1 {
			d = sec - m.t1
		}
		if d <= bestD {
			best, bestD = m, d
		}
	}
	if best != nil {
		sec = best.t0
	}
	w.onSeek(math.Max(0, math.Min(sec, w.duration)), best)
}

// Cursor shows that the waveform can be clicked.
func (w *waveform) Cursor() desktop.Cursor { return desktop.PointerCursor }

// CreateRenderer builds the waveform's renderer.
func (w *waveform) CreateRenderer() fyne.WidgetRenderer {
	r := &waveRenderer{w: w}
	r.bg = canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	r.bg.CornerRadius = 4
	r.raster = canvas.NewRaster(r.draw)
	r.head = canvas.NewRectangle(theme.Color(theme.ColorNameForeground))
	return r
}

type waveRenderer struct {
	w      *waveform
	bg     *canvas.Rectangle
	raster *canvas.Raster
	head   *canvas.Rectangle
	// colours read from the theme on Refresh, used while drawing
	wave color.NRGBA
}

func (r *waveRenderer) Layout(size fyne.Size) {
	r.bg.Resize(size)
	r.raster.Resize(size)
	x := float32(0)
	if r.w.duration > 0 {
		x = float32(r.w.pos/r.w.duration) * size.Width
	}
	r.head.Move(fyne.NewPos(fyne.Min(fyne.Max(x-1, 0), size.Width-2), 0))
	r.head.Resize(fyne.NewSize(2, size.Height))
}

func (r *waveRenderer) MinSize() fyne.Size { return fyne.NewSize(200, 64) }

func (r *waveRenderer) Refresh() {
	if r.w.headOnly {
		r.w.headOnly = false
		r.Layout(r.w.Size())
		r.head.Refresh()
		return
	}
	r.bg.FillColor = theme.Color(theme.ColorNameInputBackground)
	r.head.FillColor = theme.Color(theme.ColorNameForeground)
	r.head.Hidden = r.w.duration <= 0
	r.wave = toNRGBA(theme.Color(theme.ColorNamePrimary))
	r.Layout(r.w.Size())
	r.bg.Refresh()
	r.head.Refresh()
	r.raster.Refresh()
}

// draw renders the envelope and marks into a w×h image.
func (r *waveRenderer) draw(w, h int) image.Image {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	wf := r.w
	if w <= 0 || h <= 0 || wf.duration <= 0 {
		return img
	}
	secPerPx := wf.duration / float64(w)
	// Pauses: a translucent band over the full height.
	for _, m := range wf.marks {
		if wf.kinds.info(m.kind).show != review.ShowPause {
			continue
		}
		c := wf.kinds.info(m.kind).hue
		c.A = 70
		x0, x1 := int(m.t0/secPerPx), int(math.Ceil(m.t1/secPerPx))
		fillRect(img, x0, 0, max(x1, x0+2), h, c)
	}
	// Envelope, mirrored about the middle.
	if n := len(wf.peaks); n > 0 {
		mid := h / 2
		for x := 0; x < w; x++ {
			b0 := x * n / w
			b1 := max((x+1)*n/w, b0+1)
			var p float32
			for b := b0; b < min(b1, n); b++ {
				p = max(p, wf.peaks[b])
			}
			half := int(p * float32(h/2-4))
			fillRect(img, x, mid-half, x+1, mid+half+1, r.wave)
		}
	}
	r.drawPace(img, w, h, secPerPx)
	// Findings: a coloured tick along the top edge.
	for _, m := range wf.marks {
		if wf.kinds.info(m.kind).show == review.ShowPause {
			continue
		}
		x0, x1 := int(m.t0/secPerPx), int(math.Ceil(m.t1/secPerPx))
		fillRect(img, x0, 0, max(x1, x0+3), 6, wf.kinds.info(m.kind).hue)
	}
	return img
}

// drawPace draws the pace line: 60 wpm at the bottom edge, 240 and above
// paceBand pixels higher.
func (r *waveRenderer) drawPace(img *image.NRGBA, w, h int, secPerPx float64) {
	good := color.NRGBA{0x43, 0xA0, 0x47, 0xE0}
	off := color.NRGBA{0xFB, 0x8C, 0x00, 0xE0}
	pl := r.w.pace
	for _, p := range pl.samples {
		if p.WPM <= 0 {
			continue
		}
		c := good
		if p.WPM < pl.slow || p.WPM > pl.fast {
			c = off
		}
		y := h - 3 - int((math.Min(math.Max(p.WPM, 60), 240)-60)/180*paceBand)
		x0, x1 := int(p.Start/secPerPx), int(math.Ceil(p.End/secPerPx))
		fillRect(img, x0, y, min(x1, w), y+3, c)
	}
}

// fillRect fills [x0,x1)×[y0,y1) of img with c (alpha-blended), clipped.
func fillRect(img *image.NRGBA, x0, y0, x1, y1 int, c color.NRGBA) {
	b := img.Bounds()
	x0, y0 = max(x0, b.Min.X), max(y0, b.Min.Y)
	x1, y1 = min(x1, b.Max.X), min(y1, b.Max.Y)
	a := uint32(c.A)
	for y := y0; y < y1; y++ {
		for x := x0; x < x1; x++ {
			i := img.PixOffset(x, y)
			p := img.Pix[i : i+4 : i+4]
			if a == 255 || p[3] == 0 {
				p[0], p[1], p[2], p[3] = c.R, c.G, c.B, max(c.A, p[3])
				continue
			}
			p[0] = uint8((uint32(c.R)*a + uint32(p[0])*(255-a)) / 255)
			p[1] = uint8((uint32(c.G)*a + uint32(p[1])*(255-a)) / 255)
			p[2] = uint8((uint32(c.B)*a + uint32(p[2])*(255-a)) / 255)
			p[3] = max(p[3], c.A)
		}
	}
}

func (r *waveRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.bg, r.raster, r.head}
}

func (r *waveRenderer) Destroy() {}
