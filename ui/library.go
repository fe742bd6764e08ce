package ui

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/rehearse-app/rehearse/session"
)

// Date range choices of the library's date filter.
const (
	datesAll    = "All dates"
	dates7      = "Last 7 days"
	dates30     = "Last 30 days"
	dates90     = "Last 90 days"
	datesCustom = "Between dates…"
)

// dateLayout is how the from/to entries take dates.
const dateLayout = "2006-01-02"

// libraryFilter is what the list is filtered by, and its widgets.
type libraryFilter struct {
	query    string // search words as typed
	category string // category id; "" = all
	dates    string // one of the dates* choices
	fromText string // from/to entries, used with datesCustom
	toText   string

	search      *widget.Entry
	categorySel *widget.Select
	datesSel    *widget.Select
	from, to    *widget.Entry
	filterErr   *widget.Label
}

// libraryScreen lists every session with its figures, searches and filters
// them, opens, renames, deletes, exports and imports sessions, and charts
// progress across sessions.
type libraryScreen struct {
	wg         sync.WaitGroup // listings in flight; shutdown waits for them
	deps       Deps
	win        fyne.Window
	notify     func(err error)
	openReview func(sessionID, takeID string)
	// do runs f on the UI goroutine: fyne.Do, or a test's own queue.
	do func(f func())
	// now gives the current time for the "last N days" filters.
	now func() time.Time

	// state
	filter   libraryFilter
	rows     []session.Entry // what the list shows, newest first
	selected string          // id of the selected session, "" = none
	loaded   bool            // rows hold a finished load
	gen      int             // bumped by every refresh; stale results are dropped
	busy     bool            // a load is running
	ctx      context.Context // cancelled by shutdown
	cancel   context.CancelFunc
	closed   bool
	built    bool // build has finished; widget callbacks during build are ignored
	listSel  int  // row index selected in the list widget, -1 = none

	// widgets
	status      *widget.Label
	list        *widget.List
	openBtn     *widget.Button
	renameBtn   *widget.Button
	deleteBtn   *widget.Button
	exports     struct{ md, html, zip *widget.Button }
	importBtn   *widget.Button
	chart       *progressChart
	renameEntry *widget.Entry // the rename dialog's entry while it is open
	content     fyne.CanvasObject
}

func newLibraryScreen(deps Deps, win fyne.Window, notify func(error), openReview func(sessionID, takeID string)) *libraryScreen {
	s := &libraryScreen{deps: deps, win: win, notify: notify, openReview: openReview,
		do: fyne.Do, now: time.Now, filter: libraryFilter{dates: datesAll}, listSel: -1}
	s.ctx, s.cancel = context.WithCancel(context.Background())
	s.build()
	return s
}

