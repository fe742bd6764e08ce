package ui

import (
	"math"
	"sort"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/rehearse-app/rehearse/review"
)

// textMark is a highlighted byte span of the transcript.
type textMark struct {
	start, end int
	kind       spanKind
}

// textInsert is a marker shown in the text that is not part of it, e.g.
// "[pause 2.8 s]" or "[note 2]", placed before the byte at offset at.
type textInsert struct {
	at   int
	text string
	kind spanKind
	id   int // the caller's index (finding or note)
}

// cellKind says what a cell of the grid shows.
type cellKind uint8

const (
	cellEmpty  cellKind = iota // nothing (off the text)
	cellText                   // a rune of the text
	cellInsert                 // a rune of an insert (a marker)
)

// cellRef is what a cell of the grid shows: a byte of the text (at is its
// offset), a rune of an insert (at is the insert's index), or nothing.
type cellRef struct {
	kind cellKind
	at   int32
}

// noCell refers to nothing.
var noCell = cellRef{}

func textRef(off int) cellRef { return cellRef{kind: cellText, at: int32(off)} }

func insertRef(i int) cellRef { return cellRef{kind: cellInsert, at: int32(i)} }

// textOffset is the byte offset the cell shows, when it shows the text.
func (c cellRef) textOffset() (int, bool) { return int(c.at), c.kind == cellText }

// transcriptView shows the transcript word-wrapped in the theme's
// proportional text font, with highlights behind flagged words, inline
// markers for pauses and notes, and a selection. Each rune is a cell (its
// byte offset, style and x position are kept per row), so a tap maps back
// to the byte it landed on. Tapping a word reports its byte offset;
// dragging across words (mouse down on one, up on another) reports the
// range. Only the rows in view are drawn, so long transcripts stay cheap.
type transcriptView struct {
	widget.BaseWidget

	text    string
	marks   []textMark   // highlights, painted in slice order
	inserts []textInsert // sorted by at
	notes   []textMark   // spans with notes: underlined
	selA    int          // selection (bold, underlined); -1 for none
	selB    int
	playA   int // the word being played (bold, tinted); -1 for none
	playB   int

	kinds    *kindPalette // the colours of the highlights' kinds
	onWord   func(off int)
	onInsert func(id int, kind spanKind)
	onRange  func(start, end int)

	layer      *fyne.Container // the drawn rows in view (and a few more)
	page       *transcriptPage // the scrolled content, as tall as every row
	scroll     *container.Scroll
	wrapW      float32   // the width rows wrap at; 0 before the first layout
	cell       fyne.Size // Height is a row's height; Width an average rune's
	textSize   float32
	textHeight float32              // height of a line of text, within a row
	widths     map[runeFace]float32 // measured width of a rune in a face
	rows       [][]cellRef
	xs         [][]float32          // per row, the x of each cell
	gridRows   []widget.TextGridRow // per row, the rune and style of each cell
	styles     map[styleKey]*widget.CustomTextGridStyle
	bytes      textBytes // what each byte of the text is and where it shows

	downRef   cellRef
	rangeDone time.Time
}

// textBytes holds, per byte of the text, its highlight kind, whether a
// note covers it, and the grid cell showing it (row -1 for none).
type textBytes struct {
	kindAt  []spanKind
	noted   []bool
	cellRow []int32
	cellCol []int32
}

// runeFace is a rune in a text style, for the width cache.
type runeFace struct {
	r    rune
	bold bool
}

type styleKey struct {
	kind      spanKind
	selected  bool
	underline bool
	playing   bool
}

func newTranscriptView(kinds *kindPalette) *transcriptView {
	v := &transcriptView{kinds: kinds, selA: -1, selB: -1, playA: -1, playB: -1, downRef: noCell}
	v.layer = container.NewWithoutLayout()
	v.page = newTranscriptPage(v)
	v.scroll = container.NewVScroll(v.page)
	v.scroll.OnScrolled = func(fyne.Position) { v.window() }
	v.ExtendBaseWidget(v)
	return v
}

