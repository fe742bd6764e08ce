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

// TestBuiltinBankLoads checks every built-in question file is valid.
func TestBuiltinBankLoads(t *testing.T) {
	b := builtinBank(t)
	if b.Len() == 0 {
		t.Fatal("no built-in questions")
	}
}

// TestBuiltinRulesLoad checks every built-in rule file is valid and every
// stable rule id is defined.
func TestBuiltinRulesLoad(t *testing.T) {
	rs := builtinRules(t)
	for _, id := range StableRuleIDs() {
		if _, ok := rs.Rule(id); !ok {
			t.Errorf("built-in rules lack %q", id)
		}
	}
}

// builtinBankQuiet loads the built-in questions, leaving load errors to
// TestBuiltinBankLoads.
func builtinBankQuiet() *Bank {
	b, _ := LoadBank(BankSource{FS: os.DirFS("../assets/questions"), Dir: ".", Label: "builtin"})
	return b
}
