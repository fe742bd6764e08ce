package atomicfile

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// CreateTemp creates a new temporary file in path's folder, hidden and
// named after path (".NAME.tmp-RANDOM" plus path's extension, so tools that
// go by the extension still recognise it). The caller writes it and hands
// it to Commit, or removes it.
func CreateTemp(path string) (*os.File, error) {
	base := filepath.Base(path)
	return os.CreateTemp(filepath.Dir(path), "."+base+".tmp-*"+filepath.Ext(base))
}

// Commit makes the finished temporary file tmp the file at path: it syncs
// tmp, renames it over path and syncs the folder. tmp must be closed (or
// never have been open in this process). On failure tmp is removed and
// path is left as it was.
func Commit(tmp, path string) error {
	if err := syncFile(tmp); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", path, err)
	}
	SyncDir(filepath.Dir(path))
	return nil
}

// Write writes the file at path by calling write on a temporary file in
// the same folder, then gives it mode perm, syncs it, renames it over path
// and syncs the folder. When write or any step fails, the file at path is
// left as it was and the temporary file is removed.
func Write(path string, perm os.FileMode, write func(io.Writer) error) (err error) {
	f, err := CreateTemp(path)
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
	SyncDir(filepath.Dir(path))
	return nil
}

// WriteFile writes data to path atomically with mode perm (see Write).
func WriteFile(path string, data []byte, perm os.FileMode) error {
	return Write(path, perm, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// SyncDir fsyncs a folder so a rename in it survives a power cut. Some
// systems (Windows) cannot open a folder for syncing; that is not an error
// worth failing a save for, so errors are ignored.
func SyncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	_ = d.Sync()
	d.Close()
}

// syncFile opens the file at path and fsyncs it.
func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("sync %s: %w", path, err)
	}
	return nil
}