// SetContent replaces the text, its highlights and markers. Call it on the
// UI goroutine.
func (v *transcriptView) SetContent(text string, marks []textMark, inserts []textInsert, notes []textMark) {
	v.text = text
	v.marks = marks
	v.inserts = append([]textInsert(nil), inserts...)
	sort.SliceStable(v.inserts, func(i, j int) bool { return v.inserts[i].at < v.inserts[j].at })
	v.notes = notes
	v.selA, v.selB = -1, -1
	v.playA, v.playB = -1, -1
	v.rebuild()
}

// Select marks [a, b) as selected (bold, underlined) and scrolls it into
// view; a < 0 clears the selection.
func (v *transcriptView) Select(a, b int) {
	if a < 0 {
		a, b = -1, -1
	}
	v.selA, v.selB = a, b
	v.rebuild()
	if a >= 0 {
		v.ScrollTo(a)
	}
}

// ScrollTo scrolls so the row holding byte offset off is in view.
func (v *transcriptView) ScrollTo(off int) {
	row := v.rowOf(off)
	if row < 0 || v.cell.Height == 0 {
		return
	}
	y := float32(row) * v.cell.Height
	view := v.scroll.Size().Height
	if y >= v.scroll.Offset.Y && y+v.cell.Height <= v.scroll.Offset.Y+view {
		return
	}
	v.scroll.Offset.Y = float32(math.Max(0, float64(y-view/3)))
	v.scroll.Refresh()
}

// rowOf returns the grid row showing byte offset off (or the first after it).
func (v *transcriptView) rowOf(off int) int {
	for r, row := range v.rows {
		for _, c := range row {
			if at, ok := c.textOffset(); ok && at >= off {
				return r
			}
		}
	}
	return len(v.rows) - 1
}

// refAt returns what the cell under pos (relative to the view) shows; taps
// past the end of a row count as its last cell.
func (v *transcriptView) refAt(pos fyne.Position) cellRef {
	if v.cell.Height == 0 {
		return noCell
	}
	row := int((pos.Y + v.scroll.Offset.Y) / v.cell.Height)
	if row < 0 || row >= len(v.rows) || pos.X < 0 {
		return noCell
	}
	cells := v.rows[row]
	// The last cell starting at or before the pointer.
	col := sort.Search(len(cells), func(i int) bool { return v.xs[row][i] > pos.X }) - 1
	for ; col >= 0; col-- {
		if cells[col] != noCell {
			return cells[col]
		}
	}
	return noCell
}

// Tapped reports the word or marker under the pointer.
func (v *transcriptView) Tapped(ev *fyne.PointEvent) {
	if time.Since(v.rangeDone) < 400*time.Millisecond {
		return // the end of a drag selection, already handled
	}
	v.report(v.refAt(ev.Position))
}

func (v *transcriptView) report(ref cellRef) {
	switch ref.kind {
	case cellText:
		if v.onWord != nil {
			v.onWord(int(ref.at))
		}
	case cellInsert:
		in := v.inserts[ref.at]
		if v.onInsert != nil {
			v.onInsert(in.id, in.kind)
		}
	}
}

// Cursor shows that words can be clicked.
func (v *transcriptView) Cursor() desktop.Cursor { return desktop.PointerCursor }

// MouseDown starts a drag selection.
func (v *transcriptView) MouseDown(ev *desktop.MouseEvent) { v.downRef = v.refAt(ev.Position) }

// MouseUp ends a drag selection: a range when it ends on another word.
func (v *transcriptView) MouseUp(ev *desktop.MouseEvent) {
	down, up := v.downRef, v.refAt(ev.Position)
	v.downRef = noCell
	a, okA := down.textOffset()
	b, okB := up.textOffset()
	if !okA || !okB {
		return
	}
	if a > b {
		a, b = b, a
	}
	wa, _ := review.WordBounds(v.text, a)
	_, wb := review.WordBounds(v.text, b)
	if wa == review.WordStart(v.text, b) {
		return // same word: a tap
	}
	v.rangeDone = time.Now()
	if v.onRange != nil {
		v.onRange(wa, wb)
	}
}

