package ui

import (
	"image/color"
	"math"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/rehearse-app/rehearse/review"
)

// spanKind is what a highlighted stretch of transcript (or a mark on the
// waveform) stands for: a covered talking point, a coach's note, or one of
// the reviewer's rules. It indexes a kindPalette.
type spanKind uint16

// The kinds that are not rules; the palette numbers the rules after them.
const (
	kindNone         spanKind = iota
	kindTalkingPoint          // a covered talking point
	kindNote                  // a coach's note
	kindOther                 // a rule whose file gives no colour
	firstRuleKind
)

// kindInfo describes one kind: its legend title, its hue, and how its
// findings are drawn (review.ShowWords, ShowAnswer, ...).
type kindInfo struct {
	title string
	hue   color.NRGBA
	show  string
}

// whole reports whether findings of the kind concern the answer as a
// whole (no span to highlight).
func (k kindInfo) whole() bool { return k.show == review.ShowAnswer }

// kindPalette holds the kinds of one rule set: each rule's title, colour
// and drawing come from its rule file (review.RuleDisplay), so a coach's
// own rule gets its own colour and legend entry. Hues are blended into the
// theme's background (see highlightColor), so text on them keeps its
// contrast in light and dark themes.
type kindPalette struct {
	rules   *review.RuleSet
	kinds   []kindInfo
	byRule  map[string]spanKind
	ordered []spanKind // the legend's kinds, in reading order
}

// newKindPalette builds the kinds of rules (nil: no rules).
func newKindPalette(rules *review.RuleSet) *kindPalette {
	if rules == nil {
		rules = review.NewRuleSet(nil)
	}
	p := &kindPalette{rules: rules, byRule: map[string]spanKind{}}
	p.kinds = []kindInfo{
		kindNone:         {},
		kindTalkingPoint: {title: "Talking point covered", hue: color.NRGBA{30, 136, 229, 255}},
		kindNote:         {title: "Coach's note", hue: color.NRGBA{121, 85, 72, 255}},
		kindOther:        {title: "Other rule", hue: review.OtherRuleColor, show: review.ShowStretch},
	}
	for _, d := range rules.Legend() {
		k := spanKind(len(p.kinds))
		p.kinds = append(p.kinds, kindInfo{title: d.Title, hue: d.Color, show: d.Show})
		p.byRule[d.Rule] = k
		if d.Rule == "talking-point-missing" {
			p.ordered = append(p.ordered, kindTalkingPoint)
		}
		p.ordered = append(p.ordered, k)
	}
	if !slices.Contains(p.ordered, kindTalkingPoint) {
		p.ordered = append(p.ordered, kindTalkingPoint)
	}
	p.ordered = append(p.ordered, kindNote)
	// An uncoloured rule drawn other than as a stretch (an answer-wide
	// rule, say) gets a grey kind of its own, so it is drawn its way.
	for _, r := range rules.Rules() {
		if d := rules.Display(r.ID); !d.Own && d.Show != review.ShowStretch {
			p.byRule[r.ID] = spanKind(len(p.kinds))
			p.kinds = append(p.kinds, kindInfo{title: p.kinds[kindOther].title, hue: d.Color, show: d.Show})
		}
	}
	return p
}

// ofRule returns the kind of a rule's findings: the rule's own when its
// file gives a colour, else "Other rule". The palette is read-only once
// built, so the renderers may read it.
func (p *kindPalette) ofRule(id string) spanKind {
	if k, ok := p.byRule[id]; ok {
		return k
	}
	return kindOther
}

// info describes kind k.
func (p *kindPalette) info(k spanKind) kindInfo {
	if int(k) >= len(p.kinds) {
		return p.kinds[kindOther]
	}
	return p.kinds[k]
}

// title is the human name of a rule, from its rule file.
func (p *kindPalette) title(rule string) string { return p.rules.Title(rule) }

// highlight is the background of a highlighted stretch of kind k in the
// current theme.
func (p *kindPalette) highlight(k spanKind) color.NRGBA { return highlightColor(p.info(k).hue) }

// swatch is a small square in kind k's colours.
func (p *kindPalette) swatch(k spanKind) *kindSwatch { return newKindSwatch(p.info(k).hue) }

// legend lists the palette's kinds with their colours. Kinds about the
// answer as a whole are marked so: they show in the findings list, not in
// the text.
func (p *kindPalette) legend() fyne.CanvasObject {
	var items []fyne.CanvasObject
	for _, k := range p.ordered {
		info := p.info(k)
		title := info.title
		if info.whole() {
			title += " (whole answer)"
		}
		l := widget.NewLabel(title)
		l.SizeName = theme.SizeNameCaptionText
		items = append(items, container.NewHBox(container.NewCenter(p.swatch(k)), l))
	}
	return container.NewGridWithColumns(3, items...)
}

// highlightAlpha is how much of a kind's hue goes into its highlight, at
// most; minContrast is the contrast text keeps on it (WCAG AA is 4.5).
const (
	highlightAlpha = 0.36
	minContrast    = 4.7
)

// highlightColor is the background of a stretch highlighted in hue in the
// current theme: the hue blended into the theme background, as strongly
// as the theme's text colour allows while staying readable.
func highlightColor(hue color.NRGBA) color.NRGBA {
	bg, fg := theme.Color(theme.ColorNameBackground), theme.Color(theme.ColorNameForeground)
	c := blend(hue, bg, highlightAlpha)
	for a := highlightAlpha; a > 0.1 && contrast(fg, c) < minContrast; a -= 0.02 {
		c = blend(hue, bg, a)
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
	hue color.NRGBA
}

func newKindSwatch(hue color.NRGBA) *kindSwatch {
	s := &kindSwatch{hue: hue}
	s.ExtendBaseWidget(s)
	return s
}

func (s *kindSwatch) CreateRenderer() fyne.WidgetRenderer {
	r := canvas.NewRectangle(highlightColor(s.hue))
	r.CornerRadius = 3
	r.StrokeColor = s.hue
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
	r.rect.FillColor = highlightColor(r.s.hue)
	r.rect.Refresh()
}
func (r *swatchRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.rect} }
func (r *swatchRenderer) Destroy()                     {}

// toNRGBA converts any colour to non-premultiplied RGBA.
func toNRGBA(c color.Color) color.NRGBA {
	return color.NRGBAModel.Convert(c).(color.NRGBA)
}
