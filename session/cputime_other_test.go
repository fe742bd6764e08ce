//go:build !unix

package session

import "time"

// cpuTime returns 0 where getrusage is not available, so the benchmarks
// report no CPU figure there (and the package's tests still build).
func cpuTime() time.Duration { return 0 }
