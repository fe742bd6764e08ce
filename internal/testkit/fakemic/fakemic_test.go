package fakemic_test

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/rehearse-app/rehearse/audio"
	"github.com/rehearse-app/rehearse/internal/testkit"
	"github.com/rehearse-app/rehearse/internal/testkit/fakemic"
)

func TestRecorderWritesRealWAV(t *testing.T) {
	src := testkit.Sine(440, audio.TakeRate, 3*audio.TakeRate/2, 12000)
	var r audio.Recorder = fakemic.New(src)
	out := filepath.Join(t.TempDir(), "fake.wav")
	levels := make(chan audio.Level, 1)
	rec, err := r.Record(context.Background(), audio.RecordOptions{Path: out, MaxFrames: audio.TakeRate, Levels: levels})
	if err != nil {
		t.Fatal(err)
	}
	<-rec.Done()
	res, err := rec.Stop()
	if err != nil || res.Frames != audio.TakeRate || res.Duration != time.Second {
		t.Fatalf("Stop = %+v, %v; want 16000 frames", res, err)
	}
	if res.Peak < 0.36 || res.Peak > 0.37 {
		t.Errorf("take peak %v, want the sine's 12000/32768", res.Peak)
	}
	pcm, err := audio.ReadWAV(out)
	if err != nil || !slices.Equal(pcm.Samples, src[:audio.TakeRate]) {
		t.Fatalf("fake take: %v", err)
	}
	lv := <-levels
	if lv.Frames != audio.TakeRate || lv.Elapsed != time.Second || lv.Peak < 0.36 || lv.Peak > 0.37 {
		t.Errorf("last level %+v, want 1 s and the sine's peak 12000/32768", lv)
	}
	if calls := r.(*fakemic.Recorder).Calls(); len(calls) != 1 || calls[0].Path != out {
		t.Errorf("Calls = %+v", calls)
	}
}

// TestSilentTakeHasZeroPeak: a take of silence says so in its result.
func TestSilentTakeHasZeroPeak(t *testing.T) {
	rec, err := fakemic.New(make([]int16, audio.TakeRate)).Record(context.Background(),
		audio.RecordOptions{Path: filepath.Join(t.TempDir(), "silent.wav"), MaxFrames: audio.TakeRate})
	if err != nil {
		t.Fatal(err)
	}
	<-rec.Done()
	if res, err := rec.Stop(); err != nil || res.Frames != audio.TakeRate || res.Peak != 0 {
		t.Fatalf("Stop = %+v, %v; want a second with peak 0", res, err)
	}
}

func TestRecordingStopAndCancelMidTake(t *testing.T) {
	f := fakemic.New(nil)
	f.Pace = time.Second / 16 / 8 // 8x real time
	out := filepath.Join(t.TempDir(), "stop.wav")
	rec, err := f.Record(context.Background(), audio.RecordOptions{Path: out})
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond)
	res, err := rec.Stop()
	if err != nil || res.Frames <= 0 {
		t.Fatalf("Stop = %+v, %v", res, err)
	}
	if again, _ := rec.Stop(); again != res {
		t.Errorf("second Stop = %+v, want %+v", again, res)
	}
	if info, err := audio.WAVInfo(out); err != nil || info.Frames != res.Frames {
		t.Errorf("file has %+v (%v), result says %d", info, err, res.Frames)
	}

	ctx, cancel := context.WithCancel(context.Background())
	rec, err = f.Record(ctx, audio.RecordOptions{Path: out})
	if err != nil {
		t.Fatal(err)
	}
	cancel()
	select {
	case <-rec.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("cancelling the context did not end the take")
	}
	if _, err := rec.Stop(); err != nil {
		t.Errorf("cancelled take: %v", err)
	}
}

func TestDeviceLostMidTakeKeepsAudio(t *testing.T) {
	src := testkit.Noise(audio.TakeRate, 11)
	f := fakemic.New(src)
	f.FailAfter = 5000
	out := filepath.Join(t.TempDir(), "lost.wav")
	rec, err := f.Record(context.Background(), audio.RecordOptions{Path: out})
	if err != nil {
		t.Fatal(err)
	}
	<-rec.Done()
	res, err := rec.Stop()
	if !errors.Is(err, audio.ErrDeviceUnavailable) || res.Err != err {
		t.Fatalf("Stop error = %v, want the device error", err)
	}
	if res.Frames != 5000 {
		t.Errorf("kept %d frames, want the 5000 captured", res.Frames)
	}
	pcm, err := audio.ReadWAV(out)
	if err != nil || !slices.Equal(pcm.Samples, src[:5000]) {
		t.Fatalf("take after device loss: %v", err)
	}
}

func TestDeviceLostWhileResamplingKeepsTail(t *testing.T) {
	x := testkit.Sine(500, 48000, 48000, 10000)
	src := fakemic.NewSource(x, 48000, 0, 24000)
	out := filepath.Join(t.TempDir(), "lost48.wav")
	rec, err := audio.RecordFrom(context.Background(), src, audio.RecordOptions{Path: out})
	if err != nil {
		t.Fatal(err)
	}
	res, err := func() (audio.Result, error) { <-rec.Done(); return rec.Stop() }()
	if err == nil || res.Frames != 8000 {
		t.Fatalf("Stop = %+v, %v; want the device error and 8000 frames (0.5 s)", res, err)
	}
}

func TestLevelsNeverBlockAndLatestWins(t *testing.T) {
	src := testkit.Noise(4*audio.TakeRate, 12)
	levels := make(chan audio.Level, 1) // nobody reads it during the take
	rec, err := fakemic.New(src).Record(context.Background(), audio.RecordOptions{Path: filepath.Join(t.TempDir(), "l.wav"), MaxFrames: int64(len(src)), Levels: levels})
	if err != nil {
		t.Fatal(err)
	}
	select {
	case <-rec.Done():
	case <-time.After(10 * time.Second):
		t.Fatal("capture blocked on a full level channel")
	}
	if lv := <-levels; lv.Frames != int64(len(src)) {
		t.Errorf("the level left in the channel is for frame %d, want the latest (%d)", lv.Frames, len(src))
	}
}

// overflowSource reports an input overflow on every third buffer.
type overflowSource struct {
	*fakemic.Source
	n int
}

func (o *overflowSource) Read() ([]int16, error) {
	b, err := o.Source.Read()
	o.n++
	if err == nil && o.n%3 == 0 {
		return b, audio.ErrOverflow
	}
	return b, err
}

func TestInputOverflowIsCountedNotFatal(t *testing.T) {
	src := &overflowSource{Source: fakemic.NewSource(testkit.Noise(audio.TakeRate, 15), audio.TakeRate, 0, 0)}
	levels := make(chan audio.Level, 1)
	rec, err := audio.RecordFrom(context.Background(), src, audio.RecordOptions{Path: filepath.Join(t.TempDir(), "o.wav"), MaxFrames: audio.TakeRate, Levels: levels})
	if err != nil {
		t.Fatal(err)
	}
	<-rec.Done()
	res, err := rec.Stop()
	if err != nil || res.Frames != audio.TakeRate || res.Overflows != 5 {
		t.Fatalf("Stop = %+v, %v; want all 16000 frames and 5 overflows (16 buffers)", res, err)
	}
	if lv := <-levels; lv.Overflows != 5 {
		t.Errorf("last level reports %d overflows, want 5", lv.Overflows)
	}
}
