package session_test

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/rehearse-app/rehearse/internal/testkit"
	"github.com/rehearse-app/rehearse/internal/testkit/benchlib"
	"github.com/rehearse-app/rehearse/review"
	"github.com/rehearse-app/rehearse/session"
)

// benchLib is a library of 1,000 sessions of 5 takes each, built once per
// test binary by benchlib.Write.
var benchLib struct {
	once sync.Once
	root string
	err  error
}

const benchSessions, benchTakes = 1000, 5

// benchQuestions are the two questions every session of the benchmark
// library asks: one strategic, one technical.
var benchQuestions = []review.Question{
	{ID: "budget-prioritization", Category: review.CategoryStrategic, Prompt: "We have a limited budget. How do you prioritise?", AnswerSeconds: 120},
	{ID: "lead-vs-contact", Category: review.CategoryTechnical, Prompt: "Explain lead vs contact and CRM sync.", AnswerSeconds: 90},
}

// benchRoot returns the shared benchmark library, building it on first use.
func benchRoot(b *testing.B) string {
	benchLib.once.Do(func() {
		benchLib.root, benchLib.err = os.MkdirTemp("", "rehearse-bench-")
		if benchLib.err != nil {
			return
		}
		benchLib.err = benchlib.Write(benchLib.root, benchQuestions, benchSessions, benchTakes)
	})
	if benchLib.err != nil {
		b.Fatal(benchLib.err)
	}
	return benchLib.root
}

// reportCPU reports CPU ms per op since start.
func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric(float64(testkit.CPUTime()-start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
}

// BenchmarkListWarm lists 1,000 sessions with an up-to-date index.json.
func BenchmarkListWarm(b *testing.B) {
	st, err := session.Open(benchRoot(b), session.Options{})
	if err != nil {
		b.Fatal(err)
	}
	if l, err := st.List(b.Context()); err != nil || len(l) != benchSessions {
		b.Fatalf("%d entries, %v", len(l), err)
	}
	b.ReportAllocs()
	c0 := testkit.CPUTime()
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
		os.Remove(filepath.Join(root, "index.json"))
		st, err := session.Open(root, session.Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		c0 := testkit.CPUTime()
		if l, err := st.List(b.Context()); err != nil || len(l) != benchSessions {
			b.Fatalf("%d entries, %v", len(l), err)
		}
		cpu += testkit.CPUTime() - c0
	}
	b.ReportMetric(float64(cpu)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
}

// BenchmarkListOneStale lists 1,000 sessions after one session.json
// changed (the common case after recording or a note).
func BenchmarkListOneStale(b *testing.B) {
	st, err := session.Open(benchRoot(b), session.Options{})
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
	st, err := session.Open(benchRoot(b), session.Options{})
	if err != nil {
		b.Fatal(err)
	}
	st.Search("accuracy", session.Filter{})
	b.ReportAllocs()
	for b.Loop() {
		if r, err := st.Search("trade-off accuracy", session.Filter{Category: review.CategoryTechnical}); err != nil || len(r) != benchSessions {
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
