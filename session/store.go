package session

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/rehearse-app/rehearse/internal/atomicfile"
	"github.com/rehearse-app/rehearse/review"
)

// File and folder names inside the storage root and a session folder.
const (
	sessionsDir = "sessions"
	trashDir    = "trash"
	tmpDir      = "tmp"
	indexFile   = "index.json"
	sessionFile = "session.json"
	lockName    = ".lock"
)

// ErrNotFound is returned (wrapped) when a session, take or note does not
// exist.
var ErrNotFound = errors.New("not found")

// Options hands the store what it needs from its neighbours. Every field is
// optional.
type Options struct {
	// RepairWAV brings a WAV file's header in line with its length, keeping
	// every whole frame (cmd wires audio.RepairWAV). Nil skips repair.
	RepairWAV func(path string) error
	// ValidateWAV checks an imported WAV file beyond the store's own RIFF
	// header check. Nil skips it.
	ValidateWAV func(path string) error
	// Now gives the current time; nil means time.Now.
	Now func() time.Time
	// Limits bounds what ImportBundle accepts; zero fields take the
	// defaults of DefaultLimits().
	Limits Limits
}

// Store is the library of sessions under one storage root. Its methods are
// safe for concurrent use; writes to one session are serialised by a
// per-session mutex and, between processes, by an advisory lock file.
type Store struct {
	root string
	opt  Options

	mu       sync.Mutex
	locks    map[string]*sync.Mutex // per-session write locks
	dirty    map[string]bool        // sessions written since the last List
	repaired map[string]fileStamp   // WAVs already passed to RepairWAV

	indexMu  sync.Mutex // serialises List and index.json writes
	idx      *indexDoc  // index.json as last read or written (under indexMu)
	idxStamp fileStamp  // ...and the stamp of that index.json
	search   map[string]searchDoc
}

// fileStamp identifies a version of a file by size and modification time.
type fileStamp struct {
	Size    int64 `json:"size"`
	ModTime int64 `json:"mtime"` // UnixNano
}

func stampOf(fi fs.FileInfo) fileStamp {
	return fileStamp{Size: fi.Size(), ModTime: fi.ModTime().UnixNano()}
}

// Open opens (creating when needed) the library under root. It fails with
// an error naming the folder when root cannot be created or written.
func Open(root string, opt Options) (*Store, error) {
	if root == "" {
		return nil, errors.New("session: open: empty storage root")
	}
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, fmt.Errorf("session: open %s: %w", root, err)
	}
	for _, d := range []string{sessionsDir, trashDir, tmpDir} {
		p := filepath.Join(abs, d)
		if err := os.MkdirAll(p, 0o755); err != nil {
			return nil, fmt.Errorf("session: open library %s: cannot create folder %s: %w", abs, p, err)
		}
	}
	probe, err := os.CreateTemp(filepath.Join(abs, sessionsDir), ".probe-*")
	if err != nil {
		return nil, fmt.Errorf("session: open library %s: folder %s is not writable: %w", abs, filepath.Join(abs, sessionsDir), err)
	}
	probe.Close()
	os.Remove(probe.Name())
	if opt.Now == nil {
		opt.Now = time.Now
	}
	opt.Limits = opt.Limits.withDefaults()
	s := &Store{
		root:     abs,
		opt:      opt,
		locks:    map[string]*sync.Mutex{},
		dirty:    map[string]bool{},
		repaired: map[string]fileStamp{},
		search:   map[string]searchDoc{},
	}
	s.cleanTmp()
	return s, nil
}

// Root returns the absolute storage root.
func (s *Store) Root() string { return s.root }

// Dir returns the folder of session id.
func (s *Store) Dir(id string) string { return filepath.Join(s.root, sessionsDir, id) }

func (s *Store) sessionPath(id string) string { return filepath.Join(s.Dir(id), sessionFile) }

// TakePath returns the absolute path of a take's WAV file.
func (s *Store) TakePath(sess *Session, take Take) string {
	return filepath.Join(s.Dir(sess.ID), take.Audio)
}

// cleanTmp removes import leftovers older than an hour (a crash mid-import).
func (s *Store) cleanTmp() {
	dir := filepath.Join(s.root, tmpDir)
	ents, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	cut := s.opt.Now().Add(-time.Hour)
	for _, e := range ents {
		if fi, err := e.Info(); err == nil && fi.ModTime().Before(cut) {
			os.RemoveAll(filepath.Join(dir, e.Name()))
		}
	}
}

// sessionMutex returns the in-process write lock of session id.
func (s *Store) sessionMutex(id string) *sync.Mutex {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.locks[id]
	if m == nil {
		m = &sync.Mutex{}
		s.locks[id] = m
	}
	return m
}

