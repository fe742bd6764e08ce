package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/rehearse-app/rehearse/app"
	"github.com/rehearse-app/rehearse/report"
	"github.com/rehearse-app/rehearse/session"
)

// cmdSessions lists the library.
func cmdSessions(env *cliEnv, args []string) error {
	fl := env.newFlags("sessions", "sessions [--json] [--search TEXT] [--category ID]")
	asJSON := fl.Bool("json", false, "print the list as JSON")
	query := fl.String("search", "", "only sessions whose title, transcripts or notes contain TEXT")
	category := fl.String("category", "", "only sessions with questions of this category")
	if err := parse(fl, args); err != nil {
		return err
	}
	store, err := env.openStore()
	if err != nil {
		return err
	}
	var entries []session.Entry
	if *query != "" || *category != "" {
		entries, err = store.Search(*query, session.Filter{Category: *category})
	} else {
		entries, err = store.List(context.Background())
	}
	if err != nil {
		return err
	}
	if *asJSON {
		if entries == nil {
			entries = []session.Entry{}
		}
		return env.printJSON(entries)
	}
	if len(entries) == 0 {
		fmt.Fprintln(env.stdout, "No sessions yet.")
		return nil
	}
	tw := env.table()
	fmt.Fprintln(tw, "ID\tDATE\tTAKES\tLENGTH\tSCORES (D/S/A/C)\tTITLE")
	for _, e := range entries {
		if e.Damaged {
			fmt.Fprintf(tw, "%s\t\t\t\t\tDAMAGED: %s\n", e.ID, e.Problem)
			continue
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\t%s\n", e.ID, e.Created.Local().Format("2006-01-02 15:04"),
			e.Takes, minsec(e.TotalSeconds), scoreLine(e.Scores), e.Title)
	}
	return tw.Flush()
}

func minsec(s float64) string {
	n := int(s + 0.5)
	return fmt.Sprintf("%d:%02d", n/60, n%60)
}

func scoreLine(sc map[string]float64) string {
	if len(sc) == 0 {
		return "—"
	}
	var parts []string
	for _, k := range []string{"delivery", "structure", "agency", "content"} {
		if v, ok := sc[k]; ok {
			parts = append(parts, fmt.Sprintf("%.0f", v))
		} else {
			parts = append(parts, "–")
		}
	}
	return strings.Join(parts, "/")
}

// cmdExport writes a session as Markdown, HTML or a bundle.
func cmdExport(env *cliEnv, args []string) error {
	fl := env.newFlags("export", "export SESSION --format md|html|bundle --out PATH")
	format := fl.String("format", "", "md, html or bundle")
	out := fl.String("out", "", "file to write")
	if err := parse(fl, args); err != nil {
		return err
	}
	if fl.NArg() != 1 {
		return fmt.Errorf("%w: want exactly one SESSION id (see `rehearse sessions`)", errUsage)
	}
	if *out == "" {
		return fmt.Errorf("%w: --out PATH is required", errUsage)
	}
	switch *format {
	case "md", "markdown", "html", "bundle", "zip":
	default:
		return fmt.Errorf("%w: unknown --format %q (want md, html or bundle)", errUsage, *format)
	}
	store, err := env.openStore()
	if err != nil {
		return err
	}
	sess, err := store.Get(fl.Arg(0))
	if err != nil {
		return err
	}
	if *format == "bundle" || *format == "zip" {
		return store.ExportBundleFile(*out, sess.ID)
	}
	rv, err := env.loadReviewer()
	if err != nil {
		return err
	}
	reports := app.NewReviews(rv, store, nil).Session(sess)
	return session.WriteFile(*out, func(w io.Writer) error {
		if *format == "html" {
			return report.SessionHTML(w, app.SessionReport(sess, reports), rv.Rules())
		}
		return report.SessionMarkdown(w, app.SessionReport(sess, reports), rv.Rules())
	})
}

// cmdImport imports a session bundle into the library.
func cmdImport(env *cliEnv, args []string) error {
	fl := env.newFlags("import", "import BUNDLE.zip")
	if err := parse(fl, args); err != nil {
		return err
	}
	if fl.NArg() != 1 {
		return fmt.Errorf("%w: want exactly one BUNDLE.zip", errUsage)
	}
	store, err := env.openStore()
	if err != nil {
		return err
	}
	res, err := store.ImportBundle(fl.Arg(0))
	if err != nil {
		return err
	}
	if res.New {
		fmt.Fprintf(env.stdout, "imported session %s\n", res.SessionID)
	} else {
		fmt.Fprintf(env.stdout, "merged into session %s: %d takes and %d notes added, %d notes already there\n",
			res.SessionID, res.TakesAdded, res.NotesAdded, res.NotesUnchanged)
	}
	for _, c := range res.Conflicts {
		kept := "not added"
		if c.KeptAs != "" {
			kept = "kept as " + c.KeptAs
		}
		fmt.Fprintf(env.stdout, "conflict: %s %s: %s (%s)\n", c.Kind, c.ID, c.Reason, kept)
	}
	return nil
}
