package testkit

import (
	"math"
	"math/rand/v2"
)

// Sine is n samples of a sine of freq Hz at rate, amplitude amp.
func Sine(freq float64, rate, n int, amp float64) []int16 {
	s := make([]int16, n)
	for i := range s {
		s[i] = int16(amp * math.Sin(2*math.Pi*freq*float64(i)/float64(rate)))
	}
	return s
}

// Noise is n samples of full-scale white noise, the same for a seed.
func Noise(n int, seed uint64) []int16 {
	r := rand.New(rand.NewPCG(seed, 1))
	s := make([]int16, n)
	for i := range s {
		s[i] = int16(r.IntN(65536) - 32768)
	}
	return s
}
