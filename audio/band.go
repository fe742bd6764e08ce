package audio

import "math"

// sylBand is the band (Hz) whose intensity carries the syllable nuclei:
// vowels' first formants and the low second ones. Low-frequency voicing
// (nasals, voiced consonants) and high-frequency frication fill the dips
// between syllables in the whole-band contour, or add peaks of their own.
// Chosen on the dev half of the speech-rate evidence among a handful of
// bands by the detected syllable count against a hand count
// (audio/speechrate_test.go); the whole band counted 10–34% too many on
// espeak-ng, 300–2000 Hz within 5%.
var sylBand = [2]float64{300, 2000}

// bandContour is the smoothed dB intensity per frame of x band-passed to
// sylBand (two second-order Butterworth sections each side).
// The low-pass edge stays below 45% of the sample rate (a recording at
// 3 kHz keeps 300–1350 Hz); a filter is left out when its edge would not be.
func bandContour(x []int16, fr frameBounds) []float64 {
	fs := float64(fr.rate)
	nf := fr.count()
	pass := &biquad{b0: 1}
	hp, hp2, lp, lp2 := pass, pass, pass, pass
	if lo := sylBand[0]; lo < 0.45*fs {
		hp, hp2 = newBiquadHP(lo, fs), newBiquadHP(lo, fs)
	}
	if hi := min(sylBand[1], 0.45*fs); hi > sylBand[0] {
		lp, lp2 = newBiquadLP(hi, fs), newBiquadLP(hi, fs)
	}
	ms := make([]float64, nf)
	for i := range nf {
		a, b := fr.at(i)
		var e float64
		for _, v := range x[a:b] {
			y := lp2.step(lp.step(hp2.step(hp.step(float64(v) / 32768))))
			e += y * y
		}
		ms[i] = e / float64(b-a)
	}
	out := make([]float64, nf)
	smoothedDB(out, ms)
	return out
}

// biquad is a second-order IIR section in transposed direct form II.
type biquad struct{ b0, b1, b2, a1, a2, z1, z2 float64 }

// step filters one sample.
func (q *biquad) step(x float64) float64 {
	y := q.b0*x + q.z1
	q.z1 = q.b1*x - q.a1*y + q.z2
	q.z2 = q.b2*x - q.a2*y
	return y
}

// newBiquadLP is a Butterworth low-pass at fc for sample rate fs (the
// audio EQ cookbook's coefficients, Q = 1/√2).
func newBiquadLP(fc, fs float64) *biquad {
	w := 2 * math.Pi * fc / fs
	al := math.Sin(w) / math.Sqrt2 // Q = 1/√2
	c := math.Cos(w)
	a0 := 1 + al
	return &biquad{b0: (1 - c) / 2 / a0, b1: (1 - c) / a0, b2: (1 - c) / 2 / a0, a1: -2 * c / a0, a2: (1 - al) / a0}
}

// newBiquadHP is the matching Butterworth high-pass.
func newBiquadHP(fc, fs float64) *biquad {
	w := 2 * math.Pi * fc / fs
	al := math.Sin(w) / math.Sqrt2 // Q = 1/√2
	c := math.Cos(w)
	a0 := 1 + al
	return &biquad{b0: (1 + c) / 2 / a0, b1: -(1 + c) / a0, b2: (1 + c) / 2 / a0, a1: -2 * c / a0, a2: (1 - al) / a0}
}
