package app

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/rehearse-app/rehearse/assets"
	"github.com/rehearse-app/rehearse/audio"
	"github.com/rehearse-app/rehearse/review"
	"github.com/rehearse-app/rehearse/session"
)

// LibraryDir is where the library of sessions lives under the data folder root.
func LibraryDir(root string) string { return filepath.Join(root, "library") }

// UserQuestionsDir is the folder of the user's own question files under root.
func UserQuestionsDir(root string) string { return filepath.Join(root, "questions") }

// UserRulesDir is the folder of the user's own review rule files under root.
func UserRulesDir(root string) string { return filepath.Join(root, "rules") }

// OpenLibrary opens the library of sessions under the data folder root.
// Recordings cut off by a crash are repaired as sessions are read; bundles
// are imported only with readable WAV files.
func OpenLibrary(root string) (*session.Store, error) {
	st, err := session.Open(LibraryDir(root), session.Options{RepairWAV: repairWAV, ValidateWAV: validateWAV})
	if err != nil {
		return nil, fmt.Errorf("opening the library: %w", err)
	}
	return st, nil
}

// repairWAV adapts audio.RepairWAV to the library's hook.
func repairWAV(path string) error {
	_, err := audio.RepairWAV(path)
	return err
}

// validateWAV checks that a file is a readable WAV, for bundle imports.
func validateWAV(path string) error {
	_, err := audio.WAVInfo(path)
	return err
}

// LoadBank loads the built-in question bank and the user's own question
// files (root/questions/*.yaml). It returns the problems found in user
// files beside the questions that loaded.
func LoadBank(root string) (*review.Bank, []error) {
	return review.LoadBank(bankSources(assets.Questions(), root, "questions")...)
}

// LoadRules loads the built-in review rules and the user's own rule files
// (root/rules/*.yaml), with the problems found in user files.
func LoadRules(root string) (*review.RuleSet, []error) {
	return review.LoadRules(bankSources(assets.Rules(), root, "rules")...)
}

// bankSources lists the built-in files of kind ("questions" or "rules") and,
// when it exists, the user's folder of the same name under root.
func bankSources(builtin fs.FS, root, kind string) []review.BankSource {
	srcs := []review.BankSource{{FS: builtin, Dir: kind, Label: "builtin"}}
	dir := filepath.Join(root, kind)
	if st, err := os.Stat(dir); err == nil && st.IsDir() {
		srcs = append(srcs, review.BankSource{FS: os.DirFS(dir), Dir: ".", Label: dir + string(filepath.Separator)})
	}
	return srcs
}
