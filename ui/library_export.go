package ui

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"

	"github.com/rehearse-app/rehearse/app"
	"github.com/rehearse-app/rehearse/report"
	"github.com/rehearse-app/rehearse/review"
	"github.com/rehearse-app/rehearse/session"
)

// exportFormat is one way of exporting a session.
type exportFormat int

const (
	exportMarkdown exportFormat = iota
	exportHTML
	exportBundle
)

func (f exportFormat) ext() string {
	return [...]string{".md", ".html", ".zip"}[f]
}

func (f exportFormat) String() string {
	return [...]string{"Markdown report", "HTML report", "bundle"}[f]
}

// exportFileName suggests a file name for a session's export.
func exportFileName(e session.Entry, f exportFormat) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(entryTitle(e)) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
		if b.Len() >= 60 {
			break
		}
	}
	name := strings.TrimSuffix(b.String(), "-")
	if name == "" {
		name = "session"
	}
	return name + "-" + e.Created.Local().Format("2006-01-02") + f.ext()
}

// onExport asks where to save the selected session in format f.
func (s *libraryScreen) onExport(f exportFormat) {
	e, ok := s.selectedEntry()
	if !ok || e.Damaged {
		return
	}
	id := e.ID
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			s.notify(fmt.Errorf("saving the %s: %w", f, err))
			return
		}
		if w == nil {
			return // cancelled
		}
		u := w.URI()
		if u.Scheme() != "file" {
			// Not a local file (a portal or cloud location): write through
			// the writer the dialog opened.
			s.exportVia(f, id, w)
			return
		}
		// Fyne's save dialog has opened (and truncated) the file; close it
		// and replace it atomically with the finished export.
		w.Close()
		s.exportTo(f, id, u.Path())
	}, s.win)
	d.SetFileName(exportFileName(e, f))
	d.SetFilter(storage.NewExtensionFileFilter([]string{f.ext()}))
	d.Show()
}

// render writes session id in format f (reports or bundle) to w.
func (s *libraryScreen) render(f exportFormat, id string, w io.Writer) error {
	if f == exportBundle {
		return s.deps.Store.ExportBundle(w, id)
	}
	sess, err := s.deps.Store.Get(id)
	if err != nil {
		return err
	}
	reports := s.reports(sess)
	var rules *review.RuleSet
	if s.deps.Reviewer != nil {
		rules = s.deps.Reviewer.Rules()
	}
	rs := app.SessionReport(sess, reports)
	if f == exportHTML {
		return report.SessionHTML(w, rs, rules)
	}
	return report.SessionMarkdown(w, rs, rules)
}

// reports reviews every take with a transcript; takes that cannot be
// reviewed export without flags.
func (s *libraryScreen) reports(sess *session.Session) map[string]*review.Report {
	reports := map[string]*review.Report{}
	if s.deps.ReviewTake == nil {
		return reports
	}
	for i := range sess.Takes {
		tk := &sess.Takes[i]
		if !hasText(tk) {
			continue
		}
		if r, err := s.deps.ReviewTake(sess, tk); err == nil && r != nil {
			reports[tk.ID] = r
		}
	}
	return reports
}

// exportTo writes session id in format f to path on a goroutine: through a
// temporary file in the same folder renamed into place, so path holds
// either a whole export or nothing new. The outcome is shown when done.
func (s *libraryScreen) exportTo(f exportFormat, id, path string) {
	s.status.SetText(fmt.Sprintf("Exporting the %s to %s…", f, path))
	go func() {
		var err error
		if f == exportBundle {
			err = s.deps.Store.ExportBundleFile(path, id)
		} else {
			err = session.WriteFile(path, func(w io.Writer) error { return s.render(f, id, w) })
		}
		if err != nil {
			// Drop the empty file the save dialog created, never a real one.
			if fi, serr := os.Stat(path); serr == nil && fi.Size() == 0 {
				os.Remove(path)
			}
		}
		s.do(func() { s.exported(f, path, err) })
	}()
}