// Create starts a new session with a snapshot of the questions to be asked.
func (s *Store) Create(title string, questions []review.Question) (*Session, error) {
	now := s.opt.Now()
	var id string
	for i := 0; ; i++ {
		id = newID(now)
		err := os.Mkdir(s.Dir(id), 0o755)
		if err == nil {
			break
		}
		if !errors.Is(err, fs.ErrExist) || i > 10 {
			return nil, fmt.Errorf("session: create %s: %w", s.Dir(id), err)
		}
	}
	sess := &Session{
		SchemaVersion: SchemaVersion,
		ID:            id,
		Title:         title,
		Created:       now,
		Updated:       now,
		Questions:     append([]review.Question(nil), questions...),
	}
	if err := s.save(sess); err != nil {
		os.RemoveAll(s.Dir(id))
		return nil, err
	}
	return sess, nil
}

// Get loads a session. Takes whose WAV header disagrees with the file's
// length are repaired through Options.RepairWAV (errors there do not fail
// Get; OpenTakeAudio reports them).
func (s *Store) Get(id string) (*Session, error) {
	if err := checkID("session", id); err != nil {
		return nil, fmt.Errorf("session: get: %w", err)
	}
	sess, err := s.load(id)
	if err != nil {
		return nil, err
	}
	for _, tk := range sess.Takes {
		s.repair(s.TakePath(sess, tk))
	}
	return sess, nil
}

// load reads and checks session.json of id.
func (s *Store) load(id string) (*Session, error) { return s.loadWith(id, decodeSession) }

// loadHead is load without the takes' transcripts, for the library index
// and for finding a take.
func (s *Store) loadHead(id string) (*Session, error) { return s.loadWith(id, decodeSessionHead) }

// loadWith reads session.json of id and decodes it with decode.
func (s *Store) loadWith(id string, decode func([]byte) (*Session, error)) (*Session, error) {
	path := s.sessionPath(id)
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			if _, derr := os.Stat(s.Dir(id)); derr != nil {
				return nil, fmt.Errorf("session %s: %w", id, ErrNotFound)
			}
			return nil, &DamagedError{Path: path, Problem: "session.json is missing"}
		}
		return nil, fmt.Errorf("session %s: read %s: %w", id, path, err)
	}
	sess, err := decode(data)
	if err != nil {
		return nil, &DamagedError{Path: path, Problem: err.Error()}
	}
	if sess.ID != id {
		return nil, &DamagedError{Path: path, Problem: fmt.Sprintf("field id is %q but the folder is %q", sess.ID, id)}
	}
	return sess, nil
}

// DamagedError reports a session.json that cannot be used: missing, not
// valid JSON, of an unknown schema, or with invalid fields.
type DamagedError struct {
	Path    string
	Problem string
}

// Error says which file is damaged and how.
func (e *DamagedError) Error() string { return "session: damaged " + e.Path + ": " + e.Problem }

// decodeSession parses and validates session.json bytes.
func decodeSession(data []byte) (*Session, error) {
	var sess Session
	if err := json.Unmarshal(data, &sess); err != nil {
		return nil, describeJSONError(data, err)
	}
	if err := validateSession(&sess); err != nil {
		return nil, err
	}
	return &sess, nil
}

// skipValue is a JSON value the decoder scans past without building it.
type skipValue struct{}

// UnmarshalJSON ignores the value.
func (*skipValue) UnmarshalJSON([]byte) error { return nil }

// sessionHead is session.json without the takes' transcripts (the bulk of
// the file), which the library listing does not need.
type sessionHead struct {
	Session
	Takes []struct {
		Take
		Transcript *skipValue `json:"transcript,omitempty"`
	} `json:"takes"`
}

// decodeSessionHead parses and validates session.json bytes, leaving every
// take's Transcript nil.
func decodeSessionHead(data []byte) (*Session, error) {
	var h sessionHead
	if err := json.Unmarshal(data, &h); err != nil {
		return nil, describeJSONError(data, err)
	}
	sess := h.Session
	sess.Takes = make([]Take, len(h.Takes))
	for i, t := range h.Takes {
		sess.Takes[i] = t.Take
	}
	if err := validateSession(&sess); err != nil {
		return nil, err
	}
	return &sess, nil
}

// describeJSONError adds the line and column to a JSON error.
func describeJSONError(data []byte, err error) error {
	var off int64 = -1
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		off = se.Offset
	case errors.As(err, &te):
		off = te.Offset
	}
	if off < 0 || off > int64(len(data)) {
		return fmt.Errorf("invalid JSON: %w", err)
	}
	line := 1 + bytes.Count(data[:off], []byte("\n"))
	col := off - int64(bytes.LastIndexByte(data[:off], '\n'))
	return fmt.Errorf("invalid JSON at line %d, column %d: %w", line, col, err)
}

