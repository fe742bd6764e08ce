package testkit

import (
	"runtime"
	"testing"
)

func TestCPUTimeAdvances(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" {
		t.Skip("not measured here")
	}
	t0 := CPUTime()
	x := 0
	for i := 0; i < 50_000_000; i++ {
		x += i % 7
	}
	if CPUTime() <= t0 || x == 0 {
		t.Fatalf("CPU time did not advance: %v", t0)
	}
}
