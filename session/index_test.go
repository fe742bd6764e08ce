package session

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/rehearse-app/rehearse/review"
)

// summary makes a take summary with all four scores assessed.
func summary(words int, wpm, fillers float64, d, s, a, c int) *review.Summary {
	sum := &review.Summary{Words: words, WPM: wpm, FillersPer100Words: fillers,
		Scores: review.Scores{Delivery: d, Structure: s, Agency: a, Content: c}}
	sum.Assessed.Delivery, sum.Assessed.Structure, sum.Assessed.Agency, sum.Assessed.Content = true, true, true, true
	return sum
}

func TestListEntryFiguresAndStaleIndex(t *testing.T) {
	now := time.Date(2026, 10, 1, 8, 0, 0, 0, time.UTC)
	st, err := Open(t.TempDir(), Options{Now: clockAt(now)})
	if err != nil {
		t.Fatal(err)
	}
	s, _ := st.Create("figures", testQuestions())
	t1 := addRecordedTake(t, st, s.ID, "budget-prioritization", 16000, "a")
	t2 := addRecordedTake(t, st, s.ID, "lead-vs-contact", 32000, "b")
	st.SetSummary(s.ID, t1, summary(100, 120, 2, 80, 60, 100, 50))
	st.SetSummary(s.ID, t2, summary(300, 150, 6, 60, 80, 0, 70))
	list, err := st.List(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	e := list[0]
	if e.Takes != 2 || e.TotalSeconds != 3 || e.Reviewed != 2 || e.WPM != 135 || e.FillersPer100 != 5 ||
		e.Scores["delivery"] != 70 || e.Scores["agency"] != 50 || len(e.Categories) != 2 ||
		e.Categories[0] != "strategic" || e.Questions[1] != "Explain lead vs contact and CRM sync." {
		t.Fatalf("entry %+v", e)
	}
	fi1, err := os.Stat(filepath.Join(st.Root(), "index.json"))
	if err != nil {
		t.Fatal("no index written:", err)
	}
	time.Sleep(10 * time.Millisecond)
	st.List(t.Context())
	if fi2, _ := os.Stat(filepath.Join(st.Root(), "index.json")); !fi2.ModTime().Equal(fi1.ModTime()) {
		t.Fatal("index rewritten by a List that found nothing stale")
	}
	// Another process (a second Store) changes the session: the first sees
	// it through the changed size/mtime.
	other, _ := Open(st.Root(), Options{})
	if err := other.Rename(s.ID, "renamed elsewhere"); err != nil {
		t.Fatal(err)
	}
	list, _ = st.List(t.Context())
	if list[0].Title != "renamed elsewhere" {
		t.Fatalf("stale entry: %+v", list[0])
	}
	// A damaged index is rebuilt, not trusted.
	os.WriteFile(filepath.Join(st.Root(), "index.json"), []byte("{garbage"), 0o644)
	fresh, _ := Open(st.Root(), Options{})
	list, err = fresh.List(t.Context())
	if err != nil || len(list) != 1 || list[0].Title != "renamed elsewhere" {
		t.Fatalf("after damaged index: %v %+v", err, list)
	}
	// A stale entry with the same stamp but a lying index: only an entry
	// whose stamp matches is trusted, so tamper the stamp and see it reread.
	idx := fresh.readIndex()
	ie := idx.Entries[s.ID]
	ie.Entry.Title = "from a stale index"
	ie.Stamp.Size++
	idx.Entries[s.ID] = ie
	fresh.writeIndex(idx)
	list, _ = fresh.List(t.Context())
	if list[0].Title != "renamed elsewhere" {
		t.Fatalf("stale index entry trusted: %+v", list[0])
	}
	pts := ProgressOf(list)
	if len(pts) != 1 || pts[0].WPM != 135 || pts[0].Scores["content"] != 60 {
		t.Fatalf("progress %+v", pts)
	}
}

func TestListCancelled(t *testing.T) {
	st := newTestStore(t)
	st.Create("a", nil)
	ctx, cancel := contextWithCancel(t)
	cancel()
	if _, err := st.List(ctx); err == nil {
		t.Fatal("List with a cancelled context succeeded")
	}
}

func TestSearchAndFilter(t *testing.T) {
	base := time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)
	var when time.Time
	st, err := Open(t.TempDir(), Options{Now: func() time.Time { return when }})
	if err != nil {
		t.Fatal(err)
	}
	qs := testQuestions()
	when = base
	a, _ := st.Create("Budget drill", qs[:1])
	ta := addRecordedTake(t, st, a.ID, qs[0].ID, 160, "I would reallocate spend toward Attribution winners.")
	when = base.AddDate(0, 0, 10)
	b, _ := st.Create("CRM deep dive", qs[1:])
	tb := addRecordedTake(t, st, b.ID, qs[1].ID, 160, "A lead becomes a contact after conversion.")
	st.AddNote(b.ID, Note{TakeID: tb, Author: "Coach", Tag: TagFix, Text: "Mention the sync direction", Start: -1, End: -1, Time: -1})
	when = base.AddDate(0, 0, 20)
	c, _ := st.Create("Mixed", qs)
	damaged, _ := st.Create("broken", nil)
	os.WriteFile(st.sessionPath(damaged.ID), []byte("not json"), 0o644)
	_ = ta

	ids := func(es []Entry) []string {
		var out []string
		for _, e := range es {
			out = append(out, e.ID)
		}
		return out
	}
	cases := []struct {
		name  string
		query string
		f     Filter
		want  []string
	}{
		{"title", "drill", Filter{}, []string{a.ID}},
		{"title or prompt", "budget", Filter{}, []string{c.ID, a.ID}},
		{"transcript, case-insensitive", "ATTRIBUTION", Filter{}, []string{a.ID}},
		{"note text", "sync direction", Filter{}, []string{b.ID}},
		{"every word must match", "conversion sync", Filter{}, []string{b.ID}},
		{"no match", "zebra", Filter{}, nil},
		{"prompt", "crm", Filter{}, []string{c.ID, b.ID}},
		{"category", "", Filter{Category: review.CategoryTechnical}, []string{c.ID, b.ID}},
		{"category and query", "budget", Filter{Category: review.CategoryTechnical}, []string{c.ID}},
		{"from", "", Filter{From: base.AddDate(0, 0, 5)}, []string{c.ID, b.ID}},
		{"from to", "", Filter{From: base.AddDate(0, 0, 5), To: base.AddDate(0, 0, 15)}, []string{b.ID}},
		{"empty lists damaged too", "", Filter{}, []string{c.ID, b.ID, a.ID, damaged.ID}},
	}
	for _, tc := range cases {
		got, err := st.Search(tc.query, tc.f)
		if err != nil {
			t.Fatal(err)
		}
		g := ids(got)
		if len(g) != len(tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, g, tc.want)
			continue
		}
		for i := range g {
			if g[i] != tc.want[i] {
				t.Errorf("%s: got %v, want %v", tc.name, g, tc.want)
				break
			}
		}
	}
	// The search cache follows edits.
	st.Rename(a.ID, "Quarterly plan")
	if got, _ := st.Search("drill", Filter{}); len(got) != 0 {
		t.Errorf("after rename: %v", ids(got))
	}
}