// isSpaceByte reports whether c is white space between words.
func isSpaceByte(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

// style returns the (shared) grid style for a cell.
func (v *transcriptView) style(k styleKey) widget.TextGridStyle {
	if k == (styleKey{}) {
		return nil
	}
	if s, ok := v.styles[k]; ok {
		return s
	}
	s := &widget.CustomTextGridStyle{}
	if k.kind != kindNone {
		s.BGColor = v.kinds.highlight(k.kind)
	}
	switch {
	case k.selected:
		s.TextStyle = fyne.TextStyle{Bold: true, Underline: true}
	case k.underline:
		s.TextStyle = fyne.TextStyle{Underline: true}
	}
	// The word being played is tinted, not made bold, so the text never
	// reflows while it plays.
	switch {
	case k.playing && k.kind != kindNone:
		s.BGColor = blend(toNRGBA(theme.Color(theme.ColorNamePrimary)), v.kinds.highlight(k.kind), 0.45)
	case (k.selected || k.playing) && k.kind == kindNone:
		s.BGColor = blend(toNRGBA(theme.Color(theme.ColorNamePrimary)), theme.Color(theme.ColorNameBackground), 0.3)
	}
	v.styles[k] = s
	return s
}

// keyAt is the style of the byte at off (after rebuild set kindAt).
func (v *transcriptView) keyAt(off int) styleKey {
	n := len(v.text)
	key := styleKey{kind: v.bytes.kindAt[off], underline: v.bytes.noted[off]}
	space := isSpaceByte(v.text[off])
	if off >= v.selA && off < v.selB && !space {
		key.selected = true
	}
	if off >= v.playA && off < v.playB && !space {
		key.playing = true
	}
	if space && (off == 0 || off+1 >= n || v.bytes.kindAt[off-1] != v.bytes.kindAt[off+1]) {
		key.kind = kindNone // don't paint the gap between two marks
		key.underline = key.underline && off > 0 && off+1 < n && v.bytes.noted[off-1] && v.bytes.noted[off+1]
	}
	return key
}

// SetPlaying marks [a, b) as the words being played (a < 0 for none),
// restyling only the cells that change, so it is cheap to call often.
func (v *transcriptView) SetPlaying(a, b int) {
	if a < 0 {
		a, b = -1, -1
	}
	if a == v.playA && b == v.playB {
		return
	}
	oa, ob := v.playA, v.playB
	v.playA, v.playB = a, b
	if len(v.bytes.cellRow) != len(v.text) || v.styles == nil {
		return // not laid out yet: rebuild will style them
	}
	changed := false
	for _, span := range [2][2]int{{oa, ob}, {a, b}} {
		for off := max(span[0], 0); off < min(span[1], len(v.text)); off++ {
			r, c := v.bytes.cellRow[off], v.bytes.cellCol[off]
			if r < 0 {
				continue
			}
			v.gridRows[r].Cells[c].Style = v.style(v.keyAt(off))
			changed = true
		}
	}
	if changed {
		v.window()
	}
}

// runeWidth is the width of r in the text font (bold or regular).
func (v *transcriptView) runeWidth(r rune, bold bool) float32 {
	k := runeFace{r, bold}
	if w, ok := v.widths[k]; ok {
		return w
	}
	if v.widths == nil {
		v.widths = map[runeFace]float32{}
	}
	w := fyne.MeasureText(string(r), v.textSize, fyne.TextStyle{Bold: bold}).Width
	v.widths[k] = w
	return w
}

// cellItem is one cell before layout: its rune, what it shows, its style.
type cellItem struct {
	r   rune
	ref cellRef
	key styleKey
}

// rebuild lays the text out in rows v.wrapW wide and styles every cell.
func (v *transcriptView) rebuild() {
	v.styles = map[styleKey]*widget.CustomTextGridStyle{}
	if v.wrapW <= 0 {
		return
	}
	v.markBytes()
	items := v.cellItems()
	runes := make([]rune, len(items))
	for i, it := range items {
		runes[i] = it.r
	}
	wOf := func(it cellItem) float32 { return v.runeWidth(it.r, it.key.selected) }
	rows := wrapRows(runes, func(i int) float32 { return wOf(items[i]) }, v.wrapW)
	n := len(v.text)
	v.rows = make([][]cellRef, len(rows))
	v.xs = make([][]float32, len(rows))
	v.bytes.cellRow, v.bytes.cellCol = make([]int32, n), make([]int32, n)
	for i := range v.bytes.cellRow {
		v.bytes.cellRow[i] = -1
	}
	gridRows := make([]widget.TextGridRow, len(rows))
	for i, span := range rows {
		r := items[span[0]:span[1]]
		refs := make([]cellRef, len(r))
		xs := make([]float32, len(r))
		cells := make([]widget.TextGridCell, len(r))
		var x float32
		for j, it := range r {
			refs[j] = it.ref
			xs[j] = x
			x += wOf(it)
			if off, ok := it.ref.textOffset(); ok {
				v.bytes.cellRow[off], v.bytes.cellCol[off] = int32(i), int32(j)
			}
			cells[j] = widget.TextGridCell{Rune: it.r, Style: v.style(it.key)}
		}
		v.rows[i] = refs
		v.xs[i] = xs
		gridRows[i] = widget.TextGridRow{Cells: cells}
	}
	v.gridRows = gridRows
	v.page.Refresh()
	v.scroll.Refresh()
	v.window()
}

// markBytes notes the highlight kind and whether a note covers each byte.
func (v *transcriptView) markBytes() {
	n := len(v.text)
	kindAt := make([]spanKind, n)
	for _, m := range v.marks {
		for i := max(m.start, 0); i < min(m.end, n); i++ {
			kindAt[i] = m.kind
		}
	}
	noted := make([]bool, n)
	for _, m := range v.notes {
		for i := max(m.start, 0); i < min(m.end, n); i++ {
			noted[i] = true
		}
	}
	v.bytes.kindAt, v.bytes.noted = kindAt, noted
}

// cellItems lists the cells of the text with the inserts in their place.
func (v *transcriptView) cellItems() []cellItem {
	n := len(v.text)
	items := make([]cellItem, 0, n+len(v.inserts)*12)
	ins := 0
	emitInserts := func(upTo int) {
		for ins < len(v.inserts) && v.inserts[ins].at <= upTo {
			in := v.inserts[ins]
			for _, r := range in.text {
				items = append(items, cellItem{r, insertRef(ins), styleKey{kind: in.kind}})
			}
			ins++
		}
	}
	for off := 0; off < n; {
		emitInserts(off)
		r, size := utf8.DecodeRuneInString(v.text[off:])
		if r == '\t' || r == '\r' {
			r = ' '
		}
		items = append(items, cellItem{r, textRef(off), v.keyAt(off)})
		off += size
	}
	emitInserts(math.MaxInt)
	return items
}

// window draws the rows in view, plus a margin: each run of cells in one
// style is one text, on its highlight when it has one.
func (v *transcriptView) window() {
	if v.cell.Height <= 0 {
		return
	}
	const margin = 3
	first := max(int(v.scroll.Offset.Y/v.cell.Height)-margin, 0)
	count := max(int(v.scroll.Size().Height/v.cell.Height), 0) + 2*margin + 1
	last := min(first+count, len(v.gridRows))
	first = max(min(first, last), 0)
	last = max(last, first)
	fg := theme.Color(theme.ColorNameForeground)
	var objs []fyne.CanvasObject
	for r := first; r < last; r++ {
		cells := v.gridRows[r].Cells
		y := float32(r) * v.cell.Height
		for a := 0; a < len(cells); {
			b := a + 1
			for b < len(cells) && cells[b].Style == cells[a].Style {
				b++
			}
			x0 := v.xs[r][a]
			x1 := v.xs[r][b-1] + v.runeWidth(cells[b-1].Rune, isBold(cells[a].Style))
			runes := make([]rune, 0, b-a)
			for _, c := range cells[a:b] {
				runes = append(runes, c.Rune)
			}
			var style fyne.TextStyle
			if st := cells[a].Style; st != nil {
				style = st.Style()
				if bg := st.BackgroundColor(); bg != nil {
					rect := canvas.NewRectangle(bg)
					rect.Move(fyne.NewPos(x0, y))
					rect.Resize(fyne.NewSize(x1-x0, v.cell.Height))
					objs = append(objs, rect)
				}
			}
			t := canvas.NewText(string(runes), fg)
			t.TextSize = v.textSize
			// The underline is drawn as a line of its own: fonts are
			// looked up by style, and not every theme has underlined ones.
			t.TextStyle = fyne.TextStyle{Bold: style.Bold}
			th := v.textHeight
			t.Move(fyne.NewPos(x0, y+(v.cell.Height-th)/2))
			t.Resize(fyne.NewSize(x1-x0, th))
			objs = append(objs, t)
			if style.Underline {
				line := canvas.NewRectangle(fg)
				line.Move(fyne.NewPos(x0, y+(v.cell.Height+th)/2-1))
				line.Resize(fyne.NewSize(x1-x0, 1))
				objs = append(objs, line)
			}
			a = b
		}
	}
	v.layer.Objects = objs
	v.layer.Resize(fyne.NewSize(v.page.Size().Width, float32(len(v.gridRows))*v.cell.Height))
	v.layer.Refresh()
}

// isBold reports whether a cell style draws bold text.
func isBold(st widget.TextGridStyle) bool { return st != nil && st.Style().Bold }

// transcriptPage is the scrolled content of a transcriptView: as tall as
// all rows, drawing the grid of the rows in view at their place.
type transcriptPage struct {
	widget.BaseWidget
	v *transcriptView
}

func newTranscriptPage(v *transcriptView) *transcriptPage {
	p := &transcriptPage{v: v}
	p.ExtendBaseWidget(p)
	return p
}

func (p *transcriptPage) CreateRenderer() fyne.WidgetRenderer { return &pageRenderer{p: p} }

type pageRenderer struct{ p *transcriptPage }

func (r *pageRenderer) Layout(fyne.Size) { r.p.v.window() }
func (r *pageRenderer) MinSize() fyne.Size {
	v := r.p.v
	return fyne.NewSize(v.wrapW, float32(len(v.gridRows))*v.cell.Height)
}
func (r *pageRenderer) Refresh()                     {}
func (r *pageRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.p.v.layer} }
func (r *pageRenderer) Destroy()                     {}

