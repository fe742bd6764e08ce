package transcribe

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
)

// TestUploadBytesPerMinute measures what goes over the wire per minute of
// 16 kHz mono PCM16 audio, multipart overhead and prompt included.
func TestUploadBytesPerMinute(t *testing.T) {
	dir := t.TempDir()
	srv := newFakeWhisper(t, "openai")
	c := newTestClient(t, Config{BaseURL: srv.URL()}, nil)
	for _, minutes := range []float64{1, 3} {
		path, _ := writeTone(t, dir, fmt.Sprintf("take-%v.wav", minutes), minutes*60)
		if _, err := c.TranscribeFile(context.Background(), path, Hints{Vocabulary: marketingVocab}); err != nil {
			t.Fatal(err)
		}
		reqs := srv.requests()
		r := reqs[len(reqs)-1]
		if r.BodyBytes <= 0 {
			t.Fatalf("request had no Content-Length")
		}
		perMin := float64(r.BodyBytes) / minutes
		overhead := r.BodyBytes - int64(r.AudioBytes)
		t.Logf("%v min: %d bytes sent (%d audio + %d multipart/fields) = %.0f bytes per minute", minutes, r.BodyBytes, r.AudioBytes, overhead, perMin)
		if want := 60.0 * testRate * 2; perMin < want || perMin > want*1.001 {
			t.Errorf("%.0f bytes per minute, want about %.0f", perMin, want)
		}
		if overhead > 2048 {
			t.Errorf("multipart overhead %d bytes", overhead)
		}
	}
}

// BenchmarkEnqueueToTranscript measures the time from Enqueue of a finished
// one-minute take to its transcript in the sink, through the real client
// and a local HTTP server.
func BenchmarkEnqueueToTranscript(b *testing.B) {
	dir := b.TempDir()
	path, _ := writeTone(b, dir, "take.wav", 60)
	srv := newFakeWhisper(b, "openai")
	c := newTestClient(b, Config{BaseURL: srv.URL()}, nil)
	sink := newMemSink(dir)
	q, err := NewQueue(QueueConfig{Dir: filepath.Join(dir, "queue"), Transcriber: c, Sink: sink})
	if err != nil {
		b.Fatal(err)
	}
	defer q.Close()
	q.Start(context.Background())
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if err := q.Enqueue(Job{SessionID: "s", TakeID: fmt.Sprint("t", i), AudioPath: path, Hints: Hints{Vocabulary: marketingVocab}}); err != nil {
			b.Fatal(err)
		}
		<-sink.done
	}
	b.StopTimer()
	reqs := srv.requests()
	b.ReportMetric(float64(reqs[0].BodyBytes), "upload-bytes/audio-min")
}

// BenchmarkTranscribeFile measures one request for a one-minute take.
func BenchmarkTranscribeFile(b *testing.B) {
	dir := b.TempDir()
	path, _ := writeTone(b, dir, "take.wav", 60)
	srv := newFakeWhisper(b, "whispercpp")
	c := newTestClient(b, Config{BaseURL: srv.URL()}, nil)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.TranscribeFile(context.Background(), path, Hints{}); err != nil {
			b.Fatal(err)
		}
	}
}
