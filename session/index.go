package session

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/rehearse-app/rehearse/internal/atomicfile"
	"github.com/rehearse-app/rehearse/review"
)

// indexVersion is the version of index.json; another version is ignored and
// rebuilt.
const indexVersion = 2

// Entry is one session as the library lists it. A session whose
// session.json cannot be read has Damaged set, Problem saying why, and only
// its ID filled in.
type Entry struct {
	ID      string    `json:"id"`
	Title   string    `json:"title"`
	Created time.Time `json:"created"`
	Updated time.Time `json:"updated"`
	// QuestionIDs and Questions (the prompts) of the questions asked.
	QuestionIDs []string `json:"question_ids,omitempty"`
	Questions   []string `json:"questions,omitempty"`
	// Categories are the distinct category ids of the questions, in order.
	Categories   []string `json:"categories,omitempty"`
	Takes        int      `json:"takes"`
	TotalSeconds float64  `json:"total_seconds"`
	// Reviewed counts the takes with a summary; Scores, FillersPer100 and
	// WPM are averages over those takes (fillers weighted by words; the pace
	// of a take with no transcript is the one estimated from its
	// recording). Scores
	// holds, under the names delivery, structure, agency and content, only
	// the scores some take had assessed.
	Reviewed      int                `json:"reviewed"`
	Scores        map[string]float64 `json:"scores,omitempty"`
	FillersPer100 float64            `json:"fillers_per_100_words"`
	WPM           float64            `json:"wpm"`
	Notes         int                `json:"notes"`
	// PaceRatios are, for each take with a transcript of at least
	// CalibrationWords words and a recording, its word-based pace over the
	// pace estimated from the recording alone: how the speaker's own words
	// and voice differ from the estimate's assumptions.
	PaceRatios []float64 `json:"pace_ratios,omitempty"`
	Damaged    bool      `json:"damaged,omitempty"`
	Problem    string    `json:"problem,omitempty"`
}

// indexDoc is the content of index.json.
type indexDoc struct {
	Version int                   `json:"version"`
	Entries map[string]indexEntry `json:"entries"`
}

// indexEntry is one session's cached entry with the size and modification
// time of the session.json it was built from.
type indexEntry struct {
	Stamp fileStamp `json:"stamp"`
	Entry Entry     `json:"entry"`
}

// entryOf summarises a session for the library list.
func entryOf(sess *Session) Entry {
	e := Entry{
		ID:           sess.ID,
		Title:        sess.Title,
		Created:      sess.Created,
		Updated:      sess.Updated,
		Takes:        len(sess.Takes),
		TotalSeconds: sess.TotalSeconds(),
		Notes:        len(sess.Notes),
	}
	seen := map[string]bool{}
	for _, q := range sess.Questions {
		e.QuestionIDs = append(e.QuestionIDs, q.ID)
		e.Questions = append(e.Questions, q.Prompt)
		if q.Category != "" && !seen[q.Category] {
			seen[q.Category] = true
			e.Categories = append(e.Categories, q.Category)
		}
	}
	var words, fillers, wpm float64
	paced := 0
	sums := map[string]float64{}
	counts := map[string]int{}
	for _, tk := range sess.Takes {
		if tk.Summary == nil {
			continue
		}
		e.Reviewed++
		words += float64(tk.Summary.Words)
		fillers += tk.Summary.FillersPer100Words * float64(tk.Summary.Words) / 100
		if sum := tk.Summary; sum.Words >= CalibrationWords && sum.WPM > 0 && sum.WPMAudio > 0 {
			e.PaceRatios = append(e.PaceRatios, sum.WPM/sum.WPMAudio)
		}
		if pace := takePace(tk.Summary); pace > 0 {
			wpm += pace
			paced++
		}
		for _, sc := range tk.Summary.AreaScores() {
			if sc.Assessed {
				sums[sc.Area] += float64(sc.Score)
				counts[sc.Area]++
			}
		}
	}
	if paced > 0 {
		e.WPM = wpm / float64(paced)
	}
	if e.Reviewed > 0 {
		if words > 0 {
			e.FillersPer100 = fillers / words * 100
		}
		e.Scores = map[string]float64{}
		for k, v := range sums {
			e.Scores[k] = v / float64(counts[k])
		}
	}
	return e
}

// CalibrationWords is the fewest transcript words a take needs for its
// pace ratio (see Entry.PaceRatios): shorter answers are too noisy.
const CalibrationWords = 40

// takePace is a take's words per minute: from its transcript, or else as
// estimated from its recording alone (0 when neither is known).
func takePace(sum *review.Summary) float64 {
	if sum.WPM > 0 {
		return sum.WPM
	}
	return sum.WPMAudio
}

