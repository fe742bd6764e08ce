package session

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/rehearse-app/rehearse/audio"
	"github.com/rehearse-app/rehearse/internal/atomicfile"
	"github.com/rehearse-app/rehearse/review"
)

// ErrRefused is wrapped by every ImportBundle error about the bundle itself
// (as opposed to an error of the library's disk).
var ErrRefused = errors.New("bundle refused")

// Limits bounds what ImportBundle accepts. Zero fields take the value of
// DefaultLimits().
type Limits struct {
	MaxEntries     int     // files in the bundle
	MaxEntryBytes  int64   // uncompressed size of one file
	MaxJSONBytes   int64   // uncompressed size of session.json
	MaxTotalBytes  int64   // uncompressed size of all files together
	MaxRatio       float64 // uncompressed/compressed size of one file...
	RatioFreeBytes int64   // ...checked only for files larger than this
}

// DefaultLimits returns the import limits used for zero fields of Limits:
// room for hours of 16 kHz mono audio, no room for a zip bomb.
func DefaultLimits() Limits { return defaultLimits }

var defaultLimits = Limits{
	MaxEntries:     257,
	MaxEntryBytes:  512 << 20, // 4.6 hours of 16 kHz mono 16-bit audio
	MaxJSONBytes:   32 << 20,
	MaxTotalBytes:  2 << 30,
	MaxRatio:       100,
	RatioFreeBytes: 1 << 20,
}

func (l Limits) withDefaults() Limits {
	d := defaultLimits
	if l.MaxEntries > 0 {
		d.MaxEntries = l.MaxEntries
	}
	if l.MaxEntryBytes > 0 {
		d.MaxEntryBytes = l.MaxEntryBytes
	}
	if l.MaxJSONBytes > 0 {
		d.MaxJSONBytes = l.MaxJSONBytes
	}
	if l.MaxTotalBytes > 0 {
		d.MaxTotalBytes = l.MaxTotalBytes
	}
	if l.MaxRatio > 0 {
		d.MaxRatio = l.MaxRatio
	}
	if l.RatioFreeBytes > 0 {
		d.RatioFreeBytes = l.RatioFreeBytes
	}
	return d
}

// ImportResult says what ImportBundle did.
type ImportResult struct {
	SessionID string
	// New is true when the bundle became a new session; false when it was
	// merged into an existing session with the same id.
	New bool
	// TakesAdded and NotesAdded count what a merge added; NotesUnchanged
	// counts notes the library already had with the same content.
	TakesAdded     int
	NotesAdded     int
	NotesUnchanged int
	// Conflicts lists what the bundle had differently from the library.
	// Nothing is overwritten: the library's version stays and the bundle's
	// note is added under a new id (KeptAs).
	Conflicts []Conflict
}

// Conflict is one note or take whose id exists in the library with other
// content.
type Conflict struct {
	Kind   string // "note" or "take"
	ID     string // the id in the bundle and the library
	KeptAs string // new id of the bundle's version, "" when it was not added
	Reason string
}

// refuse makes an error about the bundle.
func refuse(path, format string, args ...any) error {
	return fmt.Errorf("session: import %s: %w: %s", path, ErrRefused, fmt.Sprintf(format, args...))
}