// validateSession checks the fields a session needs to be used safely.
func validateSession(sess *Session) error {
	if sess.SchemaVersion < 1 || sess.SchemaVersion > SchemaVersion {
		return fmt.Errorf("field schema_version is %d; this version of Rehearse reads 1..%d", sess.SchemaVersion, SchemaVersion)
	}
	if err := checkID("session", sess.ID); err != nil {
		return fmt.Errorf("field id: %w", err)
	}
	takes := map[string]bool{}
	audio := map[string]bool{}
	for i, tk := range sess.Takes {
		if err := checkID("take", tk.ID); err != nil {
			return fmt.Errorf("field takes[%d].id: %w", i, err)
		}
		if takes[tk.ID] {
			return fmt.Errorf("field takes[%d].id: duplicate take id %q", i, tk.ID)
		}
		takes[tk.ID] = true
		if !validAudioName(tk.Audio) {
			return fmt.Errorf("field takes[%d].audio: %q is not a plain .wav file name", i, tk.Audio)
		}
		if audio[tk.Audio] {
			return fmt.Errorf("field takes[%d].audio: %q is used by two takes", i, tk.Audio)
		}
		audio[tk.Audio] = true
		if tk.Duration < 0 {
			return fmt.Errorf("field takes[%d].duration: negative (%g)", i, tk.Duration)
		}
	}
	notes := map[string]bool{}
	for i, n := range sess.Notes {
		if err := checkNote(n, takes); err != nil {
			return fmt.Errorf("field notes[%d]: %w", i, err)
		}
		if notes[n.ID] {
			return fmt.Errorf("field notes[%d].id: duplicate note id %q", i, n.ID)
		}
		notes[n.ID] = true
	}
	return nil
}

// save writes session.json atomically and marks the index entry stale.
func (s *Store) save(sess *Session) error {
	data, err := marshalSession(sess)
	if err != nil {
		return err
	}
	err = atomicfile.WriteFile(s.sessionPath(sess.ID), data, 0o644)
	s.markDirty(sess.ID)
	if err != nil {
		return fmt.Errorf("session %s: %w", sess.ID, err)
	}
	return nil
}

// marshalSession validates a session and encodes it as session.json.
func marshalSession(sess *Session) ([]byte, error) {
	if sess.Questions == nil {
		sess.Questions = []review.Question{}
	}
	if sess.Takes == nil {
		sess.Takes = []Take{}
	}
	if sess.Notes == nil {
		sess.Notes = []Note{}
	}
	if err := validateSession(sess); err != nil {
		return nil, fmt.Errorf("session %s: not saved: %w", sess.ID, err)
	}
	data, err := json.MarshalIndent(sess, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("session %s: not saved: %w", sess.ID, err)
	}
	return append(data, '\n'), nil
}

// Update loads session id, calls fn on it and saves the result atomically,
// all under the session's lock, so concurrent updates (the transcription
// queue and the UI) never lose each other's changes. When fn returns an
// error nothing is written and the error is returned.
func (s *Store) Update(id string, fn func(*Session) error) error {
	if err := checkID("session", id); err != nil {
		return fmt.Errorf("session: update: %w", err)
	}
	h, err := s.lockSession(id)
	if err != nil {
		return err
	}
	defer h.unlock()
	sess, err := s.load(id)
	if err != nil {
		return err
	}
	if err := fn(sess); err != nil {
		return err
	}
	sess.ID = id
	sess.SchemaVersion = SchemaVersion
	sess.Updated = s.opt.Now()
	return s.save(sess)
}

// Rename sets a session's title.
func (s *Store) Rename(id, title string) error {
	return s.Update(id, func(sess *Session) error {
		sess.Title = title
		return nil
	})
}

// Delete moves a session's folder to the library's trash folder
// (<root>/trash/<id>-<time>); the UI asks the user first. A damaged session
// can be deleted too.
func (s *Store) Delete(id string) error {
	if err := checkID("session", id); err != nil {
		return fmt.Errorf("session: delete: %w", err)
	}
	h, err := s.lockSession(id)
	if err != nil {
		return err
	}
	defer h.unlock()
	h.releaseFile()
	dst := filepath.Join(s.root, trashDir, id+"-"+s.opt.Now().UTC().Format("20060102T150405.000000000"))
	if err := os.Rename(s.Dir(id), dst); err != nil {
		return fmt.Errorf("session %s: delete: %w", id, err)
	}
	atomicfile.SyncDir(filepath.Join(s.root, sessionsDir))
	s.markDirty(id)
	return nil
}

// repair passes a take's WAV to Options.RepairWAV once per version of the
// file.
func (s *Store) repair(path string) error {
	if s.opt.RepairWAV == nil {
		return nil
	}
	fi, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("take audio %s: %w", path, err)
	}
	st := stampOf(fi)
	s.mu.Lock()
	done := s.repaired[path] == st
	s.mu.Unlock()
	if done {
		return nil
	}
	if err := s.opt.RepairWAV(path); err != nil {
		return fmt.Errorf("take audio %s: repair: %w", path, err)
	}
	if fi, err := os.Stat(path); err == nil {
		s.mu.Lock()
		s.repaired[path] = stampOf(fi)
		s.mu.Unlock()
	}
	return nil
}
