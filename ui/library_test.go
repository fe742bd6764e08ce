package ui

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/rehearse-app/rehearse/audio"
	"github.com/rehearse-app/rehearse/review"
	"github.com/rehearse-app/rehearse/session"
)

// testClock is a store clock that moves on a minute per call, safe for the
// store's goroutines.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(time.Minute)
	return c.t
}

func (c *testClock) set(t time.Time) {
	c.mu.Lock()
	c.t = t
	c.mu.Unlock()
}

// libFixture is the library screen alone in a window, on a uiFixture
// whose library clock moves on a minute per call.
type libFixture struct {
	*uiFixture
	win    fyne.Window
	bank   *review.Bank
	clock  *testClock
	lib    *libraryScreen
	opened [][2]string
}

// newLibFixture opens a library screen on a fresh store in its own window.
func newLibFixture(t *testing.T) *libFixture {
	t.Helper()
	clock := &testClock{t: time.Date(2026, 11, 1, 9, 0, 0, 0, time.Local)}
	f := &libFixture{uiFixture: newUIFixture(t, clock.now), clock: clock}
	f.bank = f.deps.Bank
	f.win = f.app.NewWindow("library")
	f.lib = f.screen(f.store)
	f.win.SetContent(f.lib.content)
	f.win.Resize(fyne.NewSize(1200, 1400))
	t.Cleanup(f.lib.shutdown)
	return f
}

// screen builds a library screen on store wired to the fixture's queue.
func (f *libFixture) screen(store *session.Store) *libraryScreen {
	deps := f.deps
	deps.Store = store
	deps.ReviewTake = reviewTakeWith(deps.Reviewer, store)
	l := newLibraryScreen(deps, f.win, f.notify,
		func(sid, tid string) { f.opened = append(f.opened, [2]string{sid, tid}) })
	l.do = f.q.do
	return l
}

// refreshed refreshes the screen and waits for the rows to be shown.
func (f *libFixture) refreshed(t *testing.T) {
	t.Helper()
	f.lib.loaded = false
	f.lib.refresh()
	f.q.until(t, "the library to list", func() bool { return f.lib.loaded && !f.lib.busy })
}

// takeSpec is one take to record in a test session.
type takeSpec struct {
	q       int // index into the session's questions
	text    string
	summary *review.Summary
}

