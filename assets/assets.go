// Package assets holds the data embedded in the Rehearse binary: the built-in
// question bank, the built-in review rules, the interviewer model's prompts
// and the app icon.
package assets

import (
	"embed"
	"io/fs"
)

//go:embed questions/*.yaml
var questions embed.FS

//go:embed rules/*.yaml
var rules embed.FS

//go:embed prompts/*.tmpl
var prompts embed.FS

//go:embed icon.png
var icon []byte

// Questions returns the built-in question bank: the files questions/*.yaml.
func Questions() fs.FS { return questions }

// Rules returns the built-in review rules: the files rules/*.yaml.
func Rules() fs.FS { return rules }

// Prompts returns the interviewer model's prompt templates: the files
// prompts/*.tmpl, at the root of the returned file system.
func Prompts() fs.FS {
	sub, err := fs.Sub(prompts, "prompts")
	if err != nil { // cannot happen: "prompts" is a valid path
		panic(err)
	}
	return sub
}

// Icon returns the app icon as PNG bytes.
func Icon() []byte { return icon }
