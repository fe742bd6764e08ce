//go:build unix

package session

import (
	"syscall"
	"time"
)

// cpuTime returns the process's user+system CPU time, to report next to
// wall time on a machine shared with other work.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
