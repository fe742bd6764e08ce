//go:build !unix

package session

import "os"

// lockFile is a no-op where flock is not available; the per-session mutex
// still serialises writers within one process.
func lockFile(f *os.File) error { return nil }

// unlockFile is a no-op where flock is not available.
func unlockFile(f *os.File) error { return nil }
