package transcribe

import (
	"context"
	"testing"

	"github.com/rehearse-app/rehearse/audio"
)

// audioSplitter adapts audio.SplitWAV, the splitter the app uses, the way
// cmd wires it.
var audioSplitter = SplitterFunc(func(path, outDir string, maxBytes int64) ([]Chunk, error) {
	cs, err := audio.SplitWAV(path, outDir, maxBytes)
	if err != nil {
		return nil, err
	}
	out := make([]Chunk, len(cs))
	for i, c := range cs {
		out[i] = Chunk{Path: c.Path, Offset: c.Offset, Duration: c.Duration}
	}
	return out, nil
})

// TestLongTakeWithAudioSplitWAV runs the 30-minute take through the real
// splitter of package audio at the real 25 MB limit.
func TestLongTakeWithAudioSplitWAV(t *testing.T) {
	path, bursts := thirtyMinuteTake(t)
	sum := checksum(t, path)
	srv := newFakeWhisper(t, "speaches")
	c := newTestClient(t, Config{BaseURL: srv.URL()}, audioSplitter)
	tr, err := c.TranscribeFile(context.Background(), path, Hints{})
	if err != nil {
		t.Fatal(err)
	}
	reqs := srv.requests()
	if len(reqs) != 3 {
		t.Fatalf("%d requests for 57.6 MB at a 25 MB limit, want 3", len(reqs))
	}
	for i, r := range reqs {
		if int64(r.AudioBytes) > DefaultMaxUploadBytes {
			t.Errorf("chunk %d is %d bytes, over the %d limit", i, r.AudioBytes, DefaultMaxUploadBytes)
		}
	}
	checkMerged(t, tr, bursts, 1800)
	if checksum(t, path) != sum {
		t.Error("the recording changed")
	}
}
