package session

import (
	"io"

	"github.com/rehearse-app/rehearse/internal/atomicfile"
)

// WriteFile writes a file for the user (an export, an imported question
// file) the way the library writes its own: through a temporary file in the
// same folder, fsync and rename, so path holds the old content or the whole
// new one. The file is readable by others (0644).
func WriteFile(path string, write func(io.Writer) error) error {
	return atomicfile.Write(path, 0o644, write)
}
