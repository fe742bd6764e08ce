package session

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"sync"

	"github.com/gofrs/flock"
)

// lockHandle is a held session lock: the in-process mutex and the
// cross-process file lock on <dir>/.lock.
type lockHandle struct {
	m  *sync.Mutex
	fl *flock.Flock
}

// releaseFile drops the file lock (keeping the mutex), so the session
// folder can be moved on systems that refuse to move open files.
func (h *lockHandle) releaseFile() {
	if h.fl != nil {
		h.fl.Unlock() // also closes the file
		h.fl = nil
	}
}

// unlock releases the whole lock.
func (h *lockHandle) unlock() {
	h.releaseFile()
	h.m.Unlock()
}

// lockSession serialises writers of one session: a mutex within the
// process and an exclusive lock on <dir>/.lock between processes (the app
// and `rehearse import`), taken with flock on Unix and LockFileEx on
// Windows. It waits while another process holds the lock.
func (s *Store) lockSession(id string) (*lockHandle, error) {
	m := s.sessionMutex(id)
	m.Lock()
	path := filepath.Join(s.Dir(id), lockName)
	fl := flock.New(path, flock.SetPermissions(0o644))
	if err := fl.Lock(); err != nil {
		m.Unlock()
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("session %s: %w", id, ErrNotFound)
		}
		return nil, fmt.Errorf("session %s: lock %s: %w", id, path, err)
	}
	return &lockHandle{m: m, fl: fl}, nil
}
