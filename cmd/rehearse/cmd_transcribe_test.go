package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rehearse-app/rehearse/audio"
	"github.com/rehearse-app/rehearse/internal/whispertest"
	"github.com/rehearse-app/rehearse/review"
)

// TestTranscribeCommandFeedsReview runs `rehearse transcribe --json` against
// a local server that speaks the OpenAI protocol and reviews its output.
func TestTranscribeCommandFeedsReview(t *testing.T) {
	srv := whispertest.New(t)
	data := t.TempDir()
	wav := filepath.Join(t.TempDir(), "take.wav")
	if err := audio.WriteWAVFile(wav, &audio.PCM{Rate: 16000, Channels: 1, Samples: make([]int16, 16000)}); err != nil {
		t.Fatal(err)
	}
	out := mustRun(t, data, "transcribe", "--json", "--base-url", srv.URL+"/v1", "--question", "impossible-request", wav)
	var tr review.Transcript
	if err := json.Unmarshal([]byte(out), &tr); err != nil {
		t.Fatalf("transcribe --json: %v\n%s", err, out)
	}
	if !strings.Contains(tr.Text, "your call") || len(tr.Words) != 2 || len(tr.Segments) != 1 || tr.Source == nil || tr.Source.Model != "whisper-1" {
		t.Fatalf("transcript = %+v", tr)
	}
	js := filepath.Join(t.TempDir(), "t.json")
	os.WriteFile(js, []byte(out), 0o644)
	rep := mustRun(t, data, "review", "--question", "impossible-request", "--format", "json", "--audio", wav, js)
	if !strings.Contains(rep, `"rule": "tradeoff"`) {
		t.Fatalf("the review of the transcript should find the trade-off:\n%s", rep)
	}
	if plain := mustRun(t, data, "transcribe", "--base-url", srv.URL+"/v1", wav); strings.TrimSpace(plain) != tr.Text {
		t.Fatalf("plain transcribe = %q, want the text", plain)
	}
	// A server that is not there: a clear error, a non-zero exit.
	r := rehearse(t, data, "transcribe", "--base-url", "http://127.0.0.1:1/v1", wav)
	if r.code == 0 || !strings.Contains(r.stderr, "127.0.0.1:1") {
		t.Fatalf("unreachable server: exit %d, %s", r.code, r.stderr)
	}
}
