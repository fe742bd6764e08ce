package session

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/rehearse-app/rehearse/internal/testkit"
	"github.com/rehearse-app/rehearse/review"
)

// TestHostileBundleRoundTrips exports a session whose title, question,
// transcript, transcription error and notes all carry markup, and imports
// it into a fresh library, as `rehearse import` would: the text comes back
// as it was (report's tests check that its exports keep it inert).
func TestHostileBundleRoundTrips(t *testing.T) {
	src, err := Open(t.TempDir(), Options{Now: clockAt(time.Date(2026, 11, 4, 9, 0, 0, 0, time.UTC))})
	if err != nil {
		t.Fatal(err)
	}
	qs := testQuestions()
	qs[0].Prompt = "Budget " + testkit.XSSAttr + testkit.XSSScript
	qs[0].Category = testkit.XSSStyle
	qs[0].TalkingPoints = []review.TalkingPoint{{ID: "tp", Label: testkit.XSSLink}}
	s, err := src.Create(testkit.XSSTitle+testkit.XSSScript+testkit.XSSAttr, qs)
	if err != nil {
		t.Fatal(err)
	}
	text := "Um, " + testkit.XSSScript + " then " + testkit.XSSAttr + " and " + testkit.XSSLink + " or " + testkit.XSSURL + " done."
	t1 := addRecordedTake(t, src, s.ID, qs[0].ID, 1600, text)
	t2 := addRecordedTake(t, src, s.ID, qs[1].ID, 800, "")
	if err := src.SetTranscriptState(s.ID, t2, TranscriptFailed, testkit.XSSAttr+testkit.XSSScript); err != nil {
		t.Fatal(err)
	}
	at := strings.Index(text, testkit.XSSAttr)
	for _, n := range []Note{
		{TakeID: t1, Author: testkit.XSSAttr, Tag: TagFix, Text: testkit.XSSLink + " " + testkit.XSSScript, Start: at, End: at + len(testkit.XSSAttr), Time: 1},
		{TakeID: t1, Author: testkit.XSSScript, Tag: TagQuestion, Text: testkit.XSSURL, Start: -1, End: -1, Time: -1},
	} {
		if _, err := src.AddNote(s.ID, n); err != nil {
			t.Fatal(err)
		}
	}
	var b bytes.Buffer
	if err := src.ExportBundle(&b, s.ID); err != nil {
		t.Fatal(err)
	}
	dst := newTestStore(t)
	if _, err := dst.ImportBundle(writeBundle(t, b.Bytes())); err != nil {
		t.Fatal(err)
	}
	sess, err := dst.Get(s.ID)
	if err != nil {
		t.Fatal(err)
	}
	got := sess.Take(t1)
	if got == nil || got.Transcript == nil || got.Transcript.Text != text || len(sess.Notes) != 2 {
		t.Fatalf("the bundle did not round-trip: %+v", sess)
	}
	if sess.Title != s.Title || sess.Questions[0].Prompt != qs[0].Prompt || sess.Take(t2).TranscriptError != testkit.XSSAttr+testkit.XSSScript ||
		sess.Notes[0].Text != testkit.XSSLink+" "+testkit.XSSScript || sess.Notes[1].Author != testkit.XSSScript {
		t.Fatalf("hostile text changed on the way: %+v", sess)
	}
}
