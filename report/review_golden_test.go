package report

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rehearse-app/rehearse/internal/testkit"
	"github.com/rehearse-app/rehearse/review"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// goldenInputs are review's golden inputs: QUESTION--name.txt or .json,
// QUESTION "none" for no question.
const goldenInputs = "../review/testdata/golden"

// builtinReviewer returns a reviewer with the built-in rules and the
// built-in question bank.
func builtinReviewer(t *testing.T) (*review.Reviewer, *review.Bank) {
	t.Helper()
	rules, errs := review.LoadRules(review.BankSource{FS: os.DirFS("../assets/rules"), Dir: ".", Label: "builtin"})
	for _, err := range errs {
		t.Fatalf("built-in rules: %v", err)
	}
	bank, _ := review.LoadBank(review.BankSource{FS: os.DirFS("../assets/questions"), Dir: ".", Label: "builtin"})
	return review.New(rules), bank
}

// TestReviewGolden reviews each of review's golden inputs and compares
// the text and Markdown reports with testdata/golden/NAME.{text,md}.golden.
func TestReviewGolden(t *testing.T) {
	rv, bank := builtinReviewer(t)
	files, _ := filepath.Glob(goldenInputs + "/*.txt")
	js, _ := filepath.Glob(goldenInputs + "/*.json")
	files = append(files, js...)
	if len(files) == 0 {
		t.Fatal("no golden inputs")
	}
	for _, f := range files {
		base := filepath.Base(f)
		t.Run(base, func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			tr, err := review.ParseTranscript(data)
			if err != nil {
				t.Fatal(err)
			}
			var q *review.Question
			if qid, _, _ := strings.Cut(base, "--"); qid != "none" {
				qq, ok := bank.ByID(qid)
				if !ok {
					t.Fatalf("question %q not in the built-in bank", qid)
				}
				q = &qq
			}
			rep := rv.Review(review.Input{Transcript: tr, Question: q})
			stem := filepath.Join("testdata/golden", strings.TrimSuffix(base, filepath.Ext(base)))
			var tb, mb bytes.Buffer
			if err := WriteText(&tb, rep, tr); err != nil {
				t.Fatal(err)
			}
			testkit.Golden(t, stem+".text.golden", tb.Bytes(), *update)
			if err := WriteMarkdown(&mb, rep, tr); err != nil {
				t.Fatal(err)
			}
			testkit.Golden(t, stem+".md.golden", mb.Bytes(), *update)
		})
	}
}
