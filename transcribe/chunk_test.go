package transcribe

import (
	"context"
	"math"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/rehearse-app/rehearse/review"
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

// TestSplitAndMergeManyChunks splits a 4-minute take into many small
// chunks with a splitter that cuts at the quietest point, and checks the
// merged timings against the bursts of the whole recording. The 30-minute
// take at the real 25 MB limit goes through audio.SplitWAV in
// TestLongTakeWithAudioSplitWAV.
func TestSplitAndMergeManyChunks(t *testing.T) {
	path, bursts := writeTone(t, t.TempDir(), "take.wav", 4*60)
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	sum := checksum(t, path)
	const limit = 1_000_000
	srv := newFakeWhisper(t, "whispercpp")
	split := &testSplitter{}
	c := newTestClient(t, Config{BaseURL: srv.URL(), MaxUploadBytes: limit}, split)
	tr, err := c.TranscribeFile(context.Background(), path, Hints{Vocabulary: marketingVocab})
	if err != nil {
		t.Fatal(err)
	}
	reqs := srv.requests()
	if want := int(math.Ceil(float64(fi.Size()) / limit)); len(reqs) < want || split.calls != 1 {
		t.Fatalf("%d requests (splitter called %d times) for %d bytes at a %d limit, want at least %d", len(reqs), split.calls, fi.Size(), limit, want)
	}
	for i, r := range reqs {
		if r.AudioBytes > limit {
			t.Errorf("chunk %d uploaded %d bytes, over the %d limit", i, r.AudioBytes, limit)
		}
	}
	checkMerged(t, tr, bursts, 240)
	if checksum(t, path) != sum {
		t.Error("the recording changed")
	}
}

// checkMerged checks a merged transcript against the bursts of the whole
// recording: one word per burst at the burst's time (so chunk offset + time
// in chunk), words and segments in order, the whole duration.
func checkMerged(t *testing.T, tr *review.Transcript, bursts []burst, duration float64) {
	t.Helper()
	if len(tr.Words) != len(bursts) {
		t.Fatalf("merged %d words, the take has %d bursts (a cut went through a burst?)", len(tr.Words), len(bursts))
	}
	for i, w := range tr.Words {
		if i > 0 && w.Start < tr.Words[i-1].End {
			t.Fatalf("word %d starts at %.3f before word %d ends at %.3f", i, w.Start, i-1, tr.Words[i-1].End)
		}
		if math.Abs(w.Start-bursts[i].start) > 0.011 || math.Abs(w.End-bursts[i].end) > 0.011 {
			t.Fatalf("word %d at %.3f..%.3f, burst at %.3f..%.3f", i, w.Start, w.End, bursts[i].start, bursts[i].end)
		}
	}
	if len(tr.Segments) == 0 {
		t.Fatal("no segments")
	}
	for i, s := range tr.Segments {
		if s.End < s.Start || (i > 0 && s.Start < tr.Segments[i-1].End) {
			t.Fatalf("segment %d %.3f..%.3f overlaps or reverses", i, s.Start, s.End)
		}
	}
	if math.Abs(tr.Duration-duration) > 0.01 {
		t.Errorf("duration %.3f, want %v", tr.Duration, duration)
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
