package transcribe

import (
	"context"
	"math"
	"os"
	"sync"
	"testing"
	"time"
)

// longTake is a 30-minute tone-and-silence recording shared by the chunk
// tests (57.6 MB, written once).
var longTake struct {
	once   sync.Once
	dir    string
	path   string
	bursts []burst
}

func thirtyMinuteTake(t *testing.T) (string, []burst) {
	longTake.once.Do(func() {
		dir, err := os.MkdirTemp("", "rehearse-long-take-")
		if err != nil {
			t.Fatal(err)
		}
		longTake.dir = dir
		longTake.path, longTake.bursts = writeTone(t, dir, "long-take.wav", 30*60)
	})
	if longTake.path == "" {
		t.Fatal("the 30-minute take could not be written")
	}
	return longTake.path, longTake.bursts
}

func TestMain(m *testing.M) {
	code := m.Run()
	if longTake.dir != "" {
		os.RemoveAll(longTake.dir)
	}
	os.Exit(code)
}

func TestLongTakeIsSplitAndMerged(t *testing.T) {
	path, bursts := thirtyMinuteTake(t)
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	sum := checksum(t, path)
	for _, tc := range []struct {
		name  string
		limit int64
	}{
		{"real 25 MB limit", 0},
		{"4 MB limit", 4_000_000},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := newFakeWhisper(t, "openai")
			split := &testSplitter{}
			c := newTestClient(t, Config{BaseURL: srv.URL(), MaxUploadBytes: tc.limit}, split)
			limit := c.cfg.MaxUploadBytes
			tr, err := c.TranscribeFile(context.Background(), path, Hints{Vocabulary: marketingVocab})
			if err != nil {
				t.Fatal(err)
			}
			reqs := srv.requests()
			if want := int(math.Ceil(float64(fi.Size()) / float64(limit))); len(reqs) < want || split.calls != 1 {
				t.Fatalf("%d requests (splitter called %d times) for %d bytes at a %d limit, want at least %d", len(reqs), split.calls, fi.Size(), limit, want)
			}
			for i, r := range reqs {
				if int64(r.AudioBytes) > limit {
					t.Errorf("chunk %d uploaded %d bytes, over the %d limit", i, r.AudioBytes, limit)
				}
			}
			t.Logf("%d bytes split into %d chunks", fi.Size(), len(reqs))
			if len(tr.Words) != len(bursts) {
				t.Fatalf("merged %d words, the take has %d bursts", len(tr.Words), len(bursts))
			}
			for i, w := range tr.Words {
				if i > 0 && w.Start < tr.Words[i-1].End {
					t.Fatalf("word %d starts at %.3f before word %d ends at %.3f", i, w.Start, i-1, tr.Words[i-1].End)
				}
				// Merged times = chunk offset + time in chunk: they land on the
				// bursts of the whole recording.
				if math.Abs(w.Start-bursts[i].start) > 0.011 || math.Abs(w.End-bursts[i].end) > 0.011 {
					t.Fatalf("word %d at %.3f..%.3f, burst at %.3f..%.3f", i, w.Start, w.End, bursts[i].start, bursts[i].end)
				}
			}
			for i, s := range tr.Segments {
				if s.End < s.Start || (i > 0 && s.Start < tr.Segments[i-1].End) {
					t.Fatalf("segment %d %.3f..%.3f overlaps or reverses (previous ends %.3f)", i, s.Start, s.End, tr.Segments[i-1].End)
				}
			}
			if math.Abs(tr.Duration-1800) > 0.01 {
				t.Errorf("duration %.3f, want 1800", tr.Duration)
			}
			if checksum(t, path) != sum {
				t.Error("the recording changed")
			}
		})
	}
}

func TestMergeChunksOffsets(t *testing.T) {
	// Words that the server timed past its chunk's end are clamped so the
	// next chunk's words still come later.
	parts := []*transcriptPart{
		{text: "a b", words: [][2]float64{{0.5, 1}, {9.5, 10.4}}, dur: 10},
		{text: "c", words: [][2]float64{{0.0, 0.5}}, dur: 5},
	}
	chunks := []Chunk{{Offset: 0, Duration: 10 * time.Second}, {Offset: 10 * time.Second, Duration: 5 * time.Second}}
	tr := mergeChunks(toTranscripts(parts), chunks)
	if tr.Text != "a b c" || len(tr.Words) != 3 {
		t.Fatalf("merged %+v", tr)
	}
	if tr.Words[1].End != 10 || tr.Words[2].Start != 10 || tr.Words[2].End != 10.5 || tr.Duration != 15 {
		t.Errorf("words %+v duration %v", tr.Words, tr.Duration)
	}
}