// makeSession creates a session through the store's API with WAV takes,
// transcripts, summaries and notes.
func makeSession(t testing.TB, st *session.Store, title string, qs []review.Question, takes []takeSpec, notes ...string) *session.Session {
	t.Helper()
	s, err := st.Create(title, qs)
	if err != nil {
		t.Fatal(err)
	}
	var takeIDs []string
	for _, tk := range takes {
		qid := qs[tk.q].ID
		id, path, err := st.NewTakePath(s.ID, qid)
		if err != nil {
			t.Fatal(err)
		}
		if err := audio.WriteWAVFile(path, &audio.PCM{Rate: 16000, Channels: 1, Samples: tone(0.5)}); err != nil {
			t.Fatal(err)
		}
		if err := st.AddTake(s.ID, session.Take{ID: id, QuestionID: qid, Duration: 30}); err != nil {
			t.Fatal(err)
		}
		if tk.text != "" {
			tr := &review.Transcript{Text: tk.text, Duration: 30, Words: []review.Word{}, Segments: []review.Segment{}}
			if err := st.SaveTranscript(s.ID, id, tr); err != nil {
				t.Fatal(err)
			}
		}
		if tk.summary != nil {
			if err := st.SetSummary(s.ID, id, tk.summary); err != nil {
				t.Fatal(err)
			}
		}
		takeIDs = append(takeIDs, id)
	}
	for i, n := range notes {
		if _, err := st.AddNote(s.ID, session.Note{TakeID: takeIDs[i%len(takeIDs)], Author: "Coach Kim", Tag: session.TagFix,
			Text: n, Start: -1, End: -1, Time: 3}); err != nil {
			t.Fatal(err)
		}
	}
	s, err = st.Get(s.ID)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func sum(wpm, fillers float64, d, s, a, c int) *review.Summary {
	x := &review.Summary{Words: 150, WPM: wpm, FillersPer100Words: fillers,
		Scores: review.Scores{Delivery: d, Structure: s, Agency: a, Content: c}}
	x.Assessed.Delivery, x.Assessed.Structure, x.Assessed.Agency, x.Assessed.Content = true, true, true, true
	return x
}

// walkVisible calls visit on o and every visible object under it, depth
// first, going into containers and widgets' renderers; it does not go
// below an object for which visit returns false.
func walkVisible(o fyne.CanvasObject, visit func(fyne.CanvasObject) bool) {
	if o == nil || !o.Visible() || !visit(o) {
		return
	}
	var children []fyne.CanvasObject
	switch v := o.(type) {
	case *fyne.Container:
		children = v.Objects
	case fyne.Widget:
		children = test.WidgetRenderer(v).Objects()
	}
	for _, c := range children {
		walkVisible(c, visit)
	}
}

// texts returns the text of every visible label, button and canvas text
// under o.
func texts(o fyne.CanvasObject) []string {
	var out []string
	walkVisible(o, func(o fyne.CanvasObject) bool {
		switch v := o.(type) {
		case *canvas.Text:
			out = append(out, v.Text)
		case *widget.Label:
			out = append(out, v.Text)
		case *widget.Button:
			out = append(out, v.Text)
		}
		return true
	})
	return out
}

// findButton finds a visible button by its text under o.
func findButton(o fyne.CanvasObject, text string) *widget.Button {
	var found *widget.Button
	walkVisible(o, func(o fyne.CanvasObject) bool {
		if found != nil {
			return false
		}
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			found = b
			return false
		}
		return true
	})
	return found
}

func joined(ss []string) string { return strings.Join(ss, "\n") }

// topDialog is the dialog showing on the window, or fails.
func (f *libFixture) topDialog(t *testing.T) fyne.CanvasObject {
	t.Helper()
	top := f.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog is showing")
	}
	return top
}

// threeSessions creates the usual test library: oldest first.
func (f *libFixture) threeSessions(t *testing.T) (a, b, c *session.Session) {
	t.Helper()
	strat := f.bank.ByCategory(review.CategoryStrategic)[:2]
	tech := f.bank.ByCategory(review.CategoryTechnical)[:1]
	behav := f.bank.ByCategory(review.CategoryBehavioral)[:1]
	f.clock.set(time.Date(2026, 10, 1, 9, 0, 0, 0, time.Local))
	a = makeSession(t, f.store, "Budget drill", strat, []takeSpec{
		{0, "So um I would start from the attribution data and weigh the trade-off between reach and cost.", sum(140, 2.5, 70, 60, 80, 50)},
		{1, "We could like just buy more ads.", sum(160, 4.5, 50, 40, 0, 30)},
	}, "Lead with the trade-off earlier")
	f.clock.set(time.Date(2026, 11, 10, 9, 0, 0, 0, time.Local))
	b = makeSession(t, f.store, "CRM deep dive", tech, []takeSpec{
		{0, "A lead becomes a contact when the sync rules in the CRM promote it.", sum(120, 1, 80, 70, 60, 90)},
	}, "Great use of the marzipan example")
	f.clock.set(time.Date(2026, 11, 25, 9, 0, 0, 0, time.Local))
	c = makeSession(t, f.store, "Stakeholder practice", behav, []takeSpec{{0, "", nil}})
	return a, b, c
}

