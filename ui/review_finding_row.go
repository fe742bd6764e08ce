package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/rehearse-app/rehearse/review"
)

// findingRow is one finding in the list: a swatch of its kind, its title,
// where it is, its message and suggestion. Tapping it selects it.
type findingRow struct {
	widget.BaseWidget
	onTap    func()
	index    int // in the report's findings
	bg       *canvas.Rectangle
	body     fyne.CanvasObject
	selected bool
	title    string
}

func newFindingRow(title string, f review.Finding, where string, swatch *kindSwatch, onTap func()) *findingRow {
	r := &findingRow{onTap: onTap, title: title}
	head := widget.NewRichText(
		&widget.TextSegment{Text: title, Style: widget.RichTextStyle{Inline: true, TextStyle: fyne.TextStyle{Bold: true}}},
		&widget.TextSegment{Text: "  " + where, Style: widget.RichTextStyle{Inline: true, ColorName: theme.ColorNamePlaceHolder}},
	)
	head.Wrapping = fyne.TextWrapWord
	lines := []fyne.CanvasObject{head}
	if f.Message != "" && f.Message != title {
		msg := widget.NewLabel(f.Message)
		msg.Wrapping = fyne.TextWrapWord
		lines = append(lines, msg)
	}
	if f.Suggestion != "" {
		sug := widget.NewLabel("Try: " + f.Suggestion)
		sug.Wrapping = fyne.TextWrapWord
		sug.TextStyle = fyne.TextStyle{Italic: true}
		lines = append(lines, sug)
	}
	r.bg = canvas.NewRectangle(theme.Color(theme.ColorNameBackground))
	r.bg.CornerRadius = 4
	box := container.New(layout.NewCustomPaddedVBoxLayout(0), lines...)
	r.body = container.NewBorder(nil, nil, container.NewVBox(container.NewPadded(swatch)), nil, box)
	r.ExtendBaseWidget(r)
	return r
}

func (r *findingRow) setSelected(on bool) {
	if r.selected == on {
		return
	}
	r.selected = on
	r.Refresh()
}

// Cursor shows that the finding can be clicked.
func (r *findingRow) Cursor() desktop.Cursor { return desktop.PointerCursor }

// Tapped selects the finding.
func (r *findingRow) Tapped(*fyne.PointEvent) {
	if r.onTap != nil {
		r.onTap()
	}
}

func (r *findingRow) CreateRenderer() fyne.WidgetRenderer {
	return &findingRowRenderer{r: r}
}

type findingRowRenderer struct{ r *findingRow }

func (f *findingRowRenderer) Layout(size fyne.Size) {
	f.r.bg.Resize(size)
	f.r.body.Resize(size)
}

func (f *findingRowRenderer) MinSize() fyne.Size { return f.r.body.MinSize() }

func (f *findingRowRenderer) Refresh() {
	if f.r.selected {
		f.r.bg.FillColor = theme.Color(theme.ColorNameSelection)
	} else {
		f.r.bg.FillColor = theme.Color(theme.ColorNameBackground)
	}
	f.r.bg.Refresh()
	f.r.body.Refresh()
}

func (f *findingRowRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{f.r.bg, f.r.body}
}

func (f *findingRowRenderer) Destroy() {}
