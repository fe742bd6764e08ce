package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/gofrs/flock"
)

// instanceLockName is the lock file the desktop app holds in its data
// folder while it runs, so a second window can't record into the same
// library at the same time.
const instanceLockName = "rehearse.lock"

// errAlreadyOpen is returned when another desktop app holds the data
// folder's lock.
var errAlreadyOpen = errors.New("Rehearse is already open")

// lockInstance takes the data folder's single-instance lock (an OS file
// lock, released by the OS if the process dies) and writes this process's
// id into it. A second caller gets errAlreadyOpen with the holder's pid.
func lockInstance(root string) (release func(), err error) {
	if err := os.MkdirAll(root, 0o755); err != nil {
		return nil, fmt.Errorf("creating the data folder: %w", err)
	}
	path := filepath.Join(root, instanceLockName)
	lk := flock.New(path)
	ok, err := lk.TryLock()
	if err != nil {
		return nil, fmt.Errorf("locking %s: %w", path, err)
	}
	if !ok {
		// On Windows the lock also stops reads: then there is no pid to show.
		if b, rerr := os.ReadFile(path); rerr == nil {
			if pid, perr := strconv.Atoi(strings.TrimSpace(string(b))); perr == nil && pid > 0 {
				return nil, fmt.Errorf("%w (pid %d) with the library in %s; switch to that window, or close it first", errAlreadyOpen, pid, root)
			}
		}
		return nil, fmt.Errorf("%w with the library in %s; switch to that window, or close it first", errAlreadyOpen, root)
	}
	// The pid is only for the message above; the lock is what counts, so
	// a failure to write it (Windows' lock stops other handles) is ignored.
	_ = os.WriteFile(path, []byte(strconv.Itoa(os.Getpid())+"\n"), 0o600)
	return func() { lk.Unlock() }, nil
}
