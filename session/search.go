package session

import (
	"context"
	"os"
	"slices"
	"strings"
	"time"
)

// Filter narrows a library search. Zero fields do not filter.
type Filter struct {
	// Category keeps sessions that asked a question of this category id.
	Category string
	// From and To keep sessions created in [From, To].
	From, To time.Time
}

// match reports whether an entry passes the filter.
func (f Filter) match(e Entry) bool {
	if f.Category != "" {
		if !slices.Contains(e.Categories, f.Category) {
			return false
		}
	}
	if !f.From.IsZero() && e.Created.Before(f.From) {
		return false
	}
	if !f.To.IsZero() && e.Created.After(f.To) {
		return false
	}
	return true
}

func (f Filter) isZero() bool { return f.Category == "" && f.From.IsZero() && f.To.IsZero() }

// searchDoc is the lower-cased searchable text of one session, cached with
// the stamp of the session.json it came from.
type searchDoc struct {
	stamp fileStamp
	text  string
}

// Search returns the sessions passing filter whose title, question prompts,
// transcripts or notes contain every word of query (case-insensitive),
// newest first. An empty query returns every session passing the filter;
// damaged sessions are only listed when both query and filter are empty.
func (s *Store) Search(query string, filter Filter) ([]Entry, error) {
	entries, err := s.List(context.Background())
	if err != nil {
		return nil, err
	}
	terms := strings.Fields(strings.ToLower(query))
	out := entries[:0]
	for _, e := range entries {
		if e.Damaged {
			if len(terms) == 0 && filter.isZero() {
				out = append(out, e)
			}
			continue
		}
		if !filter.match(e) {
			continue
		}
		if len(terms) > 0 {
			text, ok := s.searchText(e.ID)
			if !ok || !containsAll(text, terms) {
				continue
			}
		}
		out = append(out, e)
	}
	return out, nil
}

// containsAll reports whether text contains every term.
func containsAll(text string, terms []string) bool {
	for _, t := range terms {
		if !strings.Contains(text, t) {
			return false
		}
	}
	return true
}

// searchText returns the searchable text of a session, from the cache when
// its session.json has not changed.
func (s *Store) searchText(id string) (string, bool) {
	fi, err := os.Stat(s.sessionPath(id))
	if err != nil {
		return "", false
	}
	st := stampOf(fi)
	s.mu.Lock()
	d, ok := s.search[id]
	s.mu.Unlock()
	if ok && d.stamp == st {
		return d.text, true
	}
	sess, err := s.load(id)
	if err != nil {
		return "", false
	}
	var b strings.Builder
	b.WriteString(sess.Title)
	for _, q := range sess.Questions {
		b.WriteString("\n" + q.ID + "\n" + q.Prompt)
	}
	for _, tk := range sess.Takes {
		if tk.Transcript != nil {
			b.WriteString("\n" + tk.Transcript.Text)
		}
	}
	for _, n := range sess.Notes {
		b.WriteString("\n" + n.Author + "\n" + n.Tag + "\n" + n.Text)
	}
	text := strings.ToLower(b.String())
	s.mu.Lock()
	s.search[id] = searchDoc{stamp: st, text: text}
	s.mu.Unlock()
	return text, true
}

// ProgressPoint is one session on the progress chart: its time and the
// averages of its reviewed takes.
type ProgressPoint struct {
	Time          time.Time          `json:"time"`
	SessionID     string             `json:"session_id"`
	FillersPer100 float64            `json:"fillers_per_100_words"`
	WPM           float64            `json:"wpm"`
	Scores        map[string]float64 `json:"scores"`
}

// Progress returns one point per session with at least one reviewed take,
// oldest first, for the progress chart.
func (s *Store) Progress() ([]ProgressPoint, error) {
	entries, err := s.List(context.Background())
	if err != nil {
		return nil, err
	}
	return ProgressOf(entries), nil
}

// ProgressOf builds the progress series from library entries (as List
// returns them), oldest first; damaged and unreviewed sessions are skipped.
func ProgressOf(entries []Entry) []ProgressPoint {
	var pts []ProgressPoint
	for _, e := range entries {
		if e.Damaged || e.Reviewed == 0 {
			continue
		}
		pts = append(pts, ProgressPoint{
			Time:          e.Created,
			SessionID:     e.ID,
			FillersPer100: e.FillersPer100,
			WPM:           e.WPM,
			Scores:        e.Scores,
		})
	}
	slices.SortStableFunc(pts, func(a, b ProgressPoint) int { return a.Time.Compare(b.Time) })
	return pts
}
