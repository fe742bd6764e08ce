package session

import (
	"archive/zip"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/rehearse-app/rehearse/internal/testkit"
	"github.com/rehearse-app/rehearse/review"
)

// testQuestions are two questions of different categories.
func testQuestions() []review.Question {
	return []review.Question{
		{ID: "budget-prioritization", Category: review.CategoryStrategic, Prompt: "We have a limited budget. How do you prioritise?", AnswerSeconds: 120},
		{ID: "lead-vs-contact", Category: review.CategoryTechnical, Prompt: "Explain lead vs contact and CRM sync.", AnswerSeconds: 90},
	}
}

// clockAt returns a Now function that advances a second per call.
func clockAt(start time.Time) func() time.Time {
	t := start
	return func() time.Time { t = t.Add(time.Second); return t }
}

// newTestStore opens a store in a fresh temporary folder.
func newTestStore(t testing.TB) *Store {
	t.Helper()
	st, err := Open(filepath.Join(t.TempDir(), "lib"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// wavBytes returns a canonical 16 kHz mono 16-bit WAV of n frames.
func wavBytes(n int) []byte { return testkit.WAV(n) }

// addRecordedTake records a take with a WAV of frames frames and a
// transcript.
func addRecordedTake(t testing.TB, st *Store, sessID, qid string, frames int, text string) string {
	t.Helper()
	id, path, err := st.NewTakePath(sessID, qid)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, wavBytes(frames), 0o644); err != nil {
		t.Fatal(err)
	}
	tk := Take{ID: id, QuestionID: qid, Duration: float64(frames) / 16000}
	if err := st.AddTake(sessID, tk); err != nil {
		t.Fatal(err)
	}
	if text != "" {
		tr := &review.Transcript{Text: text, Duration: tk.Duration, Words: []review.Word{}, Segments: []review.Segment{}}
		if err := st.SaveTranscript(sessID, id, tr); err != nil {
			t.Fatal(err)
		}
	}
	return id
}

// zent is one entry of a test zip.
type zent struct {
	name   string
	data   []byte
	method uint16
	mode   os.FileMode
}

// zipOf builds a zip archive from entries.
func zipOf(t testing.TB, ents ...zent) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, e := range ents {
		h := &zip.FileHeader{Name: e.name, Method: e.method}
		if e.mode != 0 {
			h.SetMode(e.mode)
		} else {
			h.SetMode(0o644)
		}
		w, err := zw.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(e.data); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// treeOf lists every file and folder under dir (relative paths), sorted.
func treeOf(t testing.TB, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		out = append(out, rel)
		return nil
	})
	sort.Strings(out)
	return out
}

// contextWithCancel returns a cancellable child of the test's context.
func contextWithCancel(t testing.TB) (context.Context, context.CancelFunc) {
	return context.WithCancel(t.Context())
}