// TestListPaceFromTheRecording: a take reviewed from its recording alone
// (no transcript: delivery only, pace estimated) counts in the session's
// pace; a take with no pace at all does not pull the average to zero.
func TestListPaceFromTheRecording(t *testing.T) {
	st, err := Open(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	s, _ := st.Create("audio only", testQuestions())
	t1 := addRecordedTake(t, st, s.ID, "budget-prioritization", 16000, "a")
	t2 := addRecordedTake(t, st, s.ID, "budget-prioritization", 16000, "b")
	t3 := addRecordedTake(t, st, s.ID, "budget-prioritization", 16000, "c")
	audioOnly := &review.Summary{WPMAudio: 150, Scores: review.Scores{Delivery: 90}}
	audioOnly.Assessed.Delivery = true
	st.SetSummary(s.ID, t1, audioOnly)
	st.SetSummary(s.ID, t2, summary(100, 130, 2, 80, 60, 100, 50))
	st.SetSummary(s.ID, t3, &review.Summary{Words: 3}) // typed, untimed: no pace
	list, err := st.List(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if e := list[0]; e.Reviewed != 3 || e.WPM != 140 || e.Scores["delivery"] != 85 || e.Scores["agency"] != 100 {
		t.Fatalf("entry %+v: want 3 reviewed, pace 140 (150 from audio, 130 from words), delivery 85, agency from the transcribed take only", e)
	}
}

// TestListPaceRatios: a take with a transcript of 40 words or more and a
// pace estimated from its recording gives its word pace over the estimate;
// a short or audio-only take gives none.
func TestListPaceRatios(t *testing.T) {
	st, err := Open(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	s, _ := st.Create("ratios", testQuestions())
	for i, sum := range []*review.Summary{
		{Words: 120, WPM: 150, WPMAudio: 120}, // 1.25
		{Words: 20, WPM: 150, WPMAudio: 100},  // too short
		{WPMAudio: 140},                       // audio only
		{Words: 80, WPM: 130},                 // no recording
		{Words: 40, WPM: 99, WPMAudio: 110},   // 0.9
	} {
		id := addRecordedTake(t, st, s.ID, "budget-prioritization", 16000, string(rune('a'+i)))
		if err := st.SetSummary(s.ID, id, sum); err != nil {
			t.Fatal(err)
		}
	}
	list, err := st.List(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if got := list[0].PaceRatios; len(got) != 2 || got[0] != 1.25 || got[1] != 0.9 {
		t.Errorf("pace ratios %v, want [1.25 0.9]", got)
	}
}