func TestLibraryListsSessionsWithTheirFigures(t *testing.T) {
	f := newLibFixture(t)
	a, b, c := f.threeSessions(t)
	f.refreshed(t)
	l := f.lib
	if len(l.rows) != 3 {
		t.Fatalf("rows = %d, want 3", len(l.rows))
	}
	if l.rows[0].ID != c.ID || l.rows[1].ID != b.ID || l.rows[2].ID != a.ID {
		t.Fatalf("rows not newest first: %s %s %s", l.rows[0].ID, l.rows[1].ID, l.rows[2].ID)
	}
	rt := rowTextOf(l.rows[2])
	for _, want := range []string{"Budget drill"} {
		if !contains(rt.title, want) {
			t.Errorf("title %q lacks %q", rt.title, want)
		}
	}
	if !contains(rt.questions, "2 questions: "+a.Questions[0].Prompt) {
		t.Errorf("questions %q lack the prompts", rt.questions)
	}
	for _, want := range []string{"Strategic scenario (case study)", "2 takes", "1:00 total", "1 note"} {
		if !contains(rt.detail, want) {
			t.Errorf("detail %q lacks %q", rt.detail, want)
		}
	}
	for _, want := range []string{"Delivery 60", "Structure 50", "Content 40", "150 WPM", "3.5 fillers/100 words"} {
		if !contains(rt.scores, want) {
			t.Errorf("scores %q lack %q", rt.scores, want)
		}
	}
	if got := rowTextOf(l.rows[0]).scores; got != "Not reviewed yet (no transcript)" {
		t.Errorf("unreviewed session scores = %q", got)
	}
	// The rows on screen carry the same text.
	shown := joined(texts(l.list))
	for _, want := range []string{"Stakeholder practice", "CRM deep dive", "Budget drill", "Delivery 80", rt.when} {
		if !contains(shown, want) {
			t.Errorf("list on screen lacks %q:\n%s", want, shown)
		}
	}
	if l.status.Text != "3 sessions." {
		t.Errorf("status = %q", l.status.Text)
	}
	if n := len(l.chart.points); n != 2 {
		t.Errorf("chart points = %d, want the 2 reviewed sessions", n)
	}
	// Nothing selected: only Import works.
	if !l.openBtn.Disabled() || !l.deleteBtn.Disabled() || l.importBtn.Disabled() {
		t.Error("with no selection Open and Delete must be disabled, Import enabled")
	}
	l.list.Select(1)
	if l.selected != b.ID || l.openBtn.Disabled() || l.exports.md.Disabled() {
		t.Error("selecting a row must enable its actions")
	}
	// The selection survives a refresh.
	f.refreshed(t)
	if l.selected != b.ID {
		t.Errorf("selection after refresh = %q, want %q", l.selected, b.ID)
	}
	if len(f.errs) > 0 {
		t.Fatalf("errors: %v", f.errs)
	}
}

func TestLibraryShowsDamagedSessionAmongTheOthers(t *testing.T) {
	f := newLibFixture(t)
	a, b, c := f.threeSessions(t)
	f.refreshed(t) // index built with b intact
	if err := os.WriteFile(filepath.Join(f.store.Dir(b.ID), "session.json"), []byte("{\"id\": garbage"), 0o644); err != nil {
		t.Fatal(err)
	}
	f.refreshed(t)
	l := f.lib
	if len(l.rows) != 3 {
		t.Fatalf("rows = %d, want all 3 (damaged included)", len(l.rows))
	}
	var dmg *session.Entry
	for i := range l.rows {
		switch l.rows[i].ID {
		case b.ID:
			dmg = &l.rows[i]
		case a.ID, c.ID:
			if l.rows[i].Damaged {
				t.Errorf("%s shown damaged", l.rows[i].ID)
			}
		}
	}
	if dmg == nil || !dmg.Damaged || dmg.Problem == "" {
		t.Fatalf("damaged entry = %+v", dmg)
	}
	rt := rowTextOf(*dmg)
	if rt.title != "Damaged session" || !contains(rt.questions, dmg.Problem) || rt.when != b.ID {
		t.Errorf("damaged row = %+v", rt)
	}
	shown := joined(texts(l.list))
	if !contains(shown, "Damaged session") || !contains(shown, "Budget drill") || !contains(shown, "Stakeholder practice") {
		t.Errorf("list on screen:\n%s", shown)
	}
	if !contains(l.status.Text, "1 is damaged") {
		t.Errorf("status = %q", l.status.Text)
	}
	f.lib.selectID(b.ID)
	if !l.openBtn.Disabled() || !l.exports.zip.Disabled() || !l.renameBtn.Disabled() || l.deleteBtn.Disabled() {
		t.Error("a damaged session can only be deleted")
	}
}

