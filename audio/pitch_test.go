package audio

import (
	"math"
	"math/rand"
	"testing"
)

func TestPitchTrack(t *testing.T) {
	const rate = 16000
	rng := rand.New(rand.NewSource(1))
	cases := []struct {
		name string
		gen  func(i int) float64
		want float64 // 0 = unvoiced
	}{
		{"120 Hz harmonic", func(i int) float64 { return harmonic(120, float64(i)/rate) }, 120},
		{"220 Hz sine", func(i int) float64 { return math.Sin(2 * math.Pi * 220 * float64(i) / rate) }, 220},
		{"90 Hz harmonic", func(i int) float64 { return harmonic(90, float64(i)/rate) }, 90},
		{"350 Hz sine", func(i int) float64 { return math.Sin(2 * math.Pi * 350 * float64(i) / rate) }, 350},
		{"white noise", func(int) float64 { return rng.NormFloat64() * 0.3 }, 0},
		{"silence", func(int) float64 { return 0 }, 0},
	}
	for _, c := range cases {
		x := make([]int16, rate/2)
		for i := range x {
			x[i] = int16(max(-32768, min(32767, 32767*c.gen(i))))
		}
		f0, cl := newPitchTrack(x, rate).at(0.25)
		if c.want == 0 {
			if f0 != 0 {
				t.Errorf("%s: f0 = %.1f (clarity %.2f), want unvoiced", c.name, f0, cl)
			}
			continue
		}
		if math.Abs(f0-c.want) > 0.03*c.want {
			t.Errorf("%s: f0 = %.1f (clarity %.2f), want %.0f", c.name, f0, cl, c.want)
		}
	}
}

// harmonic is a buzz at f0 with ten harmonics falling 6 dB per octave.
func harmonic(f0, t float64) float64 {
	var s float64
	for h := 1.0; h <= 10; h++ {
		s += math.Sin(2*math.Pi*f0*h*t) / h
	}
	return 0.3 * s
}