// exportVia writes the export through a writer a save dialog opened.
func (s *libraryScreen) exportVia(f exportFormat, id string, w fyne.URIWriteCloser) {
	name := w.URI().String()
	s.status.SetText(fmt.Sprintf("Exporting the %s to %s…", f, name))
	go func() {
		err := s.render(f, id, w)
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		s.do(func() { s.exported(f, name, err) })
	}()
}

// exported shows the outcome of an export.
func (s *libraryScreen) exported(f exportFormat, where string, err error) {
	if s.closed {
		return
	}
	if err != nil {
		s.status.SetText(fmt.Sprintf("The %s was not exported.", f))
		s.notify(fmt.Errorf("exporting the %s to %s: %w", f, where, err))
		return
	}
	s.status.SetText(fmt.Sprintf("Exported the %s to %s.", f, where))
}

// onImport asks for a bundle and imports it.
func (s *libraryScreen) onImport() {
	d := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil {
			s.notify(fmt.Errorf("opening the bundle: %w", err))
			return
		}
		if rc == nil {
			return // cancelled
		}
		u := rc.URI()
		rc.Close()
		if u.Scheme() != "file" {
			s.notify(fmt.Errorf("%s is not a local file: save the bundle to a folder first", u.String()))
			return
		}
		s.importFrom(u.Path())
	}, s.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".zip"}))
	d.Show()
}

// importFrom imports the bundle at path on a goroutine and shows what it
// did, or why it was refused.
func (s *libraryScreen) importFrom(path string) {
	s.status.SetText(fmt.Sprintf("Importing %s…", filepath.Base(path)))
	s.importBtn.Disable()
	go func() {
		res, err := s.deps.Store.ImportBundle(path)
		s.do(func() { s.imported(path, res, err) })
	}()
}

// imported shows the outcome of an import.
func (s *libraryScreen) imported(path string, res session.ImportResult, err error) {
	if s.closed {
		return
	}
	s.importBtn.Enable()
	name := filepath.Base(path)
	if err != nil {
		s.status.SetText(fmt.Sprintf("%s was not imported.", name))
		if errors.Is(err, session.ErrRefused) {
			s.notify(fmt.Errorf("%s was refused and nothing was written: %w", name, err))
		} else {
			s.notify(fmt.Errorf("importing %s: %w", name, err))
		}
		return
	}
	title := res.SessionID
	if sess, gerr := s.deps.Store.Get(res.SessionID); gerr == nil && strings.TrimSpace(sess.Title) != "" {
		title = sess.Title
	}
	msg := importSummary(title, res)
	s.status.SetText(msg)
	dialog.NewInformation("Bundle imported", msg, s.win).Show()
	s.selected = res.SessionID
	s.refresh()
}

// importSummary says what an import did.
func importSummary(title string, res session.ImportResult) string {
	var b strings.Builder
	if res.New {
		fmt.Fprintf(&b, "Imported %q as a new session.", title)
	} else {
		fmt.Fprintf(&b, "Merged into %q: %d %s and %d %s added", title,
			res.NotesAdded, plural(res.NotesAdded, "note", "notes"), res.TakesAdded, plural(res.TakesAdded, "take", "takes"))
		if res.NotesUnchanged > 0 {
			fmt.Fprintf(&b, "; %d %s already there", res.NotesUnchanged, plural(res.NotesUnchanged, "note was", "notes were"))
		}
		b.WriteString(".")
	}
	if len(res.Conflicts) > 0 {
		fmt.Fprintf(&b, "\n%d %s (nothing was overwritten):", len(res.Conflicts), plural(len(res.Conflicts), "conflict", "conflicts"))
		for _, c := range res.Conflicts {
			fmt.Fprintf(&b, "\n• %s %s: %s", c.Kind, c.ID, c.Reason)
			if c.KeptAs != "" {
				fmt.Fprintf(&b, " (the bundle's version added as %s)", c.KeptAs)
			}
		}
	}
	return b.String()
}