func (s *libraryScreen) build() {
	s.filter.search = widget.NewEntry()
	s.filter.search.SetPlaceHolder("Search transcripts, notes, titles and questions")
	s.filter.search.OnChanged = func(v string) {
		s.filter.query = v
		s.refresh()
	}
	cats := categoryOptions()
	s.filter.categorySel = widget.NewSelect(cats, s.onCategory)
	s.filter.datesSel = widget.NewSelect([]string{datesAll, dates7, dates30, dates90, datesCustom}, s.onDates)
	s.filter.from = widget.NewEntry()
	s.filter.from.SetPlaceHolder("from YYYY-MM-DD")
	s.filter.from.OnChanged = func(v string) { s.filter.fromText = v; s.refresh() }
	s.filter.to = widget.NewEntry()
	s.filter.to.SetPlaceHolder("to YYYY-MM-DD")
	s.filter.to.OnChanged = func(v string) { s.filter.toText = v; s.refresh() }
	s.filter.from.Hide()
	s.filter.to.Hide()
	s.filter.filterErr = widget.NewLabel("")
	s.filter.filterErr.Importance = widget.DangerImportance
	s.filter.filterErr.Wrapping = fyne.TextWrapWord
	s.filter.filterErr.Hide()
	s.status = widget.NewLabel("Loading the library…")
	s.status.Wrapping = fyne.TextWrapWord

	s.list = widget.NewList(
		func() int { return len(s.rows) },
		func() fyne.CanvasObject { return newLibraryRow() },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id >= 0 && id < len(s.rows) {
				o.(*libraryRow).set(s.rows[id])
			}
		})
	s.list.OnSelected = func(id widget.ListItemID) {
		s.listSel = id
		if id >= 0 && id < len(s.rows) {
			s.selected = s.rows[id].ID
		}
		s.updateButtons()
	}
	s.list.OnUnselected = func(widget.ListItemID) { s.listSel = -1 }

	s.openBtn = widget.NewButtonWithIcon("Open", theme.DocumentIcon(), s.onOpen)
	s.openBtn.Importance = widget.HighImportance
	s.renameBtn = widget.NewButtonWithIcon("Rename…", theme.DocumentCreateIcon(), s.onRename)
	s.deleteBtn = widget.NewButtonWithIcon("Delete…", theme.DeleteIcon(), s.onDelete)
	s.exports.md = widget.NewButtonWithIcon("Markdown…", theme.DocumentSaveIcon(), func() { s.onExport(exportMarkdown) })
	s.exports.html = widget.NewButtonWithIcon("HTML report…", theme.DocumentSaveIcon(), func() { s.onExport(exportHTML) })
	s.exports.zip = widget.NewButtonWithIcon("Bundle (.zip)…", theme.DownloadIcon(), func() { s.onExport(exportBundle) })
	s.importBtn = widget.NewButtonWithIcon("Import bundle…", theme.FolderOpenIcon(), s.onImport)
	s.chart = newProgressChart()

	filters := container.NewBorder(nil, nil, nil,
		container.NewHBox(s.filter.categorySel, s.filter.datesSel, s.filter.from, s.filter.to),
		s.filter.search)
	actions := container.NewHBox(s.openBtn, s.renameBtn, s.deleteBtn, widget.NewSeparator(),
		widget.NewLabel("Export:"), s.exports.md, s.exports.html, s.exports.zip, widget.NewSeparator(), s.importBtn)
	top := container.NewVBox(filters, s.filter.filterErr, container.NewHScroll(actions))
	listArea := container.NewBorder(top, s.status, nil, nil, s.list)
	chartArea := container.NewBorder(heading("Progress of the sessions listed"), nil, nil, nil, s.chart)
	split := container.NewVSplit(listArea, chartArea)
	split.Offset = 0.6
	s.content = split
	s.filter.categorySel.SetSelected(allCategories)
	s.filter.datesSel.SetSelected(datesAll)
	s.updateButtons()
	s.built = true
}

func (s *libraryScreen) onCategory(label string) {
	s.filter.category = categoryOf(label)
	s.refresh()
}

func (s *libraryScreen) onDates(choice string) {
	s.filter.dates = choice
	if choice == datesCustom {
		s.filter.from.Show()
		s.filter.to.Show()
	} else {
		s.filter.from.Hide()
		s.filter.to.Hide()
	}
	s.refresh()
}

// storeFilter builds the store filter from the chosen category and dates, or
// says what is wrong with the typed dates.
func (s *libraryScreen) storeFilter() (session.Filter, error) {
	f := session.Filter{Category: s.filter.category}
	now := s.now()
	day := func(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location()) }
	switch s.filter.dates {
	case dates7:
		f.From = day(now).AddDate(0, 0, -6)
	case dates30:
		f.From = day(now).AddDate(0, 0, -29)
	case dates90:
		f.From = day(now).AddDate(0, 0, -89)
	case datesCustom:
		parse := func(field, text string) (time.Time, error) {
			text = strings.TrimSpace(text)
			if text == "" {
				return time.Time{}, nil
			}
			t, err := time.ParseInLocation(dateLayout, text, now.Location())
			if err != nil {
				return time.Time{}, fmt.Errorf("the %s date %q is not a date: write it as YYYY-MM-DD, e.g. %s", field, text, now.Format(dateLayout))
			}
			return t, nil
		}
		from, err := parse("from", s.filter.fromText)
		if err != nil {
			return f, err
		}
		to, err := parse("to", s.filter.toText)
		if err != nil {
			return f, err
		}
		if !from.IsZero() && !to.IsZero() && to.Before(from) {
			return f, fmt.Errorf("the from date %s is after the to date %s", from.Format(dateLayout), to.Format(dateLayout))
		}
		f.From = from
		if !to.IsZero() {
			f.To = to.AddDate(0, 0, 1).Add(-time.Nanosecond) // the whole of the to day
		}
	}
	return f, nil
}

