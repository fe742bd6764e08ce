package audio

import "math"

// Pitch search range and the voicing test, after common practice for
// adult speech (Praat's defaults are 75–600 Hz; 400 Hz covers speech).
const (
	minPitchHz = 75
	maxPitchHz = 400
	// voicedClarity is the normalised autocorrelation a frame needs at
	// its best lag to count as voiced.
	voicedClarity = 0.5
)

// pitchTrack holds a signal low-passed and decimated to about 4 kHz, enough
// for fundamental frequencies up to 400 Hz, so that autocorrelation is cheap.
type pitchTrack struct {
	x    []float32
	rate float64
	win  int // analysis window in decimated samples (~32 ms)
}

// newPitchTrack decimates mono samples by box-averaging groups of them.
func newPitchTrack(mono []int16, rate int) *pitchTrack {
	k := max(rate/4000, 1)
	out := make([]float32, len(mono)/k)
	scale := 1 / (32768 * float32(k))
	for i := range out {
		var s int
		for _, v := range mono[i*k : i*k+k] {
			s += int(v)
		}
		out[i] = float32(s) * scale
	}
	r := float64(rate) / float64(k)
	return &pitchTrack{x: out, rate: r, win: int(0.032 * r)}
}

// at estimates the pitch (Hz) and clarity (0..1, the normalised
// autocorrelation at the chosen lag) of the window centred at sec. The
// smallest lag whose correlation is within 10% of the best is chosen,
// which avoids octave-down errors. f0 is 0 when the window is unvoiced.
func (p *pitchTrack) at(sec float64) (f0, clarity float64) {
	minLag := int(p.rate / maxPitchHz)
	maxLag := int(math.Ceil(p.rate / minPitchHz))
	c := int(sec * p.rate)
	a := c - p.win/2
	if a < 0 || a+p.win+maxLag+1 > len(p.x) {
		return 0, 0
	}
	w := p.x[a : a+p.win+maxLag+1]
	n := p.win
	var e0 float64
	for _, v := range w[:n] {
		e0 += float64(v) * float64(v)
	}
	if e0 < 1e-9 {
		return 0, 0
	}
	var rs [128]float64
	if maxLag+1 >= len(rs) {
		return 0, 0
	}
	best := 0.0
	// running energy of the lagged window
	var el float64
	for _, v := range w[minLag : minLag+n] {
		el += float64(v) * float64(v)
	}
	for lag := minLag; lag <= maxLag; lag++ {
		var s float64
		for i, v := range w[:n] {
			s += float64(v) * float64(w[i+lag])
		}
		r := 0.0
		if el > 0 {
			r = s / math.Sqrt(e0*el)
		}
		rs[lag] = r
		best = max(best, r)
		out, in := float64(w[lag]), float64(w[lag+n])
		el += in*in - out*out
	}
	if best < voicedClarity {
		return 0, best
	}
	for lag := minLag + 1; lag < maxLag; lag++ {
		r := rs[lag]
		if r >= 0.9*best && r >= rs[lag-1] && r >= rs[lag+1] {
			// parabolic interpolation of the peak
			d := rs[lag-1] - 2*r + rs[lag+1]
			off := 0.0
			if d < 0 {
				off = 0.5 * (rs[lag-1] - rs[lag+1]) / d
			}
			return p.rate / (float64(lag) + off), r
		}
	}
	return 0, best
}
