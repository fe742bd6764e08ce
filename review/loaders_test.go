package review

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/rehearse-app/rehearse/internal/testkit"
)

var update = flag.Bool("update", false, "rewrite golden files with the current output")

// golden compares got with the file at path, or rewrites it under -update.
func golden(t *testing.T, path string, got []byte) { testkit.Golden(t, path, got, *update) }

func errText(errs []error) []byte {
	var b strings.Builder
	for _, e := range errs {
		b.WriteString(e.Error())
		b.WriteByte('\n')
	}
	return []byte(b.String())
}

// TestBankErrorsGolden checks the error text for each broken question file
// in testdata/bank against testdata/bank/*.err.
func TestBankErrorsGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/bank/*.yaml")
	if len(files) == 0 {
		t.Fatal("no testdata/bank files")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			qs, errs := ParseBankFile(data, filepath.Base(f))
			if len(errs) == 0 {
				t.Errorf("no error for a broken file")
			}
			for _, e := range errs {
				var fe *FileError
				if !errors.As(e, &fe) || fe.File == "" {
					t.Errorf("error does not name the file: %v", e)
				} else if fe.Line == 0 {
					t.Errorf("error does not name the line: %v", e)
				}
			}
			out := errText(errs)
			for _, q := range qs {
				out = append(out, "loaded: "+q.ID+"\n"...)
			}
			golden(t, strings.TrimSuffix(f, ".yaml")+".err", out)
		})
	}
}

// TestLoadBankKeepsGoodQuestions checks that a broken file or question does
// not hide good ones, across files and sources, and that lookups work.
func TestLoadBankKeepsGoodQuestions(t *testing.T) {
	good, _ := os.ReadFile("testdata/bank/bad-category.yaml")
	fsys := fstest.MapFS{
		"q/a.yaml":    {Data: good},
		"q/b.yaml":    {Data: []byte("questions: [\n")},
		"q/c.yaml":    {Data: []byte("questions:\n  - {id: good-one, category: technical, prompt: p, think_seconds: 1, answer_seconds: 2}\n  - {id: other, category: technical, prompt: p, think_seconds: 1, answer_seconds: 2}\n")},
		"q/notes.txt": {Data: []byte("ignored")},
		"user/d.yaml": {Data: []byte("questions:\n  - {id: mine, category: reverse, prompt: p, think_seconds: 1, answer_seconds: 2, tags: [x]}\n")},
	}
	b, errs := LoadBank(BankSource{FS: fsys, Dir: "q", Label: "builtin"}, BankSource{FS: fsys, Dir: "user", Label: "/home/me/questions/"})
	got := errText(errs)
	for _, want := range []string{
		`builtin:a.yaml:12: question "wrong-category": field "category": "strategy" is not one of strategic, technical, behavioral, reverse`,
		`builtin:b.yaml:1: invalid YAML`,
		`builtin:c.yaml:2: question "good-one": field "id": duplicate id, already defined in builtin:a.yaml`,
	} {
		if !strings.Contains(string(got), want) {
			t.Errorf("errors lack %q; got:\n%s", want, got)
		}
	}
	if len(errs) != 3 {
		t.Errorf("want 3 errors, got %d:\n%s", len(errs), got)
	}
	if b.Len() != 3 {
		t.Fatalf("want 3 questions (good-one, other, mine), got %d", b.Len())
	}
	if q, ok := b.ByID("mine"); !ok || q.Source != "/home/me/questions/d.yaml" {
		t.Errorf("ByID(mine) = %+v, %v", q, ok)
	}
	if n := len(b.ByCategory(CategoryTechnical)); n != 1 {
		t.Errorf("ByCategory(technical) = %d questions, want 1", n)
	}
	if _, ok := b.ByID("wrong-category"); ok {
		t.Error("an invalid question was loaded")
	}
}

// TestRandom checks Random returns distinct questions of the category.
func TestRandom(t *testing.T) {
	b := builtinBankQuiet()
	for _, cat := range append([]string{""}, Categories...) {
		got := b.Random(3, cat, nil)
		if len(got) == 0 {
			t.Errorf("Random(3, %q) returned nothing", cat)
		}
		seen := map[string]bool{}
		for _, q := range got {
			if cat != "" && q.Category != cat {
				t.Errorf("Random(%q) returned a %s question", cat, q.Category)
			}
			if seen[q.ID] {
				t.Errorf("Random returned %s twice", q.ID)
			}
			seen[q.ID] = true
		}
	}
	if n := len(b.Random(1000, "", nil)); n != b.Len() {
		t.Errorf("Random(1000) = %d, want all %d", n, b.Len())
	}
}

// TestValidateBankFile checks the Import button's validator.
func TestValidateBankFile(t *testing.T) {
	if err := ValidateBankFile([]byte("questions:\n  - {id: a, category: technical, prompt: p, think_seconds: 1, answer_seconds: 2}\n"), "ok.yaml"); err != nil {
		t.Errorf("valid file: %v", err)
	}
	data, _ := os.ReadFile("testdata/bank/missing-fields.yaml")
	err := ValidateBankFile(data, "missing-fields.yaml")
	if err == nil || !strings.Contains(err.Error(), `missing-fields.yaml:2: question "no-prompt": field "prompt": missing or empty`) {
		t.Errorf("got %v", err)
	}
	if err := ValidateBankFile([]byte("# nothing\n"), "empty.yaml"); err == nil {
		t.Error("an empty file validated")
	}
}

// TestRuleErrorsGolden checks the error text for broken rule files and that
// good rules of a broken file, and the built-in rules, still load.
func TestRuleErrorsGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/rules/*.yaml")
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			rs, errs := ParseRuleFile(data, filepath.Base(f))
			out := errText(errs)
			for _, r := range rs {
				out = append(out, "loaded: "+r.ID+"\n"...)
			}
			golden(t, strings.TrimSuffix(f, ".yaml")+".err", out)
		})
	}
	rs, errs := LoadRules(BankSource{FS: os.DirFS("../assets/rules"), Dir: ".", Label: "builtin"},
		BankSource{FS: os.DirFS("testdata/rules"), Dir: ".", Label: "user"})
	if len(errs) == 0 {
		t.Error("broken user rules gave no errors")
	}
	for _, id := range append(StableRuleIDs(), "good-rule") {
		if _, ok := rs.Rule(id); !ok {
			t.Errorf("rule %q not loaded next to broken user rules", id)
		}
	}
	rep := New(rs).Review(Input{Transcript: &Transcript{Text: "Um, synergy."}})
	if n := countRule(rep, "good-rule"); n != 1 {
		t.Errorf("user rule found %d times, want 1", n)
	}
}

func countRule(r *Report, id string) int {
	n := 0
	for _, f := range r.Findings {
		if f.Rule == id {
			n++
		}
	}
	return n
}