// measureCell returns a row's height (the text font's line height and a
// little leading) and an average rune's width, and notes the text size.
func (v *transcriptView) measureCell() fyne.Size {
	v.textSize = v.Theme().Size(theme.SizeNameText)
	v.widths = nil
	size := fyne.MeasureText("Mg", v.textSize, fyne.TextStyle{})
	v.textHeight = size.Height
	return fyne.NewSize(float32(math.Round(float64(size.Width/2))), float32(math.Round(float64(size.Height*1.25))))
}

// transcriptMinWidth is the view's minimum width, whatever it shows, so
// the screen does not shift when a transcript arrives.
const transcriptMinWidth = 360

// CreateRenderer builds the view's renderer.
func (v *transcriptView) CreateRenderer() fyne.WidgetRenderer {
	v.cell = v.measureCell()
	return &transcriptRenderer{v: v}
}

type transcriptRenderer struct{ v *transcriptView }

func (r *transcriptRenderer) Layout(size fyne.Size) {
	v := r.v
	v.scroll.Resize(size)
	v.scroll.Move(fyne.NewPos(0, 0))
	if v.cell.Height <= 0 {
		return
	}
	w := max(size.Width-theme.ScrollBarSize()-2, 12*v.cell.Width)
	if w != v.wrapW {
		v.wrapW = w
		v.rebuild()
	}
}

func (r *transcriptRenderer) MinSize() fyne.Size {
	return fyne.NewSize(transcriptMinWidth, r.v.cell.Height*6)
}

// Refresh follows theme changes: new cell size and highlight colours.
func (r *transcriptRenderer) Refresh() {
	v := r.v
	v.cell = v.measureCell()
	v.wrapW = 0
	r.Layout(v.Size())
	if v.wrapW == 0 {
		v.rebuild()
	}
}

func (r *transcriptRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.v.scroll} }
func (r *transcriptRenderer) Destroy()                     {}