// List returns every session of the library, newest first, damaged ones
// included (Damaged set). It re-reads only the session.json files whose size
// or modification time changed since the index was last written, and saves
// the index when anything changed. A failure to save the index does not fail
// List.
func (s *Store) List(ctx context.Context) ([]Entry, error) {
	s.indexMu.Lock()
	defer s.indexMu.Unlock()
	dir := filepath.Join(s.root, sessionsDir)
	dents, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("session: list %s: %w", dir, err)
	}
	idx := s.readIndex()
	s.mu.Lock()
	dirty := s.dirty
	s.dirty = map[string]bool{}
	s.mu.Unlock()

	changed := false
	present := make(map[string]bool, len(dents))
	out := make([]Entry, 0, len(dents))
	var jobs []staleEntry
	for _, d := range dents {
		if err := ctx.Err(); err != nil {
			s.requeueDirty(dirty)
			return nil, err
		}
		id := d.Name()
		if !d.IsDir() || !validID(id) {
			continue
		}
		present[id] = true
		fi, err := os.Stat(s.sessionPath(id))
		if err != nil {
			problem := "session.json is missing"
			if !os.IsNotExist(err) {
				problem = err.Error()
			}
			if _, ok := idx.Entries[id]; ok {
				delete(idx.Entries, id)
				changed = true
			}
			out = append(out, Entry{ID: id, Damaged: true, Problem: problem})
			continue
		}
		st := stampOf(fi)
		if ie, ok := idx.Entries[id]; ok && ie.Stamp == st && !dirty[id] {
			out = append(out, ie.Entry)
			continue
		}
		jobs = append(jobs, staleEntry{slot: len(out), id: id, stamp: st})
		out = append(out, Entry{})
	}
	if err := s.reload(ctx, out, jobs); err != nil {
		s.requeueDirty(dirty)
		return nil, err
	}
	for _, j := range jobs {
		idx.Entries[j.id] = indexEntry{Stamp: j.stamp, Entry: out[j.slot]}
		changed = true
	}
	for id := range idx.Entries {
		if !present[id] {
			delete(idx.Entries, id)
			changed = true
		}
	}
	if changed {
		s.writeIndex(idx)
	}
	sortEntries(out)
	return out, nil
}

// staleEntry is a session whose index entry is missing or out of date:
// its slot in List's output, its id and its session.json's stamp.
type staleEntry struct {
	slot  int
	id    string
	stamp fileStamp
}

// reload re-reads the stale sessions into their slots of out, on every
// core. It stops early, returning ctx's error, when ctx is done.
func (s *Store) reload(ctx context.Context, out []Entry, jobs []staleEntry) error {
	// Re-read the stale sessions on every core.
	var wg sync.WaitGroup
	next := make(chan staleEntry)
	for w := 0; w < min(runtime.GOMAXPROCS(0), len(jobs)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range next {
				sess, err := s.loadHead(j.id)
				if err != nil {
					out[j.slot] = Entry{ID: j.id, Damaged: true, Problem: problemOf(err)}
				} else {
					out[j.slot] = entryOf(sess)
				}
			}
		}()
	}
	var cerr error
	for _, j := range jobs {
		if cerr = ctx.Err(); cerr != nil {
			break
		}
		next <- j
	}
	close(next)
	wg.Wait()
	return cerr
}

// markDirty makes the next List re-read session id, whatever the stamp of
// its session.json.
func (s *Store) markDirty(id string) {
	s.mu.Lock()
	s.dirty[id] = true
	s.mu.Unlock()
}

// requeueDirty puts back dirty marks taken by an interrupted List.
func (s *Store) requeueDirty(d map[string]bool) {
	s.mu.Lock()
	for id := range d {
		s.dirty[id] = true
	}
	s.mu.Unlock()
}

// problemOf gives the user-facing reason of a load error.
func problemOf(err error) string {
	if de, ok := err.(*DamagedError); ok {
		return de.Problem
	}
	return err.Error()
}

// sortEntries orders entries newest first, by id when times are equal.
func sortEntries(es []Entry) {
	slices.SortFunc(es, func(a, b Entry) int {
		return cmp.Or(b.Created.Compare(a.Created), cmp.Compare(b.ID, a.ID))
	})
}

// readIndex reads index.json, or returns an empty index when it is missing,
// damaged or of another version (it is only a cache). The index last read
// or written is kept in memory and reused while index.json is unchanged.
// Callers hold indexMu.
func (s *Store) readIndex() *indexDoc {
	empty := &indexDoc{Version: indexVersion, Entries: map[string]indexEntry{}}
	path := filepath.Join(s.root, indexFile)
	fi, err := os.Stat(path)
	if err != nil {
		return empty
	}
	if s.idx != nil && s.idxStamp == stampOf(fi) {
		return s.idx
	}
	s.idx = nil
	data, err := os.ReadFile(path)
	if err != nil {
		return empty
	}
	var idx indexDoc
	if err := json.NewDecoder(bytes.NewReader(data)).Decode(&idx); err != nil || idx.Version != indexVersion || idx.Entries == nil {
		return empty
	}
	if fi2, err := os.Stat(path); err == nil && stampOf(fi2) == stampOf(fi) {
		s.idx, s.idxStamp = &idx, stampOf(fi)
	}
	return &idx
}

// writeIndex saves index.json atomically; errors are ignored because the
// index is rebuilt from the sessions when it cannot be read.
func (s *Store) writeIndex(idx *indexDoc) {
	s.idx = nil
	data, err := json.Marshal(idx)
	if err != nil {
		return
	}
	path := filepath.Join(s.root, indexFile)
	if atomicfile.WriteFile(path, data, 0o644) != nil {
		return
	}
	if fi, err := os.Stat(path); err == nil {
		s.idx, s.idxStamp = idx, stampOf(fi)
	}
}
