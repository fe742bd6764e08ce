// Package benchlib writes a large practice library straight to disk, for
// benchmarks of listing, searching and showing many sessions. It writes
// session.json files directly, because Store.Create and AddTake would fsync
// thousands of times.
package benchlib

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/rehearse-app/rehearse/review"
	"github.com/rehearse-app/rehearse/session"
)

// Write writes n sessions of k takes into the library at root. Session i
// asks two of qs (the i-th and the (i+7)-th, wrapping round), its takes
// alternating between them; each take has a 150-word transcript with word
// timings, a summary and a coach's note, as a reviewed session in real use
// has. No WAV files are written: listing never opens them.
func Write(root string, qs []review.Question, n, k int) error {
	if len(qs) == 0 {
		return fmt.Errorf("benchlib: no questions")
	}
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
				Created: created, Transcript: tr, TranscriptState: session.TranscriptDone, Summary: summary(i)})
			s.Notes = append(s.Notes, session.Note{ID: fmt.Sprintf("note-%d", j), TakeID: tid, Author: "Coach", Tag: session.TagFix,
				Text: "Lead with the trade-off", Start: -1, End: -1, Time: 12})
		}
		if err := writeSession(root, &s); err != nil {
			return err
		}
	}
	return nil
}

// summary is the figures of every take of session i: 150 words, a pace
// and fillers that vary by session, and all four scores assessed.
func summary(i int) *review.Summary {
	x := &review.Summary{Words: 150, WPM: 140 + float64(i%20), FillersPer100Words: float64(i % 7),
		Scores: review.Scores{Delivery: 70, Structure: 60, Agency: 80, Content: 50}}
	x.Assessed = review.Assessed{Delivery: true, Structure: true, Agency: true, Content: true}
	return x
}

// writeSession writes s as <root>/sessions/<id>/session.json.
func writeSession(root string, s *session.Session) error {
	dir := filepath.Join(root, "sessions", s.ID)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("benchlib: %w", err)
	}
	data, err := json.Marshal(s)
	if err != nil {
		return fmt.Errorf("benchlib: session %s: %w", s.ID, err)
	}
	if err := os.WriteFile(filepath.Join(dir, "session.json"), data, 0o644); err != nil {
		return fmt.Errorf("benchlib: %w", err)
	}
	return nil
}
