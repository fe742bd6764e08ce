package audio

import (
	"math"
	"testing"
	"time"

	"github.com/rehearse-app/rehearse/internal/testkit"
)

// sine is testkit.Sine, short for this package's tests.
func sine(freq float64, rate, n int, amp float64) []int16 { return testkit.Sine(freq, rate, n, amp) }

// toneLevel is the amplitude of freq in x (a single-bin DFT over a Hann
// window, skipping the first and last 10%).
func toneLevel(x []int16, rate int, freq float64) float64 {
	a, b := len(x)/10, len(x)-len(x)/10
	var re, im, wsum float64
	for i := a; i < b; i++ {
		w := 0.5 - 0.5*math.Cos(2*math.Pi*float64(i-a)/float64(b-a))
		ph := 2 * math.Pi * freq * float64(i) / float64(rate)
		re += w * float64(x[i]) * math.Cos(ph)
		im += w * float64(x[i]) * math.Sin(ph)
		wsum += w
	}
	return 2 * math.Hypot(re, im) / wsum
}

// resampleChunked runs x through r in uneven chunks, as a device delivers.
func resampleChunked(t *testing.T, in, out int, x []int16) []int16 {
	t.Helper()
	r, err := NewResampler(in, out)
	if err != nil {
		t.Fatal(err)
	}
	var y []int16
	buf := make([]int16, 0, r.MaxOut(1000))
	for i, step := 0, 1; i < len(x); i, step = i+step, (step*7)%997+1 {
		end := min(i+step, len(x))
		before := cap(buf)
		buf = r.Process(x[i:end], buf)
		if cap(buf) != before {
			t.Fatalf("Process outgrew a buffer of MaxOut capacity")
		}
		y = append(y, buf...)
	}
	y = append(y, r.Flush(buf)...)
	return y
}

func TestResamplerKeepsFrequencyAndLength(t *testing.T) {
	for _, tc := range []struct {
		in, out int
		freq    float64
	}{
		{48000, 16000, 1000},
		{44100, 16000, 3000},
		{22050, 16000, 440},
		{24000, 16000, 6000},
		{16000, 48000, 1000},
		{8000, 16000, 2500},
	} {
		n := tc.in // one second
		x := sine(tc.freq, tc.in, n, 16000)
		y := resampleChunked(t, tc.in, tc.out, x)
		if want := (n*tc.out + tc.in - 1) / tc.in; len(y) != want {
			t.Errorf("%d->%d: %d samples out, want %d", tc.in, tc.out, len(y), want)
			continue
		}
		if got := toneLevel(y, tc.out, tc.freq); math.Abs(got-16000) > 16000*0.02 {
			t.Errorf("%d->%d: %.0f Hz tone at amplitude %.0f, want 16000 ±2%%", tc.in, tc.out, tc.freq, got)
		}
		// The tone lands where it should: nothing at a wrong frequency.
		if off := toneLevel(y, tc.out, tc.freq*1.1); off > 16000*0.01 {
			t.Errorf("%d->%d: energy %.0f at %.0f Hz", tc.in, tc.out, off, tc.freq*1.1)
		}
		// Same phase as the ideal signal: no delay.
		ideal := sine(tc.freq, tc.out, len(y), 16000)
		if c := correlation(y[len(y)/10:len(y)*9/10], ideal[len(y)/10:len(y)*9/10]); c < 0.999 {
			t.Errorf("%d->%d: correlation with the ideal sine %.5f, want >= 0.999 (delay or distortion)", tc.in, tc.out, c)
		}
	}
}

func TestResamplerRejectsAboveNyquist(t *testing.T) {
	// 12 kHz and 9 kHz at 48 kHz would alias to 4 kHz and 7 kHz at 16 kHz.
	for _, f := range []float64{12000, 9000, 15000} {
		x := sine(f, 48000, 48000, 30000)
		y := resampleChunked(t, 48000, 16000, x)
		alias := 16000 - f
		if alias < 0 {
			alias = -alias
		}
		for alias > 8000 {
			alias = 16000 - alias
		}
		var rms float64
		for _, v := range y[len(y)/10 : len(y)*9/10] {
			rms += float64(v) * float64(v)
		}
		rms = math.Sqrt(rms / float64(len(y)*8/10))
		if db := 20 * math.Log10((rms+1e-9)/(30000/math.Sqrt2)); db > -60 {
			t.Errorf("%.0f Hz at 48 kHz leaks through at %.1f dB (would alias to %.0f Hz), want < -60 dB", f, db, alias)
		}
	}
}

func TestResamplePCMIdentityAndMono(t *testing.T) {
	st := &PCM{Rate: 16000, Channels: 2, Samples: []int16{100, 300, -50, 50}}
	m, err := ResamplePCM(st, 16000)
	if err != nil || m.Channels != 1 || len(m.Samples) != 2 || m.Samples[0] != 200 || m.Samples[1] != 0 {
		t.Fatalf("ResamplePCM stereo identity = %+v, %v", m, err)
	}
	if _, err := NewResampler(0, 16000); err == nil {
		t.Error("NewResampler(0, ...) succeeded")
	}
}

func BenchmarkResample48kTo16k(b *testing.B) {
	r, _ := NewResampler(48000, 16000)
	in := sine(1000, 48000, 3000, 10000)
	out := make([]int16, 0, r.MaxOut(len(in)))
	b.SetBytes(int64(2 * len(in)))
	b.ReportAllocs()
	for b.Loop() {
		out = r.Process(in, out)
	}
	b.ReportMetric(float64(b.Elapsed())/float64(b.N)/float64(time.Second/16), "realtime-fraction")
}
