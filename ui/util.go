package ui

import (
	"path/filepath"
	"strings"
)

func baseName(path string) string { return filepath.Base(path) }

func joinLines(lines []string) string { return strings.Join(lines, "\n") }
