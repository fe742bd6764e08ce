package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rehearse-app/rehearse/assets"
	"github.com/rehearse-app/rehearse/review"
)

const goodBank = `questions:
  - id: my-sync-story
    category: technical
    prompt: "Tell me about a CRM sync you fixed."
    think_seconds: 10
    answer_seconds: 60
    talking_points:
      - id: root-cause
        label: Finds the root cause
        cues: ["root cause"]
`

func TestImportQuestionFile(t *testing.T) {
	f := newFixture(t)
	s := f.ui.settings
	var shown []error
	s.notify = func(err error) { shown = append(shown, err) }
	userDir := f.ui.deps.UserBankDir
	reload := func() (*review.Bank, []error) {
		return review.LoadBank(review.BankSource{FS: assets.Questions(), Dir: "questions", Label: "builtin"},
			review.BankSource{FS: os.DirFS(userDir), Dir: ".", Label: userDir})
	}
	s.deps.ReloadBank = reload
	before := len(f.ui.deps.Bank.All())

	// A broken file is refused, naming the file, the line and the field;
	// nothing is copied.
	s.importBank("mine.yaml", []byte("questions:\n  - id: x\n    category: nonsense\n    prompt: hi\n    think_seconds: 5\n    answer_seconds: 5\n"))
	if len(shown) != 1 {
		t.Fatalf("errors shown = %v, want one", shown)
	}
	msg := shown[0].Error()
	for _, want := range []string{"mine.yaml:3", "category", "nonsense"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q should mention %q", msg, want)
		}
	}
	if entries, _ := os.ReadDir(userDir); len(entries) != 0 {
		t.Fatalf("a refused file was copied: %v", entries)
	}

	// A good file is copied and its question appears in the practice picker.
	s.importBank("/somewhere/mine.yml", []byte(goodBank))
	if _, err := os.Stat(filepath.Join(userDir, "mine.yaml")); err != nil {
		t.Fatalf("imported file not saved: %v", err)
	}
	if got := len(f.ui.practice.deps.Bank.All()); got != before+1 {
		t.Fatalf("practice bank has %d questions, want %d", got, before+1)
	}
	if !strings.Contains(s.bankStatus.Text, "questions loaded") {
		t.Errorf("bank status = %q", s.bankStatus.Text)
	}
	f.ui.practice.pick.category.SetSelected(review.CategoryTitle(review.CategoryTechnical))
	found := false
	for _, o := range f.ui.practice.pick.question.Options {
		found = found || strings.Contains(o, "CRM sync you fixed")
	}
	if !found {
		t.Fatal("the imported question is not offered on the practice screen")
	}
}
