package review

import (
	"os"
	"testing"
)

// builtinRules loads the rule files of assets/rules.
func builtinRules(t testing.TB) *RuleSet {
	t.Helper()
	rs, errs := LoadRules(BankSource{FS: os.DirFS("../assets/rules"), Dir: ".", Label: "builtin"})
	for _, err := range errs {
		t.Fatalf("built-in rules: %v", err)
	}
	return rs
}

// builtinBank loads the question files of assets/questions.
func builtinBank(t testing.TB) *Bank {
	t.Helper()
	b, errs := LoadBank(BankSource{FS: os.DirFS("../assets/questions"), Dir: ".", Label: "builtin"})
	for _, err := range errs {
		t.Errorf("built-in questions: %v", err)
	}
	return b
}
