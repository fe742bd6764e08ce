package session

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rehearse-app/rehearse/review"
)

func TestCreateGetRoundTrip(t *testing.T) {
	st := newTestStore(t)
	s, err := st.Create("Monday drill", testQuestions())
	if err != nil {
		t.Fatal(err)
	}
	tid := addRecordedTake(t, st, s.ID, "budget-prioritization", 1600, "I would start from attribution data.")
	got, err := st.Get(s.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != "Monday drill" || len(got.Questions) != 2 || got.SchemaVersion != SchemaVersion {
		t.Fatalf("got %+v", got)
	}
	tk := got.Take(tid)
	if tk == nil || tk.Audio != tid+".wav" || tk.Duration != 0.1 || tk.TranscriptState != TranscriptDone ||
		tk.Transcript == nil || tk.Transcript.Text != "I would start from attribution data." {
		t.Fatalf("take %+v", tk)
	}
	if p := st.TakePath(got, *tk); p != filepath.Join(st.Root(), "sessions", s.ID, tid+".wav") {
		t.Fatalf("TakePath = %s", p)
	}
	if _, err := st.Get("nope"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Get(nope) = %v, want ErrNotFound", err)
	}
	if _, err := st.Get("../etc"); err == nil {
		t.Fatal("Get(../etc) succeeded")
	}
}

func TestUpdateFailureKeepsSession(t *testing.T) {
	st := newTestStore(t)
	s, _ := st.Create("x", testQuestions())
	tid := addRecordedTake(t, st, s.ID, "lead-vs-contact", 160, "")
	before, _ := os.ReadFile(st.sessionPath(s.ID))
	// fn error: nothing written.
	if err := st.Update(s.ID, func(*Session) error { return errors.New("changed my mind") }); err == nil {
		t.Fatal("no error")
	}
	// Encoding failure (NaN) at save: nothing written.
	if err := st.SetDuration(s.ID, tid, math.NaN()); err == nil {
		t.Fatal("NaN duration saved")
	}
	// Invalid content refused before writing.
	err := st.Update(s.ID, func(s *Session) error { s.Takes[0].Audio = "../x.wav"; return nil })
	if err == nil || !strings.Contains(err.Error(), "takes[0].audio") {
		t.Fatalf("bad audio name: %v", err)
	}
	after, _ := os.ReadFile(st.sessionPath(s.ID))
	if string(before) != string(after) {
		t.Fatal("session.json changed by failed updates")
	}
	ents, _ := os.ReadDir(st.Dir(s.ID))
	for _, e := range ents {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Fatalf("temp file left: %s", e.Name())
		}
	}
}