func TestLibrarySearchesTranscriptsAndNotes(t *testing.T) {
	f := newLibFixture(t)
	a, b, _ := f.threeSessions(t)
	f.refreshed(t)
	l := f.lib
	ids := func() []string {
		var out []string
		for _, e := range l.rows {
			out = append(out, e.ID)
		}
		return out
	}
	search := func(q string) {
		l.filter.search.SetText("")
		test.Type(l.filter.search, q)
		f.q.until(t, "the search "+q, func() bool { return !l.busy && l.loaded && l.gen > 0 })
		f.refreshed(t)
	}
	search("attribution data")
	if got := ids(); len(got) != 1 || got[0] != a.ID {
		t.Fatalf("transcript search found %v, want [%s]", got, a.ID)
	}
	search("MARZIPAN")
	if got := ids(); len(got) != 1 || got[0] != b.ID {
		t.Fatalf("note search found %v, want [%s]", got, b.ID)
	}
	if l.status.Text != "1 session match." {
		t.Errorf("status = %q", l.status.Text)
	}
	search("attribution marzipan")
	if len(l.rows) != 0 || !contains(l.status.Text, "No session matches") {
		t.Fatalf("search for words in different sessions: rows %v, status %q", ids(), l.status.Text)
	}
	search("")
	if len(l.rows) != 3 {
		t.Fatalf("cleared search lists %d, want 3", len(l.rows))
	}
}

func TestLibraryFiltersByCategoryAndDate(t *testing.T) {
	f := newLibFixture(t)
	a, b, c := f.threeSessions(t)
	f.refreshed(t)
	l := f.lib
	l.now = func() time.Time { return time.Date(2026, 11, 27, 12, 0, 0, 0, time.Local) }
	only := func(what string, want ...string) {
		t.Helper()
		f.q.until(t, what, func() bool { return !l.busy })
		f.refreshed(t)
		var got []string
		for _, e := range l.rows {
			got = append(got, e.ID)
		}
		sort.Strings(got)
		sort.Strings(want)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: listed %v, want %v", what, got, want)
		}
	}
	l.filter.categorySel.SetSelected(review.CategoryTitle(review.CategoryTechnical))
	only("technical", b.ID)
	l.filter.categorySel.SetSelected(review.CategoryTitle(review.CategoryStrategic))
	only("strategic", a.ID)
	l.filter.categorySel.SetSelected(allCategories)
	only("all categories", a.ID, b.ID, c.ID)

	l.filter.datesSel.SetSelected(dates7)
	only("last 7 days", c.ID)
	l.filter.datesSel.SetSelected(dates30)
	only("last 30 days", b.ID, c.ID)
	l.filter.datesSel.SetSelected(datesCustom)
	if !l.filter.from.Visible() || !l.filter.to.Visible() {
		t.Fatal("custom dates must show the from/to entries")
	}
	test.Type(l.filter.from, "2026-09-30")
	test.Type(l.filter.to, "2026-11-10")
	only("30 Sep to 10 Nov (whole day)", a.ID, b.ID)

	l.filter.to.SetText("2026-13-01")
	if !l.filter.filterErr.Visible() || !contains(l.filter.filterErr.Text, `to date "2026-13-01" is not a date`) ||
		!contains(l.filter.filterErr.Text, "YYYY-MM-DD") {
		t.Fatalf("bad date error = %q (visible %v)", l.filter.filterErr.Text, l.filter.filterErr.Visible())
	}
	l.filter.to.SetText("2026-09-01")
	if !contains(l.filter.filterErr.Text, "from date 2026-09-30 is after the to date 2026-09-01") {
		t.Fatalf("reversed range error = %q", l.filter.filterErr.Text)
	}
	l.filter.to.SetText("")
	if l.filter.filterErr.Visible() {
		t.Fatal("the error must go once the dates are valid")
	}
	only("from 30 Sep", a.ID, b.ID, c.ID)
	l.filter.datesSel.SetSelected(datesAll)
	if l.filter.from.Visible() {
		t.Fatal("from/to entries must hide for preset ranges")
	}
}

