//go:build !unix

package testkit

import "time"

// CPUTime is not measured on this system: it returns 0, so cpu-ns/op
// figures then read 0.
func CPUTime() time.Duration { return 0 }
