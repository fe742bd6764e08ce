//go:build unix

package session

import (
	"os"
	"syscall"
)

// lockFile takes an exclusive advisory lock on f, so two processes (the app
// and `rehearse import`) do not interleave their read-modify-write of one
// session.
func lockFile(f *os.File) error { return syscall.Flock(int(f.Fd()), syscall.LOCK_EX) }

// unlockFile releases the lock taken by lockFile.
func unlockFile(f *os.File) error { return syscall.Flock(int(f.Fd()), syscall.LOCK_UN) }
