//go:build unix

package testkit

import (
	"syscall"
	"time"
)

// CPUTime returns the process's user plus system CPU time, for benchmarks
// to report next to wall time on a machine shared with other work.
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