// refresh lists the library again with the current search and filters. It
// is called when the tab is shown, after a take is saved and whenever the
// search or a filter changes. The listing runs on a goroutine; only the
// latest refresh's result is shown.
func (s *libraryScreen) refresh() {
	if s.closed || !s.built {
		return
	}
	s.gen++
	f, err := s.storeFilter()
	if err != nil {
		s.filter.filterErr.SetText(capitalize(err.Error()) + ".")
		s.filter.filterErr.Show()
		return
	}
	s.filter.filterErr.Hide()
	if s.busy {
		return // the running load starts another when it sees gen moved on
	}
	s.load(strings.TrimSpace(s.filter.query), f)
}

// load lists the sessions matching query and f on a goroutine and applies
// the result, or starts again when a newer refresh came meanwhile.
func (s *libraryScreen) load(query string, f session.Filter) {
	s.busy = true
	gen := s.gen
	store, ctx := s.deps.Store, s.ctx
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		var entries []session.Entry
		var err error
		switch {
		case store == nil:
			err = errors.New("the library is not available")
		case query == "" && f == (session.Filter{}):
			entries, err = store.List(ctx)
		default:
			entries, err = store.Search(query, f)
		}
		s.do(func() {
			s.busy = false
			if s.closed {
				return
			}
			if gen != s.gen {
				s.refresh()
				return
			}
			s.apply(entries, query, f, err)
		})
	}()
}

// apply shows a finished listing.
func (s *libraryScreen) apply(entries []session.Entry, query string, f session.Filter, err error) {
	if err != nil {
		s.status.SetText(fmt.Sprintf("Could not list the library: %v", err))
		return
	}
	s.rows = entries
	s.loaded = true
	sel := -1
	for i, e := range s.rows {
		if e.ID == s.selected {
			sel = i
		}
	}
	if sel < 0 {
		s.selected = ""
		s.list.UnselectAll()
	}
	s.list.Refresh()
	if sel >= 0 && sel != s.listSel {
		s.list.Select(sel) // the row moved: select (and scroll to) it again
	}
	s.status.SetText(listStatus(entries, query, f))
	s.chart.SetPoints(session.ProgressOf(entries))
	s.updateButtons()
}