func TestLibraryRenamePersists(t *testing.T) {
	f := newLibFixture(t)
	_, b, _ := f.threeSessions(t)
	f.refreshed(t)
	l := f.lib
	l.selectID(b.ID)
	test.Tap(l.renameBtn)
	if l.renameEntry == nil || l.renameEntry.Text != "CRM deep dive" {
		t.Fatal("the rename dialog must open with the current title")
	}
	dlg := f.topDialog(t)
	l.renameEntry.SetText("")
	test.Type(l.renameEntry, "CRM sync, second try")
	test.Tap(findButton(dlg, "Rename"))
	got, err := f.store.Get(b.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != "CRM sync, second try" {
		t.Fatalf("title in store = %q", got.Title)
	}
	f.q.until(t, "the renamed row", func() bool {
		e, ok := l.selectedEntry()
		return ok && e.Title == "CRM sync, second try" && !l.busy
	})
	if !contains(joined(texts(l.list)), "CRM sync, second try") {
		t.Error("the list must show the new title")
	}
}

func TestLibraryDeleteAsksFirstAndRemoves(t *testing.T) {
	f := newLibFixture(t)
	a, _, _ := f.threeSessions(t)
	f.refreshed(t)
	l := f.lib
	l.selectID(a.ID)
	test.Tap(l.deleteBtn)
	dlg := f.topDialog(t)
	msg := joined(texts(dlg))
	if !contains(msg, `"Budget drill"`) || !contains(msg, "2 takes") {
		t.Fatalf("the question must name the session:\n%s", msg)
	}
	if _, err := f.store.Get(a.ID); err != nil {
		t.Fatalf("asking deleted the session already: %v", err)
	}
	test.Tap(findButton(dlg, "Keep it"))
	if _, err := f.store.Get(a.ID); err != nil {
		t.Fatalf("Keep it deleted the session: %v", err)
	}
	test.Tap(l.deleteBtn)
	test.Tap(findButton(f.topDialog(t), "Delete"))
	if _, err := f.store.Get(a.ID); !errors.Is(err, session.ErrNotFound) {
		t.Fatalf("after confirming, Get = %v, want not found", err)
	}
	f.q.until(t, "the list without the session", func() bool { return len(l.rows) == 2 && !l.busy })
	for _, e := range l.rows {
		if e.ID == a.ID {
			t.Fatal("deleted session still listed")
		}
	}
	if l.selected != "" || !l.deleteBtn.Disabled() {
		t.Error("nothing may stay selected after the delete")
	}
}

func TestLibraryOpenGoesToTheFirstTake(t *testing.T) {
	f := newLibFixture(t)
	a, _, _ := f.threeSessions(t)
	empty, err := f.store.Create("Nothing recorded", f.bank.ByCategory(review.CategoryReverse)[:1])
	if err != nil {
		t.Fatal(err)
	}
	f.refreshed(t)
	l := f.lib
	l.selectID(a.ID)
	test.Tap(l.openBtn)
	if len(f.opened) != 1 || f.opened[0] != [2]string{a.ID, a.Takes[0].ID} {
		t.Fatalf("opened %v, want %s/%s", f.opened, a.ID, a.Takes[0].ID)
	}
	l.selectID(empty.ID)
	test.Tap(l.openBtn)
	if len(f.opened) != 1 {
		t.Fatal("a session without takes must not open a review")
	}
	if !contains(l.status.Text, "has no takes yet") || !contains(joined(texts(f.topDialog(t))), "no recorded takes") {
		t.Fatalf("no message for a session without takes: %q", l.status.Text)
	}
}

// waitStatus waits until the status line contains want.
func (f *libFixture) waitStatus(t *testing.T, l *libraryScreen, want string) {
	t.Helper()
	f.q.until(t, "status "+want, func() bool { return contains(l.status.Text, want) })
}

func TestLibraryExportImportRoundTrip(t *testing.T) {
	f := newLibFixture(t)
	a, _, _ := f.threeSessions(t)
	f.refreshed(t)
	l := f.lib
	out := t.TempDir()

	md := filepath.Join(out, exportFileName(l.rows[2], exportMarkdown))
	if filepath.Base(md) != "budget-drill-2026-10-01.md" {
		t.Errorf("suggested name = %s", filepath.Base(md))
	}
	l.exportTo(exportMarkdown, a.ID, md)
	f.waitStatus(t, l, "Exported the Markdown report")
	data, err := os.ReadFile(md)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"# Budget drill", "attribution data", "Lead with the trade-off earlier", "**um**"} {
		if !contains(string(data), want) {
			t.Errorf("Markdown lacks %q", want)
		}
	}

	html := filepath.Join(out, "report.html")
	l.exportTo(exportHTML, a.ID, html)
	f.waitStatus(t, l, "Exported the HTML report")
	data, err = os.ReadFile(html)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<!DOCTYPE html>", "<svg", "Budget drill", "Lead with the trade-off earlier", "f-filler"} {
		if !contains(string(data), want) {
			t.Errorf("HTML lacks %q", want)
		}
	}

	bundle := filepath.Join(out, "budget.zip")
	l.exportTo(exportBundle, a.ID, bundle)
	f.waitStatus(t, l, "Exported the bundle")
	ents, _ := os.ReadDir(out)
	if len(ents) != 3 {
		t.Errorf("export folder holds %d files, want the 3 exports and no temporary files", len(ents))
	}

	// Import into a second library: the same session arrives.
	store2 := openStore(t, nil)
	l2 := f.screen(store2)
	t.Cleanup(l2.shutdown)
	l2.importFrom(bundle)
	f.waitStatus(t, l2, "as a new session")
	if !contains(l2.status.Text, `Imported "Budget drill"`) {
		t.Errorf("import status = %q", l2.status.Text)
	}
	got, err := store2.Get(a.ID)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := f.store.Get(a.ID)
	if got.Title != want.Title || !got.Created.Equal(want.Created) || !reflect.DeepEqual(got.Questions, want.Questions) {
		t.Errorf("imported session head differs: %q %v", got.Title, got.Created)
	}
	if gj, wj := mustJSON(t, got.Takes), mustJSON(t, want.Takes); gj != wj {
		t.Errorf("imported takes differ:\n%s\n%s", gj, wj)
	}
	if gj, wj := mustJSON(t, got.Notes), mustJSON(t, want.Notes); gj != wj {
		t.Errorf("imported notes differ:\n%s\n%s", gj, wj)
	}
	for _, tk := range want.Takes {
		w1, _ := os.ReadFile(f.store.TakePath(want, tk))
		w2, err := os.ReadFile(store2.TakePath(got, tk))
		if err != nil || !bytes.Equal(w1, w2) {
			t.Errorf("take %s audio differs after import (%v)", tk.ID, err)
		}
	}
	f.q.until(t, "the imported session listed and selected", func() bool {
		return len(l2.rows) == 1 && l2.selected == a.ID && !l2.busy
	})

	// A coach adds a note and sends the bundle back: it merges.
	if _, err := f.store.AddNote(a.ID, session.Note{TakeID: a.Takes[1].ID, Author: "Coach Kim", Tag: session.TagPraise,
		Text: "Much better pace", Start: -1, End: -1, Time: -1}); err != nil {
		t.Fatal(err)
	}
	l.exportTo(exportBundle, a.ID, bundle)
	f.q.until(t, "the second export", func() bool { return !contains(l.status.Text, "Exporting") })
	l2.importFrom(bundle)
	f.waitStatus(t, l2, "Merged into")
	if !contains(l2.status.Text, "1 note and 0 takes added") || !contains(l2.status.Text, "1 note was already there") {
		t.Errorf("merge status = %q", l2.status.Text)
	}
	if len(f.errs) > 0 {
		t.Fatalf("errors: %v", f.errs)
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestLibraryExportFailureLeavesNoFile(t *testing.T) {
	f := newLibFixture(t)
	a, _, _ := f.threeSessions(t)
	f.refreshed(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "taken") // a folder: the rename into place fails
	if err := os.Mkdir(path, 0o755); err != nil {
		t.Fatal(err)
	}
	f.lib.exportTo(exportMarkdown, a.ID, path)
	f.waitStatus(t, f.lib, "was not exported")
	if len(f.errs) != 1 || !contains(f.errs[0].Error(), path) {
		t.Fatalf("errors = %v, want one naming %s", f.errs, path)
	}
	if got := treeOf(t, dir); !reflect.DeepEqual(got, []string{".", "taken"}) {
		t.Fatalf("a failed export left files behind: %v", got)
	}
}

// treeOf lists every path under dir, relative, sorted.
func treeOf(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, rel)
		}
		return nil
	})
	sort.Strings(out)
	return out
}

