package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/rehearse-app/rehearse/app"
	"github.com/rehearse-app/rehearse/review"
	"github.com/rehearse-app/rehearse/session"
)

// cliEnv carries what every subcommand shares: output streams, the data
// folder and the parts built from it on first use.
type cliEnv struct {
	stdout, stderr io.Writer
	dataDir        string
}

// newFlags returns a flag set for a subcommand with the shared --data-dir flag.
func (e *cliEnv) newFlags(name, synopsis string) *flag.FlagSet {
	fl := flag.NewFlagSet(name, flag.ContinueOnError)
	fl.SetOutput(e.stderr)
	fl.StringVar(&e.dataDir, "data-dir", "", "folder holding the library and your own question and rule files")
	fl.Usage = func() {
		fmt.Fprintf(e.stderr, "Usage: rehearse %s\n\nFlags:\n", synopsis)
		fl.PrintDefaults()
	}
	return fl
}

// printJSON writes v to stdout as indented JSON.
func (e *cliEnv) printJSON(v any) error {
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// table returns a writer that aligns tab-separated columns on stdout;
// Flush it when done.
func (e *cliEnv) table() *tabwriter.Writer {
	return tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
}

// parse parses args with fs and wraps flag errors as usage errors.
func parse(fl *flag.FlagSet, args []string) error {
	if err := fl.Parse(interleave(fl, args)); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return fmt.Errorf("%w: %s", errUsage, err.Error())
	}
	return nil
}

// interleave moves flags that follow positional arguments in front of them,
// so "rehearse review answer.txt --format json" works like the flags-first form.
func interleave(fl *flag.FlagSet, args []string) []string {
	var flags, pos []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			pos = append(pos, args[i+1:]...)
			break
		}
		if len(a) > 1 && a[0] == '-' {
			flags = append(flags, a)
			name := strings.TrimLeft(a, "-")
			if strings.Contains(name, "=") {
				continue
			}
			if f := fl.Lookup(name); f != nil {
				if bf, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && bf.IsBoolFlag() {
					continue
				}
				if i+1 < len(args) {
					flags = append(flags, args[i+1])
					i++
				}
			}
			continue
		}
		pos = append(pos, a)
	}
	return append(flags, pos...)
}

// dataRoot returns the folder of the library and the user's own files:
// --data-dir when given, else REHEARSE_DATA_DIR, else the app's storage root
// (the folder Fyne gives the app: <user config dir>/fyne/<app id>).
func (e *cliEnv) dataRoot() (string, error) {
	if e.dataDir != "" {
		return filepath.Abs(e.dataDir)
	}
	if d := os.Getenv("REHEARSE_DATA_DIR"); d != "" {
		return filepath.Abs(d)
	}
	return defaultDataRoot()
}

// defaultDataRoot is the app's storage root as Fyne lays it out.
func defaultDataRoot() (string, error) {
	cfg, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("finding the user config folder: %w (set --data-dir)", err)
	}
	return filepath.Join(cfg, "fyne", appID), nil
}

// loadBank loads the built-in question bank and the user's own question
// files (DATA/questions/*.yaml). Problems in user files are printed as
// warnings; the good questions still load.
func (e *cliEnv) loadBank() (*review.Bank, error) {
	root, err := e.dataRoot()
	if err != nil {
		return nil, err
	}
	bank, errs := app.LoadBank(root)
	e.warn(errs)
	if bank == nil {
		return nil, errors.New("no question bank could be loaded")
	}
	return bank, nil
}

// loadReviewer builds the reviewer from the built-in rules and the user's
// own rule files (DATA/rules/*.yaml).
func (e *cliEnv) loadReviewer() (*review.Reviewer, error) {
	root, err := e.dataRoot()
	if err != nil {
		return nil, err
	}
	rules, errs := app.LoadRules(root)
	e.warn(errs)
	if rules == nil {
		return nil, errors.New("no review rules could be loaded")
	}
	return review.New(rules), nil
}

// warn prints problems that did not stop the command, one a line, at most
// review.MaxWarningsPerFile for each file.
func (e *cliEnv) warn(errs []error) {
	for _, err := range review.CapWarnings(errs) {
		e.warning(err)
	}
}

// warning prints one problem that did not stop the command.
func (e *cliEnv) warning(err error) {
	fmt.Fprintf(e.stderr, "warning: %v\n", err)
}

// openStore opens the library under the data folder.
func (e *cliEnv) openStore() (*session.Store, error) {
	root, err := e.dataRoot()
	if err != nil {
		return nil, err
	}
	return app.OpenLibrary(root)
}

// question returns the bank's question with the given id, or an error that
// names the id and where to find the valid ones.
func (e *cliEnv) question(id string) (*review.Question, error) {
	bank, err := e.loadBank()
	if err != nil {
		return nil, err
	}
	q, ok := bank.ByID(id)
	if !ok {
		return nil, fmt.Errorf("unknown question id %q (see `rehearse questions` for the ids)", id)
	}
	return &q, nil
}