// listStatus says how many sessions are listed and how many are damaged.
func listStatus(entries []session.Entry, query string, f session.Filter) string {
	damaged := 0
	for _, e := range entries {
		if e.Damaged {
			damaged++
		}
	}
	filtered := query != "" || f != (session.Filter{})
	var b strings.Builder
	switch {
	case len(entries) == 0 && !filtered:
		b.WriteString("No sessions yet: answers you record on the Practice tab are kept here.")
	case len(entries) == 0:
		b.WriteString("No session matches the search and filters.")
	case filtered:
		fmt.Fprintf(&b, "%d %s match.", len(entries), plural(len(entries), "session", "sessions"))
	default:
		fmt.Fprintf(&b, "%d %s.", len(entries), plural(len(entries), "session", "sessions"))
	}
	if damaged > 0 {
		fmt.Fprintf(&b, " %d %s damaged (shown in red); the others are not affected.", damaged, plural(damaged, "is", "are"))
	}
	return b.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// selectedEntry returns the selected session's entry.
func (s *libraryScreen) selectedEntry() (session.Entry, bool) {
	for _, e := range s.rows {
		if e.ID == s.selected {
			return e, true
		}
	}
	return session.Entry{}, false
}

// updateButtons enables what the selection allows: a damaged session can
// only be deleted.
func (s *libraryScreen) updateButtons() {
	e, ok := s.selectedEntry()
	usable := ok && !e.Damaged
	for _, b := range []*widget.Button{s.openBtn, s.renameBtn, s.exports.md, s.exports.html, s.exports.zip} {
		enable(b, usable)
	}
	enable(s.deleteBtn, ok)
}

// selectID selects the session with the given id when it is listed.
func (s *libraryScreen) selectID(id string) bool {
	for i, e := range s.rows {
		if e.ID == id {
			s.list.Select(i)
			return true
		}
	}
	return false
}

// onOpen opens the review of the selected session's first take.
func (s *libraryScreen) onOpen() {
	e, ok := s.selectedEntry()
	if !ok || e.Damaged {
		return
	}
	sess, err := s.deps.Store.Get(e.ID)
	if err != nil {
		s.notify(fmt.Errorf("opening %s: %w", entryTitle(e), err))
		return
	}
	if len(sess.Takes) == 0 {
		s.status.SetText(fmt.Sprintf("%s has no takes yet: record an answer on the Practice tab first.", entryTitle(e)))
		dialog.NewInformation("No takes", fmt.Sprintf("%s has no recorded takes yet.", entryTitle(e)), s.win).Show()
		return
	}
	if s.openReview != nil {
		s.openReview(sess.ID, sess.Takes[0].ID)
	}
}

// onRename asks for a new title and saves it.
func (s *libraryScreen) onRename() {
	e, ok := s.selectedEntry()
	if !ok || e.Damaged {
		return
	}
	entry := widget.NewEntry()
	entry.SetText(e.Title)
	entry.Validator = func(v string) error {
		if strings.TrimSpace(v) == "" {
			return errors.New("the title cannot be empty")
		}
		return nil
	}
	s.renameEntry = entry
	id := e.ID
	d := dialog.NewForm("Rename session", "Rename", "Cancel",
		[]*widget.FormItem{widget.NewFormItem("Title", entry)}, func(ok bool) {
			s.renameEntry = nil
			if !ok {
				return
			}
			s.rename(id, strings.TrimSpace(entry.Text))
		}, s.win)
	d.Resize(fyne.NewSize(420, d.MinSize().Height))
	d.Show()
	s.win.Canvas().Focus(entry)
}

// rename saves a session's new title and lists the library again.
func (s *libraryScreen) rename(id, title string) {
	if err := s.deps.Store.Rename(id, title); err != nil {
		s.notify(fmt.Errorf("renaming the session: %w", err))
		return
	}
	s.status.SetText(fmt.Sprintf("Renamed to %q.", title))
	s.refresh()
}

// onDelete asks first, naming the session, then deletes it.
func (s *libraryScreen) onDelete() {
	e, ok := s.selectedEntry()
	if !ok {
		return
	}
	what := fmt.Sprintf("%q from %s (%d %s, %s)", entryTitle(e), e.Created.Local().Format("2 Jan 2006 15:04"),
		e.Takes, plural(e.Takes, "take", "takes"), clockText(e.TotalSeconds))
	if e.Damaged {
		what = fmt.Sprintf("the damaged session %s", e.ID)
	}
	id := e.ID
	d := dialog.NewConfirm("Delete session?",
		fmt.Sprintf("Delete %s?\nIts recordings and notes go with it (moved to the library's trash folder).", what),
		func(ok bool) {
			if ok {
				s.delete(id)
			}
		}, s.win)
	d.SetConfirmText("Delete")
	d.SetConfirmImportance(widget.DangerImportance)
	d.SetDismissText("Keep it")
	d.Show()
}

// delete removes a session and lists the library again.
func (s *libraryScreen) delete(id string) {
	if err := s.deps.Store.Delete(id); err != nil {
		s.notify(fmt.Errorf("deleting the session: %w", err))
		return
	}
	if s.selected == id {
		s.selected = ""
	}
	s.refresh()
}

// shutdown stops listing and drops results still on their way.
func (s *libraryScreen) shutdown() {
	s.closed = true
	s.cancel()
	s.wg.Wait()
}

// entryTitle is how a session is named to the user.
func entryTitle(e session.Entry) string {
	if e.Damaged {
		return "Damaged session " + e.ID
	}
	if strings.TrimSpace(e.Title) != "" {
		return e.Title
	}
	return "Untitled session"
}

// clockText formats seconds as m:ss or h:mm:ss.
func clockText(sec float64) string {
	if sec < 0 || math.IsNaN(sec) {
		sec = 0
	}
	n := int(math.Round(sec))
	if n >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", n/3600, n/60%60, n%60)
	}
	return fmt.Sprintf("%d:%02d", n/60, n%60)
}
