package ui

import (
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/rehearse-app/rehearse/review"
)

// spanKind is what a highlighted stretch of transcript (or a mark on the
// waveform) stands for: one of the reviewer's stable rules, a covered
// talking point, or a coach's note.
type spanKind uint8

const (
	kindNone spanKind = iota
	kindTalkingPoint
	kindTradeoff
	kindHedge
	kindJump
	kindFiller
	kindVoicedGap
	kindLongPause
	kindMissingTradeoff
	kindPointMissing
	kindPace
	kindNote
	kindOther // a rule from a user's rule file
	numKinds
)

// kindInfo describes one kind: its legend title, its hue, and whether its
// findings concern the answer as a whole (no span to highlight).
type kindInfo struct {
	title string
	hue   color.NRGBA
	whole bool
}

// kinds is indexed by spanKind. Hues are blended into the theme's
// background (see highlightColor), so text on them keeps its contrast in
// light and dark themes.
var kinds = [numKinds]kindInfo{
	kindNone:            {},
	kindTalkingPoint:    {title: "Talking point covered", hue: color.NRGBA{30, 136, 229, 255}},
	kindTradeoff:        {title: review.RuleTitle("tradeoff"), hue: color.NRGBA{67, 160, 71, 255}},
	kindHedge:           {title: review.RuleTitle("hedge"), hue: color.NRGBA{255, 214, 0, 255}},
	kindJump:            {title: review.RuleTitle("jump-to-solution"), hue: color.NRGBA{229, 57, 53, 255}},
	kindFiller:          {title: review.RuleTitle("filler"), hue: color.NRGBA{255, 152, 0, 255}},
	kindVoicedGap:       {title: review.RuleTitle("voiced-gap"), hue: color.NRGBA{244, 81, 30, 255}},
	kindLongPause:       {title: review.RuleTitle("long-pause"), hue: color.NRGBA{142, 36, 170, 255}},
	kindMissingTradeoff: {title: review.RuleTitle("missing-tradeoff"), hue: color.NRGBA{216, 27, 96, 255}, whole: true},
	kindPointMissing:    {title: review.RuleTitle("talking-point-missing"), hue: color.NRGBA{120, 120, 120, 255}, whole: true},
	kindPace:            {title: review.RuleTitle("pace"), hue: color.NRGBA{0, 137, 123, 255}, whole: true},
	kindNote:            {title: "Coach's note", hue: color.NRGBA{121, 85, 72, 255}},
	kindOther:           {title: "Other rule", hue: color.NRGBA{96, 125, 139, 255}},
}

// kindOfRule maps a rule id to its kind.
func kindOfRule(rule string) spanKind {
	switch rule {
	case "filler":
		return kindFiller
	case "voiced-gap":
		return kindVoicedGap
	case "hedge":
		return kindHedge
	case "jump-to-solution":
		return kindJump
	case "missing-tradeoff":
		return kindMissingTradeoff
	case "tradeoff":
		return kindTradeoff
	case "talking-point-missing":
		return kindPointMissing
	case "long-pause":
		return kindLongPause
	case "pace":
		return kindPace
	}
	return kindOther
}

// legendKinds are the kinds the legend lists, in reading order.
var legendKinds = []spanKind{kindFiller, kindVoicedGap, kindHedge, kindJump, kindTradeoff,
	kindMissingTradeoff, kindTalkingPoint, kindPointMissing, kindLongPause, kindPace, kindNote}

// highlightAlpha is how much of a kind's hue goes into its highlight, at
// most; minContrast is the contrast text keeps on it (WCAG AA is 4.5).
const (
	highlightAlpha = 0.36
	minContrast    = 4.7
)

// highlightColor is the background of a highlighted stretch of kind k in
// the current theme: the kind's hue blended into the theme background, as
// strongly as the theme's text colour allows while staying readable.
func highlightColor(k spanKind) color.NRGBA {
	bg, fg := theme.Color(theme.ColorNameBackground), theme.Color(theme.ColorNameForeground)
	c := blend(kinds[k].hue, bg, highlightAlpha)
	for a := highlightAlpha; a > 0.1 && contrast(fg, c) < minContrast; a -= 0.02 {
		c = blend(kinds[k].hue, bg, a)
	}
	return c
}

// contrast is the WCAG contrast ratio of two colours (1..21).
func contrast(a, b color.Color) float64 {
	l1, l2 := luminance(a), luminance(b)
	if l1 < l2 {
		l1, l2 = l2, l1
	}
	return (l1 + 0.05) / (l2 + 0.05)
}

// luminance is the relative luminance of c (WCAG 2).
func luminance(c color.Color) float64 {
	n := toNRGBA(c)
	ch := func(v uint8) float64 {
		x := float64(v) / 255
		if x <= 0.03928 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(n.R) + 0.7152*ch(n.G) + 0.0722*ch(n.B)
}

// blend mixes a into b, a weighing alpha (0..1); the result is opaque.
func blend(a color.NRGBA, b color.Color, alpha float64) color.NRGBA {
	br, bg, bb, _ := b.RGBA()
	mix := func(x uint8, y uint32) uint8 {
		return uint8(alpha*float64(x) + (1-alpha)*float64(y>>8) + 0.5)
	}
	return color.NRGBA{mix(a.R, br), mix(a.G, bg), mix(a.B, bb), 255}
}

// kindSwatch is a small square in a kind's highlight colour, for legends
// and the findings list; it follows theme changes.
type kindSwatch struct {
	widget.BaseWidget
	kind spanKind
}

func newKindSwatch(k spanKind) *kindSwatch {
	s := &kindSwatch{kind: k}
	s.ExtendBaseWidget(s)
	return s
}

func (s *kindSwatch) CreateRenderer() fyne.WidgetRenderer {
	r := canvas.NewRectangle(highlightColor(s.kind))
	r.CornerRadius = 3
	r.StrokeColor = kinds[s.kind].hue
	r.StrokeWidth = 1
	return &swatchRenderer{s: s, rect: r}
}

type swatchRenderer struct {
	s    *kindSwatch
	rect *canvas.Rectangle
}

func (r *swatchRenderer) Layout(size fyne.Size) { r.rect.Resize(size) }
func (r *swatchRenderer) MinSize() fyne.Size    { return fyne.NewSize(14, 14) }
func (r *swatchRenderer) Refresh() {
	r.rect.FillColor = highlightColor(r.s.kind)
	r.rect.Refresh()
}
func (r *swatchRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.rect} }
func (r *swatchRenderer) Destroy()                     {}

// newLegend lists every kind with its colour. Kinds about the answer as a
// whole are marked so: they show in the findings list, not in the text.
func newLegend() fyne.CanvasObject {
	var items []fyne.CanvasObject
	for _, k := range legendKinds {
		title := kinds[k].title
		if kinds[k].whole {
			title += " (whole answer)"
		}
		l := widget.NewLabel(title)
		l.SizeName = theme.SizeNameCaptionText
		items = append(items, container.NewHBox(container.NewCenter(newKindSwatch(k)), l))
	}
	return container.NewGridWithColumns(3, items...)
}

// toNRGBA converts any colour to non-premultiplied RGBA.
func toNRGBA(c color.Color) color.NRGBA {
	return color.NRGBAModel.Convert(c).(color.NRGBA)
}
