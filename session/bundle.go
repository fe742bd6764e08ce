package session

import (
	"archive/zip"
	"fmt"
	"io"
	"os"

	"github.com/rehearse-app/rehearse/internal/atomicfile"
)

// ExportBundle writes session sessID as a .zip bundle to w: session.json
// (deflated) and the takes' WAV files (stored; audio barely compresses).
// Each WAV is repaired first through Options.RepairWAV; a take whose WAV is
// missing fails the export with an error naming the file.
func (s *Store) ExportBundle(w io.Writer, sessID string) error {
	if err := checkID("session", sessID); err != nil {
		return fmt.Errorf("session: export bundle: %w", err)
	}
	// load, not Get: the WAVs are repaired below, where a failure counts.
	sess, err := s.load(sessID)
	if err != nil {
		return err
	}
	data, err := marshalSession(sess)
	if err != nil {
		return fmt.Errorf("session %s: export bundle: %w", sessID, err)
	}
	zw := zip.NewWriter(w)
	hdr := &zip.FileHeader{Name: sessionFile, Method: zip.Deflate, Modified: sess.Updated}
	hdr.SetMode(0o644)
	fw, err := zw.CreateHeader(hdr)
	if err != nil {
		return fmt.Errorf("session %s: export bundle: %w", sessID, err)
	}
	if _, err := fw.Write(data); err != nil {
		return fmt.Errorf("session %s: export bundle: %w", sessID, err)
	}
	for _, tk := range sess.Takes {
		path := s.TakePath(sess, tk)
		if err := s.repair(path); err != nil {
			return fmt.Errorf("session %s: export bundle: %w", sessID, err)
		}
		if err := addFileToZip(zw, path, tk.Audio); err != nil {
			return fmt.Errorf("session %s: export bundle: take %s: %w", sessID, tk.ID, err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("session %s: export bundle: %w", sessID, err)
	}
	return nil
}

// addFileToZip stores the file at path in zw under name.
func addFileToZip(zw *zip.Writer, path, name string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	hdr := &zip.FileHeader{Name: name, Method: zip.Store, Modified: fi.ModTime()}
	hdr.SetMode(0o644)
	fw, err := zw.CreateHeader(hdr)
	if err != nil {
		return err
	}
	if _, err := io.Copy(fw, f); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// ExportBundleFile writes the bundle of session sessID to path atomically.
func (s *Store) ExportBundleFile(path, sessID string) error {
	return atomicfile.Write(path, 0o644, func(w io.Writer) error { return s.ExportBundle(w, sessID) })
}
