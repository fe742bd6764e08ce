package session

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strings"
	"time"
)

// maxIDLen bounds session, take and note ids.
const maxIDLen = 64

// newID returns a time-sortable id with a random suffix, e.g.
// "20261127-020435-9f3ab1c2".
func newID(now time.Time) string {
	return now.UTC().Format("20060102-150405") + "-" + randHex(4)
}

// randHex returns n random bytes as hex.
func randHex(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		// crypto/rand does not fail on supported systems; fall back to time.
		return fmt.Sprintf("%0*x", 2*n, time.Now().UnixNano())[:2*n]
	}
	return hex.EncodeToString(b)
}

// windowsReserved are device names Windows will not use as file names,
// whatever the extension.
var windowsReserved = map[string]bool{"CON": true, "PRN": true, "AUX": true, "NUL": true,
	"COM1": true, "COM2": true, "COM3": true, "COM4": true, "COM5": true, "COM6": true, "COM7": true, "COM8": true, "COM9": true,
	"LPT1": true, "LPT2": true, "LPT3": true, "LPT4": true, "LPT5": true, "LPT6": true, "LPT7": true, "LPT8": true, "LPT9": true}

// validID reports whether id is safe to use as a folder or file name on
// every system: 1..64 characters of [A-Za-z0-9._-], starting with a letter
// or digit, not ending in a dot, with no "..", and not a Windows device
// name (CON, NUL, COM1...).
func validID(id string) bool {
	if id == "" || len(id) > maxIDLen {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		case (c == '.' || c == '_' || c == '-') && i > 0:
		default:
			return false
		}
	}
	stem, _, _ := strings.Cut(id, ".")
	return !strings.Contains(id, "..") && !strings.HasSuffix(id, ".") && !windowsReserved[strings.ToUpper(stem)]
}

// validAudioName reports whether name is a plain WAV file name (no path
// separator, no drive letter, valid id characters, ending in .wav).
func validAudioName(name string) bool {
	base, ok := strings.CutSuffix(name, ".wav")
	return ok && validID(base)
}

// checkID returns an error naming what when id is not a valid id.
func checkID(what, id string) error {
	if !validID(id) {
		return fmt.Errorf("%s id %q is not valid (1-64 of A-Z a-z 0-9 . _ -, starting with a letter or digit)", what, id)
	}
	return nil
}
