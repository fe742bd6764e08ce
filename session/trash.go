package session

import (
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// PurgeTrash permanently removes what Delete and DeleteTake moved to the
// library's trash folder before the given time, and returns how many items
// it removed.
func (s *Store) PurgeTrash(before time.Time) (int, error) {
	dir := filepath.Join(s.root, trashDir)
	ents, err := os.ReadDir(dir)
	if err != nil {
		return 0, fmt.Errorf("session: purge trash %s: %w", dir, err)
	}
	n := 0
	for _, e := range ents {
		fi, err := e.Info()
		if err != nil || !fi.ModTime().Before(before) {
			continue
		}
		p := filepath.Join(dir, e.Name())
		if err := os.RemoveAll(p); err != nil {
			return n, fmt.Errorf("session: purge trash: %w", err)
		}
		n++
	}
	return n, nil
}