// ImportBundle imports a bundle made by ExportBundle. A bundle whose
// session id is new becomes a new session; otherwise its notes (and any
// takes the library lacks) are merged into the existing session, nothing
// overwritten (see ImportResult.Conflicts).
//
// The bundle is untrusted: entries that are not a plain session.json or
// .wav file name, symlinks, duplicates, unexpected files, too many or too
// large entries and suspicious compression ratios are refused; session.json
// and every WAV are validated. Files are extracted to a temporary folder
// inside the library and moved into place only when every check passed, so
// a refused bundle writes nothing.
func (s *Store) ImportBundle(path string) (ImportResult, error) {
	f, err := os.Open(path)
	if err != nil {
		return ImportResult{}, fmt.Errorf("session: import: %w", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return ImportResult{}, fmt.Errorf("session: import: %w", err)
	}
	return s.importBundle(f, fi.Size(), path)
}

// checkEntryName returns why a zip entry name is unacceptable, or "".
func checkEntryName(name string) string {
	switch {
	case name == "":
		return "an entry has an empty name"
	case strings.ContainsRune(name, 0):
		return fmt.Sprintf("entry %q has a NUL byte in its name", name)
	case strings.HasPrefix(name, "/") || strings.HasPrefix(name, `\`):
		return fmt.Sprintf("entry %q has an absolute path", name)
	case len(name) >= 2 && name[1] == ':':
		return fmt.Sprintf("entry %q has a drive letter", name)
	case strings.Contains(name, `\`):
		return fmt.Sprintf("entry %q has a backslash in its path", name)
	case name == ".." || strings.HasPrefix(name, "../") || strings.Contains(name, "/../") || strings.HasSuffix(name, "/.."):
		return fmt.Sprintf("entry %q escapes the bundle folder (..)", name)
	case strings.Contains(name, "/"):
		return fmt.Sprintf("entry %q is in a subfolder; a bundle holds only session.json and .wav files", name)
	case name != sessionFile && !validAudioName(name):
		return fmt.Sprintf("unexpected file %q; a bundle holds only session.json and .wav files", name)
	}
	return ""
}

// importBundle does the work of ImportBundle.
func (s *Store) importBundle(r io.ReaderAt, size int64, path string) (ImportResult, error) {
	lim := s.opt.Limits
	zr, err := zip.NewReader(r, size)
	if errors.Is(err, zip.ErrInsecurePath) {
		err = nil // names are checked one by one below, with a precise reason
	}
	if err != nil {
		return ImportResult{}, refuse(path, "not a zip archive: %v", err)
	}
	if len(zr.File) > lim.MaxEntries {
		return ImportResult{}, refuse(path, "%d entries, more than the limit of %d", len(zr.File), lim.MaxEntries)
	}
	byName, err := bundleEntries(zr, lim, path)
	if err != nil {
		return ImportResult{}, err
	}
	sess, err := bundleSession(byName, lim, path)
	if err != nil {
		return ImportResult{}, err
	}

	tmp, err := os.MkdirTemp(filepath.Join(s.root, tmpDir), "import-")
	if err != nil {
		return ImportResult{}, fmt.Errorf("session: import %s: %w", path, err)
	}
	defer os.RemoveAll(tmp)
	if err := s.extractTakes(sess, byName, tmp, path); err != nil {
		return ImportResult{}, err
	}
	if _, err := os.Stat(s.Dir(sess.ID)); err == nil {
		return s.mergeBundle(sess, tmp, path)
	}
	data, err := marshalSession(sess)
	if err == nil {
		err = atomicfile.WriteFile(filepath.Join(tmp, sessionFile), data, 0o644)
	}
	if err != nil {
		return ImportResult{}, fmt.Errorf("session: import %s: %w", path, err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return ImportResult{}, fmt.Errorf("session: import %s: %w", path, err)
	}
	if err := os.Rename(tmp, s.Dir(sess.ID)); err != nil {
		if _, serr := os.Stat(s.Dir(sess.ID)); serr == nil {
			return s.mergeBundle(sess, tmp, path) // created meanwhile
		}
		return ImportResult{}, fmt.Errorf("session: import %s: %w", path, err)
	}
	atomicfile.SyncDir(filepath.Join(s.root, sessionsDir))
	s.markDirty(sess.ID)
	return ImportResult{SessionID: sess.ID, New: true, TakesAdded: len(sess.Takes), NotesAdded: len(sess.Notes)}, nil
}

// bundleEntries checks every entry of a bundle against the limits (names,
// kinds, duplicates, compression, sizes) and returns them by name.
func bundleEntries(zr *zip.Reader, lim Limits, path string) (map[string]*zip.File, error) {
	byName := map[string]*zip.File{}
	folded := map[string]string{}
	var total uint64
	for _, zf := range zr.File {
		name := zf.Name
		if why := checkEntryName(name); why != "" {
			return nil, refuse(path, "%s", why)
		}
		mode := zf.Mode()
		if mode&fs.ModeSymlink != 0 {
			return nil, refuse(path, "entry %q is a symbolic link", name)
		}
		if !mode.IsRegular() {
			return nil, refuse(path, "entry %q is not a regular file (mode %v)", name, mode)
		}
		if prev, ok := folded[strings.ToLower(name)]; ok {
			return nil, refuse(path, "duplicate entry %q (also %q)", name, prev)
		}
		folded[strings.ToLower(name)] = name
		byName[name] = zf
		if zf.Method != zip.Store && zf.Method != zip.Deflate {
			return nil, refuse(path, "entry %q uses unsupported compression method %d", name, zf.Method)
		}
		max := uint64(lim.MaxEntryBytes)
		if name == sessionFile {
			max = uint64(lim.MaxJSONBytes)
		}
		if zf.UncompressedSize64 > max {
			return nil, refuse(path, "entry %q is %d bytes uncompressed, more than the limit of %d", name, zf.UncompressedSize64, max)
		}
		if zf.UncompressedSize64 > uint64(lim.RatioFreeBytes) {
			if zf.CompressedSize64 == 0 || float64(zf.UncompressedSize64)/float64(zf.CompressedSize64) > lim.MaxRatio {
				return nil, refuse(path, "entry %q expands %d to %d bytes, a compression ratio above %g (zip bomb?)", name, zf.CompressedSize64, zf.UncompressedSize64, lim.MaxRatio)
			}
		}
		total += zf.UncompressedSize64
		if total > uint64(lim.MaxTotalBytes) {
			return nil, refuse(path, "more than %d bytes uncompressed in all", lim.MaxTotalBytes)
		}
	}
	return byName, nil
}

// bundleSession reads and checks a bundle's session.json: its transcripts
// within the limits, every take's audio in the bundle and no file left
// unused.
func bundleSession(byName map[string]*zip.File, lim Limits, path string) (*Session, error) {
	jf := byName[sessionFile]
	if jf == nil {
		return nil, refuse(path, "no session.json in the bundle")
	}
	data, err := readEntry(jf, lim.MaxJSONBytes)
	if err != nil {
		return nil, refuse(path, "session.json: %v", err)
	}
	sess, err := decodeSession(data)
	if err != nil {
		return nil, refuse(path, "session.json: %v", err)
	}
	for i, tk := range sess.Takes {
		// A take may have no transcript yet; one it has is held to the
		// limits of every transcript (size, words, text not binary).
		if tk.Transcript == nil {
			continue
		}
		if err := review.CheckTranscript(tk.Transcript); err != nil && !errors.Is(err, review.ErrEmptyTranscript) {
			return nil, refuse(path, "session.json: field takes[%d].transcript: %v", i, err)
		}
	}
	used := map[string]bool{}
	for i, tk := range sess.Takes {
		if byName[tk.Audio] == nil {
			return nil, refuse(path, "session.json: field takes[%d].audio: %q is not in the bundle", i, tk.Audio)
		}
		used[tk.Audio] = true
	}
	for name := range byName {
		if name != sessionFile && !used[name] {
			return nil, refuse(path, "unexpected file %q: no take in session.json uses it", name)
		}
	}
	return sess, nil
}

// extractTakes extracts a bundle's takes into tmp and checks each WAV file
// (audio.CheckWAVFile, then Options.ValidateWAV).
func (s *Store) extractTakes(sess *Session, byName map[string]*zip.File, tmp, path string) error {
	for _, tk := range sess.Takes {
		// Each file is extracted to exactly its header's size, and those
		// sizes were checked against the limits above.
		wp := filepath.Join(tmp, tk.Audio)
		if err := extractEntry(byName[tk.Audio], wp); err != nil {
			if errors.Is(err, ErrRefused) {
				return refuse(path, "%s: %v", tk.Audio, errors.Unwrap(err))
			}
			return fmt.Errorf("session: import %s: %s: %w", path, tk.Audio, err)
		}
		if err := audio.CheckWAVFile(wp, tk.Audio); err != nil {
			return refuse(path, "%v", err)
		}
		if s.opt.ValidateWAV != nil {
			if err := s.opt.ValidateWAV(wp); err != nil {
				return refuse(path, "%s: %v", tk.Audio, err)
			}
		}
	}
	return nil
}

// readEntry reads a zip entry whole, refusing more than max bytes.
func readEntry(zf *zip.File, max int64) ([]byte, error) {
	rc, err := zf.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("more than %d bytes", max)
	}
	return data, nil
}

// extractEntry copies a zip entry to a new file at dst, refusing a size
// (its header's size was checked against the limits) or checksum that
// disagrees with the entry's header. Errors about the entry wrap ErrRefused.
func extractEntry(zf *zip.File, dst string) error {
	size := int64(zf.UncompressedSize64)
	rc, err := zf.Open()
	if err != nil {
		return fmt.Errorf("%w: %v", ErrRefused, err)
	}
	defer rc.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	n, err := io.Copy(out, io.LimitReader(rc, size+1))
	if err != nil {
		out.Close()
		if isZipErr(err) {
			return fmt.Errorf("%w: %v", ErrRefused, err)
		}
		return err
	}
	if n != size {
		out.Close()
		return fmt.Errorf("%w: holds %d bytes, its header says %d", ErrRefused, n, size)
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// isZipErr reports whether err comes from reading a malformed entry.
func isZipErr(err error) bool {
	return errors.Is(err, zip.ErrFormat) || errors.Is(err, zip.ErrChecksum) || errors.Is(err, zip.ErrAlgorithm) ||
		errors.Is(err, io.ErrUnexpectedEOF) || strings.HasPrefix(err.Error(), "flate:")
}