func TestLibraryRefusesHostileBundleAndWritesNothing(t *testing.T) {
	f := newLibFixture(t)
	f.threeSessions(t)
	f.refreshed(t)
	l := f.lib
	root := f.store.Root()
	before := treeOf(t, root)

	sess := session.Session{SchemaVersion: session.SchemaVersion, ID: "20261101-090000-deadbeef", Title: "evil",
		Created: time.Now(), Updated: time.Now(), Questions: []review.Question{}, Takes: []session.Take{}, Notes: []session.Note{}}
	js, _ := json.Marshal(sess)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, data := range map[string][]byte{"session.json": js, "../../escaped.wav": []byte("RIFF")} {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	zw.Close()
	dir := t.TempDir()
	bundle := filepath.Join(dir, "evil.zip")
	if err := os.WriteFile(bundle, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	l.importFrom(bundle)
	f.waitStatus(t, l, "was not imported")
	if len(f.errs) != 1 || !contains(f.errs[0].Error(), "refused") || !contains(f.errs[0].Error(), "nothing was written") {
		t.Fatalf("errors = %v, want the refusal", f.errs)
	}
	if !errors.Is(f.errs[0], session.ErrRefused) {
		t.Error("the refusal must keep session.ErrRefused")
	}
	if after := treeOf(t, root); !reflect.DeepEqual(before, after) {
		t.Fatalf("a refused bundle changed the library:\nbefore %v\nafter  %v", before, after)
	}
	for _, p := range []string{filepath.Join(filepath.Dir(root), "escaped.wav"), filepath.Join(filepath.Dir(filepath.Dir(root)), "escaped.wav")} {
		if _, err := os.Stat(p); err == nil {
			t.Fatalf("the bundle wrote %s", p)
		}
	}
	if l.importBtn.Disabled() {
		t.Error("Import must be enabled again after a refusal")
	}
}

func TestImportSummaryListsConflicts(t *testing.T) {
	got := importSummary("Budget drill", session.ImportResult{NotesAdded: 2, TakesAdded: 1,
		Conflicts: []session.Conflict{{Kind: "note", ID: "n1", KeptAs: "n1-b", Reason: "text differs"}}})
	for _, want := range []string{`Merged into "Budget drill": 2 notes and 1 take added.`, "1 conflict (nothing was overwritten)",
		"• note n1: text differs (the bundle's version added as n1-b)"} {
		if !contains(got, want) {
			t.Errorf("summary lacks %q:\n%s", want, got)
		}
	}
}

func TestLibraryShutdownDropsLateResults(t *testing.T) {
	f := newLibFixture(t)
	f.threeSessions(t)
	l := f.lib
	l.refresh()
	l.shutdown()
	f.q.until(t, "the listing goroutine to finish", func() bool { return !l.busy })
	if l.loaded || len(l.rows) != 0 {
		t.Fatalf("a result arriving after shutdown was shown: %d rows", len(l.rows))
	}
	l.refresh()
	if l.busy {
		t.Fatal("refresh after shutdown started a listing")
	}
}
