package audio

import (
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// speechLike is tone bursts at known times over low noise, 16 kHz mono.
func speechLike(d time.Duration, bursts []Span) []int16 {
	n := int(int64(d) * TakeRate / int64(time.Second))
	s := noise(n, 9)
	for i := range s {
		s[i] /= 300 // about -50 dBFS of background
	}
	for _, b := range bursts {
		a := int(int64(b.Start) * TakeRate / int64(time.Second))
		e := int(int64(b.End) * TakeRate / int64(time.Second))
		for i := a; i < e && i < n; i++ {
			s[i] += int16(8000 * math.Sin(2*math.Pi*220*float64(i)/TakeRate))
		}
	}
	return s
}

func TestEnvelopeAndVoiceActivity(t *testing.T) {
	want := []Span{{500 * time.Millisecond, 1500 * time.Millisecond}, {2500 * time.Millisecond, 2900 * time.Millisecond}, {4 * time.Second, 5 * time.Second}}
	// A 100 ms gap inside the third span is bridged.
	samples := speechLike(6*time.Second, []Span{want[0], want[1], {4 * time.Second, 4400 * time.Millisecond}, {4500 * time.Millisecond, 5 * time.Second}, {5500 * time.Millisecond, 5530 * time.Millisecond}})
	pcm := &PCM{Rate: TakeRate, Channels: 1, Samples: samples}
	hop := 10 * time.Millisecond
	env := Envelope(pcm, hop)
	if len(env) != 600 {
		t.Fatalf("Envelope has %d windows, want 600", len(env))
	}
	if v := env[100]; math.Abs(float64(v)-8000.0/32768/math.Sqrt2) > 0.01 {
		t.Errorf("RMS in a burst = %.4f, want about %.4f", v, 8000.0/32768/math.Sqrt2)
	}
	floor := NoiseFloor(env)
	if floor <= 0 || floor > 0.01 {
		t.Errorf("NoiseFloor = %.5f, want the background (about 0.002)", floor)
	}
	got := VoiceActivity(env, hop, VADOptions{})
	if len(got) != len(want) {
		t.Fatalf("VoiceActivity = %v, want %v (the 30 ms click dropped, the 100 ms gap bridged)", got, want)
	}
	for i := range want {
		if d := got[i].Start - want[i].Start; d < -hop || d > hop {
			t.Errorf("span %d starts at %v, want %v", i, got[i].Start, want[i].Start)
		}
		if d := got[i].End - want[i].End; d < -hop || d > hop {
			t.Errorf("span %d ends at %v, want %v", i, got[i].End, want[i].End)
		}
	}
	if VoiceActivity(Envelope(&PCM{Rate: TakeRate, Channels: 1, Samples: make([]int16, 16000)}, hop), hop, VADOptions{}) != nil {
		t.Error("digital silence has voice activity")
	}
}

func TestSplitWAVCutsInSilence(t *testing.T) {
	dir := t.TempDir()
	// 100 s of "speech" in 9.7 s phrases with 0.3 s pauses (each 10 s).
	var bursts []Span
	for s := time.Duration(0); s < 100*time.Second; s += 10 * time.Second {
		bursts = append(bursts, Span{s, s + 9700*time.Millisecond})
	}
	samples := speechLike(100*time.Second, bursts)
	src := filepath.Join(dir, "long.wav")
	if err := WriteWAVFile(src, &PCM{Rate: TakeRate, Channels: 1, Samples: samples}); err != nil {
		t.Fatal(err)
	}
	const limit = 44 + 2*TakeRate*25 // 25 s a chunk
	chunks, err := SplitWAV(src, filepath.Join(dir, "chunks"), limit)
	if err != nil {
		t.Fatal(err)
	}
	if len(chunks) < 4 || len(chunks) > 6 {
		t.Fatalf("%d chunks, want 4 to 6 for 100 s at 25 s each", len(chunks))
	}
	var at time.Duration
	var all []int16
	for i, c := range chunks {
		st, err := os.Stat(c.Path)
		if err != nil || st.Size() > limit {
			t.Fatalf("chunk %d: %v, size %d > limit %d", i, err, st.Size(), limit)
		}
		if c.Offset != at {
			t.Errorf("chunk %d at %v, want %v (contiguous)", i, c.Offset, at)
		}
		pcm, err := ReadWAV(c.Path)
		if err != nil {
			t.Fatal(err)
		}
		if pcm.Duration() != c.Duration {
			t.Errorf("chunk %d lasts %v, Chunk says %v", i, pcm.Duration(), c.Duration)
		}
		all = append(all, pcm.Samples...)
		at += c.Duration
		if i == len(chunks)-1 {
			break
		}
		// The cut is inside a pause: 9.7 s to 10 s of some phrase.
		end := at % (10 * time.Second)
		if end < 9700*time.Millisecond || end > 10*time.Second {
			t.Errorf("chunk %d ends at %v, inside a phrase (pauses are at x9.7–x10 s)", i, at)
		}
	}
	if !slicesEqual(all, samples) {
		t.Error("the chunks joined are not the original")
	}
}
