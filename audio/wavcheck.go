package audio

import (
	"fmt"
	"io"
	"os"
)

// CheckWAV checks that the size bytes read through r are a WAV file this
// package reads in full (see ReadWAV): a RIFF/WAVE header that does not
// claim more than the file holds, a 16-bit integer PCM fmt chunk, and a
// data chunk of whole frames that is all there. Errors name the file as
// name and wrap ErrNotWAV, ErrFormat or ErrTruncated. It is for files from
// elsewhere (an imported bundle) before they join the library.
func CheckWAV(r io.ReaderAt, size int64, name string) error {
	l, err := parseWAV(r, size, name)
	if err != nil {
		return err
	}
	if riffEnd := 8 + int64(l.riffSize); riffEnd > size {
		return fmt.Errorf("%s: %w: the RIFF header says %d bytes but the file has %d", name, ErrTruncated, riffEnd, size)
	}
	if int64(l.dataClaim) > l.dataAvail {
		return fmt.Errorf("%s: %w: data chunk claims %d bytes, file holds %d", name, ErrTruncated, l.dataClaim, l.dataAvail)
	}
	if int64(l.dataClaim)%int64(l.blockAlign) != 0 {
		return fmt.Errorf("%s: %w: data chunk of %d bytes is not a whole number of %d-byte frames", name, ErrFormat, l.dataClaim, l.blockAlign)
	}
	return nil
}

// CheckWAVFile is CheckWAV for the file at path, named in errors as name
// ("" names it by path).
func CheckWAVFile(path, name string) error {
	if name == "" {
		name = path
	}
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("checking WAV %s: %w", name, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return fmt.Errorf("checking WAV %s: %w", name, err)
	}
	return CheckWAV(f, fi.Size(), name)
}
