package audio

import (
	"math"
	"testing"
)

// initSystem initialises PortAudio after the ALSA config is in place, and
// skips when PortAudio finds no device at all.
func initSystem(t testing.TB) *System {
	t.Helper()
	sys, err := Init()
	if err != nil {
		t.Skipf("PortAudio cannot initialise here: %v", err)
	}
	t.Cleanup(func() { sys.Close() })
	devs, err := sys.Devices()
	if err != nil {
		t.Fatal(err)
	}
	if len(devs) == 0 {
		t.Skip("PortAudio lists no devices at all")
	}
	return sys
}

// correlation is the normalized cross-correlation of a and b at lag 0 over
// their common length.
func correlation(a, b []int16) float64 {
	n := min(len(a), len(b))
	var ab, aa, bb float64
	for i := 0; i < n; i++ {
		x, y := float64(a[i]), float64(b[i])
		ab += x * y
		aa += x * x
		bb += y * y
	}
	if aa == 0 || bb == 0 {
		return 0
	}
	return ab / math.Sqrt(aa*bb)
}

// bestCorrelation searches lags within ±maxLag.
func bestCorrelation(a, b []int16, maxLag int) (float64, int) {
	best, lag := -2.0, 0
	for l := -maxLag; l <= maxLag; l++ {
		var c float64
		if l >= 0 {
			c = correlation(a[l:], b)
		} else {
			c = correlation(a, b[-l:])
		}
		if c > best {
			best, lag = c, l
		}
	}
	return best, lag
}
