package session

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// writeAtomic writes a file by calling write on a temporary file in the same
// directory, syncing it, renaming it over path and syncing the directory.
// When write or any step fails, the file at path is left as it was and the
// temporary file is removed.
func writeAtomic(path string, perm os.FileMode, write func(io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if err = write(f); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = f.Chmod(perm); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("write %s: sync: %w", path, err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("write %s: close: %w", path, err)
	}
	if err = os.Rename(tmp, path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	syncDir(dir)
	return nil
}

// writeFileAtomic writes data to path atomically (see writeAtomic).
func writeFileAtomic(path string, data []byte, perm os.FileMode) error {
	return writeAtomic(path, perm, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// syncDir fsyncs a directory so a rename in it survives a power cut. Some
// systems (Windows) cannot open a directory for syncing; that is not an
// error worth failing a save for.
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	_ = d.Sync()
	d.Close()
}

// WriteFile writes a file for the user (an export, an imported question
// file) the way the library writes its own: through a temporary file in the
// same folder, fsync and rename, so path holds the old content or the whole
// new one. The file is readable by others (0644).
func WriteFile(path string, write func(io.Writer) error) error {
	return writeAtomic(path, 0o644, write)
}
