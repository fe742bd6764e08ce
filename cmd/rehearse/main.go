// Command rehearse is a desktop app for rehearsing job-interview answers out
// loud: it reads a question aloud, records the spoken answer, transcribes it
// and reviews it. With no arguments it opens the app; subcommands expose each
// part for scripting (see usage).
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/rehearse-app/rehearse/cmd/rehearse/internal/posixlocale"
)

const usage = `Rehearse — practise interview answers out loud.

Usage:
  rehearse                                   open the desktop app
  rehearse --version                         version and commit
  rehearse questions [--json]                list the question bank
  rehearse devices                           list input and output audio devices
  rehearse say [--out FILE.wav] TEXT         read TEXT aloud (or render it to a WAV)
  rehearse record --out FILE.wav --seconds N [--device NAME]
  rehearse transcribe [--json] [--base-url URL] [--model M] FILE.wav
  rehearse review [--question ID] [--audio FILE.wav] [--format text|json|markdown] TRANSCRIPT
  rehearse coach followup|review|rewrite --question ID [--json] [--base-url URL] [--model M] TRANSCRIPT
                                           ask the optional interviewer model about an answer
  rehearse coach questions --job FILE --count N [--out FILE.yaml]
                                           questions tailored to a job description
  rehearse sessions [--json]                 list the library
  rehearse export SESSION --format md|html|bundle --out PATH
  rehearse import BUNDLE.zip

Every subcommand takes --data-dir DIR (default: the app's storage folder).
Run "rehearse COMMAND --help" for a command's flags.
`

// command is one subcommand: it parses its own flags from args.
type command func(env *cliEnv, args []string) error

var commands = map[string]command{
	"questions":  cmdQuestions,
	"devices":    cmdDevices,
	"say":        cmdSay,
	"record":     cmdRecord,
	"transcribe": cmdTranscribe,
	"review":     cmdReview,
	"coach":      cmdCoach,
	"sessions":   cmdSessions,
	"export":     cmdExport,
	"import":     cmdImport,
}

// errUsage marks an error in how the command was called; it exits with 2.
var errUsage = errors.New("usage")

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run executes the command line and returns the process exit code.
func run(args []string, stdout, stderr io.Writer) int {
	env := &cliEnv{stdout: stdout, stderr: stderr}
	if len(args) > 0 && (args[0] == "--version" || args[0] == "-version") {
		fmt.Fprintln(stdout, versionLine())
		return 0
	}
	if len(args) == 0 || (len(args) > 0 && len(args[0]) > 0 && args[0][0] == '-' && args[0] != "-h" && args[0] != "--help") {
		// The desktop app: "rehearse" or "rehearse --data-dir DIR".
		if err := runGUI(env, args); err != nil {
			fmt.Fprintf(stderr, "rehearse: %v\n", err)
			return 1
		}
		return 0
	}
	name := args[0]
	if name == "help" || name == "-h" || name == "--help" {
		fmt.Fprint(stdout, usage)
		return 0
	}
	// Fyne's packages are initialised; a subcommand opens no window, so the
	// programs it runs get the user's environment back.
	posixlocale.Restore()
	cmd, ok := commands[name]
	if !ok {
		fmt.Fprintf(stderr, "rehearse: unknown command %q\n\n%s", name, usage)
		return 2
	}
	if err := cmd(env, args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		fmt.Fprintf(stderr, "rehearse %s: %v\n", name, err)
		if errors.Is(err, errUsage) {
			return 2
		}
		return 1
	}
	return 0
}