func TestDamagedSessionListedOthersLoad(t *testing.T) {
	st := newTestStore(t)
	good, _ := st.Create("good", testQuestions())
	addRecordedTake(t, st, good.ID, "budget-prioritization", 160, "fine")
	badJSON, _ := st.Create("bad json", nil)
	badSchema, _ := st.Create("future", nil)
	missing, _ := st.Create("missing", nil)
	wrongID, _ := st.Create("moved", nil)
	os.WriteFile(st.sessionPath(badJSON.ID), []byte("{\n  \"schema_version\": 1,\n  \"id\": oops\n}"), 0o644)
	os.WriteFile(st.sessionPath(badSchema.ID), []byte(`{"schema_version": 99, "id": "`+badSchema.ID+`"}`), 0o644)
	os.Remove(st.sessionPath(missing.ID))
	os.WriteFile(st.sessionPath(wrongID.ID), []byte(`{"schema_version": 1, "id": "someone-else"}`), 0o644)

	ents, err := Open(st.Root(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	list, err := ents.List(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 5 {
		t.Fatalf("%d entries, want 5: %+v", len(list), list)
	}
	want := map[string]string{
		badJSON.ID:   "line 3",
		badSchema.ID: "schema_version is 99",
		missing.ID:   "missing",
		wrongID.ID:   `"someone-else"`,
	}
	for _, e := range list {
		if e.ID == good.ID {
			if e.Damaged || e.Title != "good" || e.Takes != 1 {
				t.Fatalf("good entry %+v", e)
			}
			continue
		}
		if !e.Damaged || !strings.Contains(e.Problem, want[e.ID]) {
			t.Errorf("entry %s: damaged=%v problem=%q, want problem containing %q", e.ID, e.Damaged, e.Problem, want[e.ID])
		}
	}
	var de *DamagedError
	if _, err := st.Get(badJSON.ID); !errors.As(err, &de) {
		t.Fatalf("Get damaged = %v", err)
	}
	if _, err := st.Get(good.ID); err != nil {
		t.Fatal(err)
	}
	// A damaged session can be deleted.
	if err := st.Delete(badJSON.ID); err != nil {
		t.Fatal(err)
	}
}

func TestConcurrentUpdatesLoseNothing(t *testing.T) {
	st := newTestStore(t)
	s, _ := st.Create("busy", testQuestions())
	tid := addRecordedTake(t, st, s.ID, "budget-prioritization", 160, "")
	// A second Store on the same root stands in for another process.
	st2, err := Open(st.Root(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	const workers, each = 6, 10
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			use := st
			if w%2 == 1 {
				use = st2
			}
			for i := 0; i < each; i++ {
				if _, err := use.AddNote(s.ID, Note{TakeID: tid, Tag: TagFix, Text: fmt.Sprintf("w%d n%d", w, i), Start: -1, End: -1, Time: -1}); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Add(1)
	go func() { // the library screen, meanwhile
		defer wg.Done()
		for i := 0; i < each; i++ {
			if _, err := st.List(t.Context()); err != nil {
				t.Error(err)
			}
			if _, err := st.Search("w1", Filter{}); err != nil {
				t.Error(err)
			}
		}
	}()
	wg.Add(1)
	go func() { // the transcription queue, meanwhile
		defer wg.Done()
		for i := 0; i < each; i++ {
			if err := st.SetTranscriptState(s.ID, tid, TranscriptRunning, ""); err != nil {
				t.Error(err)
			}
		}
	}()
	wg.Wait()
	got, err := st.Get(s.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Notes) != workers*each {
		t.Fatalf("%d notes, want %d", len(got.Notes), workers*each)
	}
	seen := map[string]bool{}
	for _, n := range got.Notes {
		seen[n.Text] = true
	}
	if len(seen) != workers*each || got.Take(tid).TranscriptState != TranscriptRunning {
		t.Fatalf("lost updates: %d distinct notes, state %q", len(seen), got.Take(tid).TranscriptState)
	}
}

func TestNotesCRUDPersisted(t *testing.T) {
	now := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	st, err := Open(t.TempDir(), Options{Now: clockAt(now)})
	if err != nil {
		t.Fatal(err)
	}
	s, _ := st.Create("coached", testQuestions())
	tid := addRecordedTake(t, st, s.ID, "budget-prioritization", 160, "Um, I would look at attribution first.")
	n1, err := st.AddNote(s.ID, Note{TakeID: tid, Author: "Coach Kim", Tag: TagPraise, Text: "Good opening", Start: 4, End: 11, Time: -1})
	if err != nil {
		t.Fatal(err)
	}
	n2, err := st.AddNote(s.ID, Note{TakeID: tid, Author: "Coach Kim", Tag: TagQuestion, Text: "Why?", Start: -1, End: -1, Time: 1.5})
	if err != nil {
		t.Fatal(err)
	}
	if n1.ID == "" || n1.ID == n2.ID || n1.Created.IsZero() {
		t.Fatalf("ids %q %q", n1.ID, n2.ID)
	}
	edit := n1
	edit.Text, edit.Tag = "Strong opening", TagFix
	if err := st.EditNote(s.ID, edit); err != nil {
		t.Fatal(err)
	}
	if err := st.DeleteNote(s.ID, n2.ID); err != nil {
		t.Fatal(err)
	}
	// Reopen: everything on disk.
	st2, _ := Open(st.Root(), Options{})
	got, err := st2.Get(s.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Notes) != 1 {
		t.Fatalf("notes %+v", got.Notes)
	}
	n := got.Notes[0]
	if n.ID != n1.ID || n.Text != "Strong opening" || n.Tag != TagFix || n.Author != "Coach Kim" ||
		n.Start != 4 || n.End != 11 || !n.Updated.After(n.Created) || !n.Created.Equal(n1.Created) {
		t.Fatalf("note %+v", n)
	}
	// Refusals, each naming what is wrong.
	bad := []struct {
		n    Note
		want string
	}{
		{Note{TakeID: tid, Tag: "meh", Start: -1, End: -1, Time: -1}, "tag"},
		{Note{TakeID: "ghost", Tag: TagFix, Start: -1, End: -1, Time: -1}, "take_id"},
		{Note{TakeID: tid, Tag: TagFix, Start: 5, End: 2, Time: -1}, "span"},
		{Note{TakeID: tid, Tag: TagFix, Start: 0, End: 999, Time: -1}, "past the transcript"},
		{Note{TakeID: tid, Tag: TagFix, Start: -1, End: -1, Time: -3}, "time"},
	}
	for _, b := range bad {
		if _, err := st.AddNote(s.ID, b.n); err == nil || !strings.Contains(err.Error(), b.want) {
			t.Errorf("AddNote(%+v) = %v, want error with %q", b.n, err, b.want)
		}
	}
	if err := st.DeleteNote(s.ID, "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("DeleteNote(nope) = %v", err)
	}
	if err := st.EditNote(s.ID, Note{ID: "nope"}); !errors.Is(err, ErrNotFound) {
		t.Errorf("EditNote(nope) = %v", err)
	}
}

func TestTakesRepairAndDelete(t *testing.T) {
	var repaired []string
	st, err := Open(t.TempDir(), Options{RepairWAV: func(p string) error {
		repaired = append(repaired, filepath.Base(p))
		return nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	s, _ := st.Create("t", testQuestions())
	tid := addRecordedTake(t, st, s.ID, "budget-prioritization", 160, "")
	path, err := st.OpenTakeAudio(s.ID, tid)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.OpenTakeAudio(s.ID, tid); err != nil { // same file version: not repaired again
		t.Fatal(err)
	}
	if len(repaired) != 1 || repaired[0] != tid+".wav" || filepath.Base(path) != tid+".wav" {
		t.Fatalf("repaired %v, path %s", repaired, path)
	}
	os.WriteFile(path, wavBytes(320), 0o644) // the file changed: repaired again
	st.Get(s.ID)
	if len(repaired) != 2 {
		t.Fatalf("repaired %v after change", repaired)
	}
	if _, err := st.AddNote(s.ID, Note{TakeID: tid, Tag: TagFix, Start: -1, End: -1, Time: -1}); err != nil {
		t.Fatal(err)
	}
	if err := st.AddTake(s.ID, Take{ID: tid}); err == nil {
		t.Fatal("duplicate take id accepted")
	}
	if err := st.DeleteTake(s.ID, tid); err != nil {
		t.Fatal(err)
	}
	got, _ := st.Get(s.ID)
	if len(got.Takes) != 0 || len(got.Notes) != 0 {
		t.Fatalf("after DeleteTake: %+v", got)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatal("audio still in the session folder")
	}
	if _, err := os.Stat(filepath.Join(st.Root(), "trash", s.ID+"-"+tid+".wav")); err != nil {
		t.Fatal("audio not in the trash:", err)
	}
	if _, err := st.OpenTakeAudio(s.ID, tid); !errors.Is(err, ErrNotFound) {
		t.Fatalf("OpenTakeAudio(deleted) = %v", err)
	}
}

func TestRenameDelete(t *testing.T) {
	st := newTestStore(t)
	s, _ := st.Create("old name", nil)
	if err := st.Rename(s.ID, "new name"); err != nil {
		t.Fatal(err)
	}
	list, _ := st.List(t.Context())
	if len(list) != 1 || list[0].Title != "new name" {
		t.Fatalf("list %+v", list)
	}
	if err := st.Delete(s.ID); err != nil {
		t.Fatal(err)
	}
	if list, _ := st.List(t.Context()); len(list) != 0 {
		t.Fatalf("deleted session still listed: %+v", list)
	}
	trash, _ := os.ReadDir(filepath.Join(st.Root(), "trash"))
	if len(trash) != 1 || !strings.HasPrefix(trash[0].Name(), s.ID) {
		t.Fatalf("trash %v", trash)
	}
	if err := st.Delete(s.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("second Delete = %v", err)
	}
}

func TestOpenUnwritableRoot(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a-file")
	os.WriteFile(file, []byte("x"), 0o644)
	root := filepath.Join(file, "lib")
	_, err := Open(root, Options{})
	if err == nil || !strings.Contains(err.Error(), root) {
		t.Fatalf("Open(%s) = %v, want an error naming it", root, err)
	}
	if os.Geteuid() != 0 { // root ignores permission bits
		ro := filepath.Join(dir, "ro")
		os.Mkdir(ro, 0o500)
		_, err := Open(ro, Options{})
		if err == nil || !strings.Contains(err.Error(), ro) {
			t.Fatalf("Open(read-only) = %v", err)
		}
	}
	if _, err := Open("", Options{}); err == nil {
		t.Fatal("Open(\"\") succeeded")
	}
}

func TestSessionHelpers(t *testing.T) {
	s := &Session{Questions: testQuestions(), Takes: []Take{{ID: "a", Duration: 1.5}, {ID: "b", Duration: 2}},
		Notes: []Note{{ID: "n", TakeID: "b"}}}
	if s.Question("lead-vs-contact") == nil || s.Question("x") != nil || s.Take("b") == nil || s.Note("n") == nil {
		t.Fatal("lookups")
	}
	if s.TotalSeconds() != 3.5 || len(s.TakeNotes("b")) != 1 || len(s.TakeNotes("a")) != 0 {
		t.Fatal("totals")
	}
	_ = review.Question{}
}

func TestPurgeTrash(t *testing.T) {
	st := newTestStore(t)
	a, _ := st.Create("a", nil)
	b, _ := st.Create("b", nil)
	st.Delete(a.ID)
	old := time.Now().Add(-48 * time.Hour)
	trash, _ := os.ReadDir(filepath.Join(st.Root(), "trash"))
	os.Chtimes(filepath.Join(st.Root(), "trash", trash[0].Name()), old, old)
	st.Delete(b.ID)
	n, err := st.PurgeTrash(time.Now().Add(-24 * time.Hour))
	if err != nil || n != 1 {
		t.Fatalf("purged %d, %v", n, err)
	}
	left, _ := os.ReadDir(filepath.Join(st.Root(), "trash"))
	if len(left) != 1 || !strings.HasPrefix(left[0].Name(), b.ID) {
		t.Fatalf("left %v", left)
	}
}
