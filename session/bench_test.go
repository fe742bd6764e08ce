package session

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rehearse-app/rehearse/review"
)

// benchLib is a library of 1,000 sessions of 5 takes each, built once per
// test binary by writing session.json files directly (no WAVs: listing
// never opens them).
var benchLib struct {
	once sync.Once
	root string
	err  error
}

const benchSessions, benchTakes = 1000, 5

// benchRoot returns the shared benchmark library, building it on first use.
func benchRoot(b *testing.B) string {
	benchLib.once.Do(func() {
		benchLib.root, benchLib.err = os.MkdirTemp("", "rehearse-bench-")
		if benchLib.err != nil {
			return
		}
		benchLib.err = writeBenchLibrary(benchLib.root, benchSessions, benchTakes)
	})
	if benchLib.err != nil {
		b.Fatal(benchLib.err)
	}
	return benchLib.root
}

// writeBenchLibrary writes n sessions of k takes, each take with a
// 150-word transcript with word timings, a summary and a note.
func writeBenchLibrary(root string, n, k int) error {
	qs := testQuestions()
	words := strings.Fields(strings.Repeat("so I would start from the attribution data and then weigh the trade-off between speed and accuracy ", 10))
	tr := &review.Transcript{Text: strings.Join(words, " "), Duration: 60, Segments: []review.Segment{}}
	for i, w := range words {
		tr.Words = append(tr.Words, review.Word{Word: w, Start: float64(i) * 0.4, End: float64(i)*0.4 + 0.3})
	}
	base := time.Date(2025, 1, 1, 9, 0, 0, 0, time.UTC)
	for i := 0; i < n; i++ {
		created := base.Add(time.Duration(i) * 7 * time.Hour)
		s := Session{SchemaVersion: SchemaVersion, ID: fmt.Sprintf("%s-%08x", created.Format("20060102-150405"), i),
			Title: fmt.Sprintf("Drill %d", i), Created: created, Updated: created, Questions: qs}
		for j := 0; j < k; j++ {
			tid := fmt.Sprintf("take-%d", j)
			s.Takes = append(s.Takes, Take{ID: tid, QuestionID: qs[j%2].ID, Audio: tid + ".wav", Duration: 60,
				Created: created, Transcript: tr, TranscriptState: TranscriptDone,
				Summary: summary(150, 140+float64(i%20), float64(i%7), 70, 60, 80, 50)})
			s.Notes = append(s.Notes, Note{ID: fmt.Sprintf("note-%d", j), TakeID: tid, Author: "Coach", Tag: TagFix,
				Text: "Lead with the trade-off", Start: -1, End: -1, Time: 12})
		}
		dir := filepath.Join(root, sessionsDir, s.ID)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		data, err := json.Marshal(&s)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, sessionFile), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// reportCPU reports CPU ms per op since start.
func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric(float64(cpuTime()-start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
}

// BenchmarkListWarm lists 1,000 sessions with an up-to-date index.json.
func BenchmarkListWarm(b *testing.B) {
	st, err := Open(benchRoot(b), Options{})
	if err != nil {
		b.Fatal(err)
	}
	if l, err := st.List(b.Context()); err != nil || len(l) != benchSessions {
		b.Fatalf("%d entries, %v", len(l), err)
	}
	b.ReportAllocs()
	c0 := cpuTime()
	for b.Loop() {
		if _, err := st.List(b.Context()); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, c0)
}

// BenchmarkListCold lists 1,000 sessions with no index: every session.json
// is read and the index written.
func BenchmarkListCold(b *testing.B) {
	root := benchRoot(b)
	b.ReportAllocs()
	var cpu time.Duration
	for b.Loop() {
		b.StopTimer()
		os.Remove(filepath.Join(root, indexFile))
		st, err := Open(root, Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		c0 := cpuTime()
		if l, err := st.List(b.Context()); err != nil || len(l) != benchSessions {
			b.Fatalf("%d entries, %v", len(l), err)
		}
		cpu += cpuTime() - c0
	}
	b.ReportMetric(float64(cpu)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
}

// BenchmarkListOneStale lists 1,000 sessions after one session.json
// changed (the common case after recording or a note).
func BenchmarkListOneStale(b *testing.B) {
	st, err := Open(benchRoot(b), Options{})
	if err != nil {
		b.Fatal(err)
	}
	l, err := st.List(b.Context())
	if err != nil {
		b.Fatal(err)
	}
	id := l[0].ID
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		b.StopTimer()
		i++
		if err := st.Rename(id, fmt.Sprintf("renamed %d", i)); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if _, err := st.List(b.Context()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSearch searches transcripts and notes of 1,000 sessions (search
// text cached after the first call).
func BenchmarkSearch(b *testing.B) {
	st, err := Open(benchRoot(b), Options{})
	if err != nil {
		b.Fatal(err)
	}
	st.Search("accuracy", Filter{})
	b.ReportAllocs()
	for b.Loop() {
		if r, err := st.Search("trade-off accuracy", Filter{Category: review.CategoryTechnical}); err != nil || len(r) != benchSessions {
			b.Fatalf("%d, %v", len(r), err)
		}
	}
}

func TestMain(m *testing.M) {
	code := m.Run()
	if benchLib.root != "" {
		os.RemoveAll(benchLib.root)
	}
	os.Exit(code)
}
