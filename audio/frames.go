package audio

import (
	"math"
	"time"
)

// deliveryHop is the frame step of the delivery analysis.
const deliveryHop = 10 * time.Millisecond

// frames holds the per-hop features the delivery analysis shares.
type frames struct {
	hop    float64   // seconds
	ms     []float64 // mean square per frame
	db     []float64 // smoothed intensity, dB
	bright []float64 // log of differenced energy over energy: a spectral-centroid proxy
	rms    []float32 // RMS per frame (for VoiceActivity)
	syl    []float64 // smoothed intensity of the vowel band, dB (syllable nuclei); read after sylReady
	// sylReady is closed once syl is computed: the band filter, the
	// analysis's largest cost, runs beside the other features.
	sylReady chan struct{}
}

// newFrames measures the per-frame features of mono samples x at rate.
func newFrames(x []int16, rate int) *frames {
	fr := frameBounds{rate: rate, n: len(x)}
	nf := fr.count()
	f := &frames{hop: deliveryHop.Seconds(), ms: make([]float64, nf), db: make([]float64, nf),
		bright: make([]float64, nf), rms: make([]float32, nf), sylReady: make(chan struct{})}
	go func() {
		f.syl = bandContour(x, fr)
		close(f.sylReady)
	}()
	for i := range nf {
		a, b := fr.at(i)
		var e, d float64
		prev := float64(x[max(a-1, 0)]) / 32768
		for _, v := range x[a:b] {
			fv := float64(v) / 32768
			e += fv * fv
			d += (fv - prev) * (fv - prev)
			prev = fv
		}
		f.ms[i] = e / float64(b-a)
		f.rms[i] = float32(math.Sqrt(f.ms[i]))
		f.bright[i] = math.Log((d + 1e-12) / (e + 1e-12))
	}
	smoothedDB(f.db, f.ms)
	return f
}

// frameBounds cuts n samples at rate into deliveryHop frames whose
// boundaries fall on the nearest sample to each 10 ms mark, so frame i
// starts at i × 10 ms at any rate (22,050 Hz has 220.5 samples per frame:
// whole frames of 220 would drift 37 ms behind over 16 s).
type frameBounds struct{ rate, n int }

// perSecond is the number of frames in a second.
const perSecond = int(time.Second / deliveryHop)

func (fr frameBounds) start(i int) int { return min((i*fr.rate+perSecond/2)/perSecond, fr.n) }

// count is the number of frames that hold a sample, the last one
// possibly short.
func (fr frameBounds) count() int {
	c := (fr.n*perSecond + fr.rate - 1) / fr.rate
	for c > 0 && fr.start(c-1) >= fr.n {
		c--
	}
	return c
}

// at returns the sample range of frame i < count(): never empty.
func (fr frameBounds) at(i int) (a, b int) {
	a = fr.start(i)
	return a, min(max(fr.start(i+1), a+1), fr.n)
}

func (f *frames) at(i int) time.Duration { return time.Duration(i) * deliveryHop }

// smoothW is the smoothing of the intensity contour, in 10 ms frames.
var smoothW = []float64{1, 1, 1}

// smoothedDB writes to out the mean squares ms smoothed by smoothW, in dB:
// 30 ms smoothing before taking dB, so that one syllable gives one peak
// (chosen on the dev set among 10–50 ms windows).
func smoothedDB(out, ms []float64) {
	for i := range ms {
		var s, ws float64
		for k, wk := range smoothW {
			j := i + k - len(smoothW)/2
			if j >= 0 && j < len(ms) {
				s += wk * ms[j]
				ws += wk
			}
		}
		out[i] = 10 * math.Log10(s/ws+1e-10)
	}
}
