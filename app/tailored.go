package app

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/rehearse-app/rehearse/internal/atomicfile"
	"github.com/rehearse-app/rehearse/review"
)

// DefaultTailoredCount is how many tailored questions are asked for unless
// the user picks another number.
const DefaultTailoredCount = 5

// maxTailoredNames bounds the numbered names tried for one question file
// (tailored-DATE-SLUG-2.yaml, -3, …) before giving up.
const maxTailoredNames = 1000

// Tailored is the outcome of DraftQuestions: the questions drafted for a
// job description, the question file they were saved in and the bank
// reloaded with them.
type Tailored struct {
	// Path is the new question file in the user's questions folder; it is
	// the user's to edit.
	Path string
	// Questions are the drafted questions, as the bank reads them.
	Questions []review.Question
	// Bank is the question bank loaded again with the new file.
	Bank *review.Bank
	// Problems are those found in the user's question files on reloading
	// (the new file passed the checks before it was saved).
	Problems []error
	// Notices are what the user should know: a job description cut to fit
	// the request, fewer questions than asked for.
	Notices []string
	// Model and Server answered the request.
	Model, Server string
}

// BankLoader loads the question bank (built-in and user files) and returns
// the problems found in user files; App.ReloadBank is one.
type BankLoader func() (*review.Bank, []error)

// DraftQuestions asks the interviewer model for n questions tailored to the
// job description job, in the question bank's format, each with talking
// points. The answer must pass the bank loader's checks and must not reuse
// an id of the bank load returns; when it does not, the error (wrapping
// coach.ErrBadQuestions) says why in the loader's words and nothing is
// written. A good answer is saved as a new file in the questions folder dir
// (an existing file is never replaced) and the bank is loaded again.
func (c *Coach) DraftQuestions(ctx context.Context, job string, n int, dir string, load BankLoader) (*Tailored, error) {
	if !c.Enabled() {
		return nil, ErrInterviewerOff
	}
	if dir == "" {
		return nil, errors.New("there is no folder for your own questions")
	}
	cl, err := c.Client()
	if err != nil {
		return nil, err
	}
	existing, _ := load()
	set, err := cl.Questions(ctx, job, n, existing)
	if err != nil {
		return nil, err
	}
	path, err := saveNewFile(dir, tailoredName(c.now().Format("2006-01-02"), job), set.YAML)
	if err != nil {
		return nil, fmt.Errorf("saving the drafted questions: %w", err)
	}
	bank, problems := load()
	return &Tailored{Path: path, Questions: set.Questions, Bank: bank, Problems: problems,
		Notices: set.Notices, Model: set.Model, Server: set.Server}, nil
}

// TailorQuestions is DraftQuestions on the app's own questions folder and
// bank.
func (a *App) TailorQuestions(ctx context.Context, job string, n int) (*Tailored, error) {
	return a.Coach.DraftQuestions(ctx, job, n, a.UserBankDir(), a.ReloadBank)
}

// tailoredName is the base name of a tailored question file, without the
// extension: "tailored-2026-11-28-marketing-operations-manager", the slug
// taken from the first line of the job description.
func tailoredName(date, job string) string {
	name := "tailored-" + date
	if s := slug(firstLine(job), 5, 40); s != "" {
		name += "-" + s
	}
	return name
}

// firstLine returns the first non-blank line of s.
func firstLine(s string) string {
	for line := range strings.Lines(s) {
		if t := strings.TrimSpace(line); t != "" {
			return t
		}
	}
	return ""
}

// slug turns s into at most maxWords lower-case words of ASCII letters and
// digits joined by dashes, at most maxLen bytes long.
func slug(s string, maxWords, maxLen int) string {
	words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return r > unicode.MaxASCII || !(unicode.IsLetter(r) || unicode.IsDigit(r))
	})
	out := ""
	for i, w := range words {
		if i == maxWords || len(out)+1+len(w) > maxLen {
			break
		}
		if out != "" {
			out += "-"
		}
		out += w
	}
	return out
}

// saveNewFile writes data to dir/base.yaml, or base-2.yaml, base-3.yaml …
// when that name is taken, and returns the path. An existing file is never
// replaced: the data is written to a temporary file (whose name the bank
// loader does not read) and linked to a free name, which fails rather than
// replace a file created meanwhile.
func saveNewFile(dir, base string, data []byte) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("creating %s: %w", dir, err)
	}
	f, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return "", fmt.Errorf("creating a file in %s: %w", dir, err)
	}
	tmp := f.Name()
	defer os.Remove(tmp)
	_, err = f.Write(data)
	if err == nil {
		err = f.Chmod(0o644)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", fmt.Errorf("writing %s: %w", tmp, err)
	}
	for i := 1; i <= maxTailoredNames; i++ {
		name := base
		if i > 1 {
			name = fmt.Sprintf("%s-%d", base, i)
		}
		path := filepath.Join(dir, name+".yaml")
		err := os.Link(tmp, path)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			// No hard links here (some file systems): check, then rename.
			if _, serr := os.Lstat(path); serr == nil {
				continue
			}
			if err := os.Rename(tmp, path); err != nil {
				return "", fmt.Errorf("writing %s: %w", path, err)
			}
		}
		atomicfile.SyncDir(dir)
		return path, nil
	}
	return "", fmt.Errorf("%s: %d files named %s already", dir, maxTailoredNames, base)
}
