package testkit

import "math"

// Syllables is secs of speech-like sound at 16 kHz mono: voiced bursts (a
// 140 Hz buzz with its harmonics under a smooth envelope), perSecond of
// them a second, with a short breath every eighth. Delivery analysis finds
// one syllable nucleus in each burst.
func Syllables(secs, perSecond float64) []int16 {
	const rate = 16000
	out := make([]int16, int(secs*rate))
	step := 1 / perSecond
	for k, t := 0, 0.05; t+0.15 < secs; k, t = k+1, t+step {
		if k%8 == 7 {
			t += 0.35 // a breath
		}
		a, n := int(t*rate), int(0.15*rate)
		for i := 0; i < n && a+i < len(out); i++ {
			env := math.Sin(math.Pi * float64(i) / float64(n))
			ph := 2 * math.Pi * 140 * float64(a+i) / rate
			v := 0.0
			for h := 1; h <= 6; h++ {
				v += math.Sin(float64(h)*ph) / float64(h)
			}
			out[a+i] = int16(6000 * env * v)
		}
	}
	return out
}
