package session

import (
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/rehearse-app/rehearse/review"
)

// replaceFixture is a take transcribed "Um, I think we should start with
// attribution data." (4 s, no word timings) with four notes: on "attribution
// data", on "I think", at 1.5 s, and on the whole take.
func replaceFixture(t *testing.T) (*Store, string, string, []Note) {
	t.Helper()
	st := newTestStore(t)
	qs := testQuestions()
	sess, err := st.Create("replace", qs)
	if err != nil {
		t.Fatal(err)
	}
	const text = "Um, I think we should start with attribution data."
	takeID := addRecordedTake(t, st, sess.ID, qs[0].ID, 4*16000, text)
	var notes []Note
	span := func(s string) (int, int) { i := strings.Index(text, s); return i, i + len(s) }
	for _, n := range []Note{
		{Tag: TagPraise, Text: "good start", Time: -1},
		{Tag: TagFix, Text: "hedge", Time: -1},
		{Tag: TagQuestion, Text: "why here?", Start: -1, End: -1, Time: 1.5},
		{Tag: TagFix, Text: "overall", Start: -1, End: -1, Time: -1},
	} {
		switch n.Text {
		case "good start":
			n.Start, n.End = span("attribution data")
		case "hedge":
			n.Start, n.End = span("I think")
		}
		n.TakeID, n.Author = takeID, "Coach"
		added, err := st.AddNote(sess.ID, n)
		if err != nil {
			t.Fatal(err)
		}
		notes = append(notes, added)
	}
	return st, sess.ID, takeID, notes
}

func TestReplaceTranscriptMovesNotes(t *testing.T) {
	st, sessID, takeID, notes := replaceFixture(t)
	const newText = "We should start with the attribution data, I believe."
	if err := st.ReplaceTranscript(sessID, takeID, review.Retext(nil, newText)); err != nil {
		t.Fatal(err)
	}
	sess, err := st.Get(sessID)
	if err != nil {
		t.Fatal(err)
	}
	tk := sess.Take(takeID)
	if tk.Transcript.Text != newText || tk.TranscriptState != TranscriptDone {
		t.Fatalf("transcript %q state %q", tk.Transcript.Text, tk.TranscriptState)
	}
	got := sess.TakeNotes(takeID)
	at := strings.Index(newText, "attribution data")
	for i, tc := range []struct {
		start, end int
		time       float64
		updated    bool
	}{
		{at, at + len("attribution data"), -1, true}, // the same words, where they are now
		{-1, -1, 4 * 4.0 / 50, true},                 // words gone: their place in time (estimated)
		{-1, -1, 1.5, false},                         // a time: untouched
		{-1, -1, -1, false},                          // the whole take: untouched
	} {
		n := got[i]
		if n.Start != tc.start || n.End != tc.end || math.Abs(n.Time-tc.time) > 1e-9 {
			t.Errorf("note %q: span %d..%d time %v, want %d..%d time %v", n.Text, n.Start, n.End, n.Time, tc.start, tc.end, tc.time)
		}
		if moved := !n.Updated.Equal(notes[i].Updated); moved != tc.updated {
			t.Errorf("note %q: updated %v, want %v", n.Text, moved, tc.updated)
		}
	}
}

func TestReplaceTranscriptFailureLeavesTheOldState(t *testing.T) {
	st, sessID, takeID, _ := replaceFixture(t)
	before, err := st.Get(sessID)
	if err != nil {
		t.Fatal(err)
	}
	// The notes move and the transcript is set before the session is
	// written; a transcript that can't be written fails that last step.
	bad := review.Retext(nil, "We should start with the attribution data.")
	bad.Words = []review.Word{{Word: "We", Start: math.NaN(), End: 1}}
	if err := st.ReplaceTranscript(sessID, takeID, bad); err == nil {
		t.Fatal("a transcript with a NaN time was saved")
	}
	after, err := st.Get(sessID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(after.Take(takeID), before.Take(takeID)) || !reflect.DeepEqual(after.Notes, before.Notes) {
		t.Fatalf("a failed replace changed the session:\nbefore %+v\n%+v\nafter %+v\n%+v", before.Take(takeID), before.Notes, after.Take(takeID), after.Notes)
	}
	if err := st.ReplaceTranscript(sessID, "take-missing", bad); err == nil {
		t.Fatal("replaced the transcript of a take that does not exist")
	}
}

func TestNearestIndex(t *testing.T) {
	for _, tc := range []struct {
		text, sub string
		near, at  int
		ok        bool
	}{
		{"a b a b", "a", 0, 0, true},
		{"a b a b", "a", 3, 4, true},
		{"a b a b", "b", 9, 6, true},
		{"a b", "c", 0, 0, false},
		{"a b", "", 0, 0, false},
	} {
		if at, ok := nearestIndex(tc.text, tc.sub, tc.near); at != tc.at || ok != tc.ok {
			t.Errorf("nearestIndex(%q, %q, %d) = %d, %v, want %d, %v", tc.text, tc.sub, tc.near, at, ok, tc.at, tc.ok)
		}
	}
}
