package ui

import (
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/rehearse-app/rehearse/internal/testkit/benchlib"
	"github.com/rehearse-app/rehearse/review"
	"github.com/rehearse-app/rehearse/session"
)

// writeLibrary writes n sessions of k takes of the bank's questions
// straight to session.json files (see benchlib.Write).
func writeLibrary(tb testing.TB, root string, bank *review.Bank, n, k int) {
	tb.Helper()
	if err := benchlib.Write(root, bank.All(), n, k); err != nil {
		tb.Fatal(err)
	}
}

// waitLoaded runs queued UI updates until the screen shows a finished load.
func waitLoaded(b *testing.B, q *uiQueue, l *libraryScreen) {
	q.until(b, "the library to load", func() bool { return l.loaded && !l.busy })
}

// BenchmarkLibraryRefresh1000 measures refresh-to-rows for a library of
// 1,000 sessions of 5 takes: the screen lists the sessions (through the
// store's index), fills the list and the progress chart, in a window so
// the visible rows and the chart are laid out.
//
//	warm: index.json current (the usual case, e.g. on switching tabs)
//	cold: no index.json and a fresh Store: every session.json is read
//	search: a search across transcripts and notes, its text cache warm
func BenchmarkLibraryRefresh1000(b *testing.B) {
	a := test.NewTempApp(b)
	bank := testBank(b)
	root := b.TempDir()
	writeLibrary(b, root, bank, 1000, 5)
	run := func(b *testing.B, query string, cold bool) {
		store, err := session.Open(root, session.Options{})
		if err != nil {
			b.Fatal(err)
		}
		q := newUIQueue()
		win := a.NewWindow("bench")
		defer win.Close()
		l := newLibraryScreen(Deps{Bank: bank, Store: store, Prefs: a.Preferences()}, win, func(error) {}, nil)
		l.do = q.do
		win.SetContent(l.content)
		win.Resize(fyne.NewSize(1200, 900))
		l.filter.query = query
		l.refresh() // builds the index (and the search cache) once
		waitLoaded(b, q, l)
		if len(l.rows) != 1000 {
			b.Fatalf("rows = %d, want 1000", len(l.rows))
		}
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			if cold {
				b.StopTimer()
				os.Remove(filepath.Join(root, "index.json"))
				if l.deps.Store, err = session.Open(root, session.Options{}); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
			}
			l.loaded = false
			l.refresh()
			waitLoaded(b, q, l)
		}
		b.StopTimer()
		if len(l.rows) != 1000 || len(l.chart.points) != 1000 {
			b.Fatalf("rows = %d, chart points = %d, want 1000", len(l.rows), len(l.chart.points))
		}
		l.shutdown()
	}
	b.Run("warm", func(b *testing.B) { run(b, "", false) })
	b.Run("cold", func(b *testing.B) { run(b, "", true) })
	b.Run("search", func(b *testing.B) { run(b, "attribution trade-off", false) })
}
