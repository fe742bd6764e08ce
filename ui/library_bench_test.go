package ui

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/rehearse-app/rehearse/review"
	"github.com/rehearse-app/rehearse/session"
)

// writeLibrary writes n sessions of k takes straight to session.json files
// (Store.Create and AddTake would fsync thousands of times): each take has
// a 150-word transcript with word timings, a summary and a coach's note,
// as a reviewed session in real use has.
func writeLibrary(tb testing.TB, root string, bank *review.Bank, n, k int) {
	tb.Helper()
	qs := bank.All()
	words := strings.Fields(strings.Repeat("so I would start from the attribution data and then weigh the trade-off between speed and accuracy ", 10))
	tr := &review.Transcript{Text: strings.Join(words, " "), Duration: 60, Segments: []review.Segment{}}
	for i, w := range words {
		tr.Words = append(tr.Words, review.Word{Word: w, Start: float64(i) * 0.4, End: float64(i)*0.4 + 0.3})
	}
	base := time.Date(2025, 1, 1, 9, 0, 0, 0, time.UTC)
	for i := 0; i < n; i++ {
		created := base.Add(time.Duration(i) * 7 * time.Hour)
		asked := []review.Question{qs[i%len(qs)], qs[(i+7)%len(qs)]}
		s := session.Session{SchemaVersion: session.SchemaVersion, ID: fmt.Sprintf("%s-%08x", created.Format("20060102-150405"), i),
			Title: fmt.Sprintf("Drill %d", i), Created: created, Updated: created, Questions: asked}
		for j := 0; j < k; j++ {
			tid := fmt.Sprintf("take-%d", j)
			s.Takes = append(s.Takes, session.Take{ID: tid, QuestionID: asked[j%2].ID, Audio: tid + ".wav", Duration: 60,
				Created: created, Transcript: tr, TranscriptState: session.TranscriptDone,
				Summary: sum(140+float64(i%20), float64(i%7), 70, 60, 80, 50)})
			s.Notes = append(s.Notes, session.Note{ID: fmt.Sprintf("note-%d", j), TakeID: tid, Author: "Coach", Tag: session.TagFix,
				Text: "Lead with the trade-off", Start: -1, End: -1, Time: 12})
		}
		dir := filepath.Join(root, "sessions", s.ID)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			tb.Fatal(err)
		}
		data, err := json.Marshal(&s)
		if err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "session.json"), data, 0o644); err != nil {
			tb.Fatal(err)
		}
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
		l.query = query
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
