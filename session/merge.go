package session

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
)

// mergeBundle merges a validated bundle (its WAVs extracted to tmp) into
// the existing session with the same id: takes the library lacks are added
// with their audio, notes are added by id, and nothing the library has is
// overwritten.
func (s *Store) mergeBundle(in *Session, tmp, path string) (ImportResult, error) {
	id := in.ID
	h, err := s.lockSession(id)
	if err != nil {
		return ImportResult{}, fmt.Errorf("session: import %s: %w", path, err)
	}
	defer h.unlock()
	local, err := s.load(id)
	if err != nil {
		return ImportResult{}, fmt.Errorf("session: import %s: session %s exists in the library but cannot be merged into: %w", path, id, err)
	}
	res := ImportResult{SessionID: id}
	dir := s.Dir(id)
	var moved []string
	undo := func() {
		for _, p := range moved {
			os.Remove(p)
		}
	}
	for _, tk := range in.Takes {
		if lt := local.Take(tk.ID); lt != nil {
			if !reflect.DeepEqual(*lt, tk) {
				res.Conflicts = append(res.Conflicts, Conflict{Kind: "take", ID: tk.ID,
					Reason: "the library's take differs from the bundle's; the library's was kept"})
			}
			continue
		}
		name := tk.Audio
		for i := 0; fileExists(filepath.Join(dir, name)) || local.hasAudio(name); i++ {
			if i > 10 {
				undo()
				return ImportResult{}, fmt.Errorf("session: import %s: no free file name for take %s in %s", path, tk.ID, dir)
			}
			name = freshID(tk.ID, "imp") + ".wav"
		}
		dst := filepath.Join(dir, name)
		if err := os.Rename(filepath.Join(tmp, tk.Audio), dst); err != nil {
			undo()
			return ImportResult{}, fmt.Errorf("session: import %s: %w", path, err)
		}
		moved = append(moved, dst)
		tk.Audio = name
		local.Takes = append(local.Takes, tk)
		res.TakesAdded++
		if q := in.Question(tk.QuestionID); q != nil && local.Question(q.ID) == nil {
			local.Questions = append(local.Questions, *q)
		}
	}
	for _, n := range in.Notes {
		if ln := local.Note(n.ID); ln != nil {
			if sameNote(*ln, n) {
				res.NotesUnchanged++
				continue
			}
			old := n.ID
			for local.Note(n.ID) != nil || in.Note(n.ID) != nil {
				n.ID = freshID(old, "imp")
			}
			res.Conflicts = append(res.Conflicts, Conflict{Kind: "note", ID: old, KeptAs: n.ID,
				Reason: "the library has a different note with this id; both are kept"})
		}
		local.Notes = append(local.Notes, n)
		res.NotesAdded++
	}
	if res.TakesAdded == 0 && res.NotesAdded == 0 {
		return res, nil
	}
	local.Updated = s.opt.Now()
	if err := s.save(local); err != nil {
		undo()
		return ImportResult{}, fmt.Errorf("session: import %s: %w", path, err)
	}
	return res, nil
}

// sameNote reports whether two notes say the same thing (times aside).
func sameNote(a, b Note) bool {
	return a.TakeID == b.TakeID && a.Author == b.Author && a.Tag == b.Tag && a.Text == b.Text &&
		a.Start == b.Start && a.End == b.End && a.Time == b.Time
}

// hasAudio reports whether a take of the session uses the audio file name.
func (s *Session) hasAudio(name string) bool {
	return slices.ContainsFunc(s.Takes, func(tk Take) bool { return tk.Audio == name })
}

// freshID derives a new valid id from base: base-<tag>-<random>.
func freshID(base, tag string) string {
	suffix := "-" + tag + "-" + randHex(3)
	if len(base)+len(suffix) > maxIDLen {
		base = base[:maxIDLen-len(suffix)]
	}
	return base + suffix
}

func fileExists(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}
