package transcribe

import (
	"fmt"
	"strings"
	"testing"
)

func TestBuildPrompt(t *testing.T) {
	p := BuildPrompt("", []string{"Marketo", "Salesforce", "marketo", " MQL ", "", "DKIM", "SPF"})
	if p != "Um, uh, hmm, er, ah. Marketo, Salesforce, MQL, DKIM, SPF." {
		t.Errorf("prompt = %q", p)
	}
	if p := BuildPrompt("", nil); p != DefaultFillerPrompt {
		t.Errorf("no vocabulary: %q", p)
	}
	if p := BuildPrompt("Uh, so, like, um.", []string{"ZoomInfo"}); p != "Uh, so, like, um. ZoomInfo." {
		t.Errorf("custom prefix: %q", p)
	}
	// A huge vocabulary is cut to the budget, keeping the first words.
	var vocab []string
	for i := range 300 {
		vocab = append(vocab, fmt.Sprintf("Term%03dClearbit", i))
	}
	p = BuildPrompt("", append([]string{"Marketo"}, vocab...))
	if n := EstimateTokens(p); n > PromptTokenBudget {
		t.Errorf("prompt estimated at %d tokens, budget %d: %q", n, PromptTokenBudget, p)
	}
	if !strings.Contains(p, "Marketo, Term000Clearbit") || strings.Contains(p, "Term299") {
		t.Errorf("prompt kept the wrong words: %q", p)
	}
	// A long custom prefix is cut too.
	p = BuildPrompt(strings.Repeat("interview answer ", 200), []string{"MQL"})
	if n := EstimateTokens(p); n > PromptTokenBudget {
		t.Errorf("long prefix: %d tokens", n)
	}
}

func TestEstimateTokensCountsEveryPiece(t *testing.T) {
	// Every word and every punctuation mark is at least one BPE token, and a
	// capitalised acronym or product name usually two or more: the estimate
	// must never be below words+marks, and is at least two for those names.
	for s, floor := range map[string]int{
		"Um, uh, hmm, er, ah.":                 10,
		"Marketo, Salesforce, MQL, DKIM, SPF.": 10,
		"ZoomInfo":                             2,
		"Clearbit":                             2,
		"é":                                    1,
	} {
		if got := EstimateTokens(s); got < floor {
			t.Errorf("EstimateTokens(%q) = %d, below %d", s, got, floor)
		}
	}
}
