package transcribe

import (
	"strings"
	"unicode"
)

// PromptTokenBudget is the most (estimated) tokens BuildPrompt produces:
// well under Whisper's 224-token prompt window, because long prompts make
// Whisper drop or repeat sentences.
const PromptTokenBudget = 96

// Hints carries what the transcriber should expect in a take.
type Hints struct {
	// Vocabulary lists the domain words of the question (Marketo,
	// Salesforce, MQL, DKIM, SPF, ZoomInfo, Clearbit, …), most important first.
	Vocabulary []string `json:"vocabulary,omitempty"`
}

// BuildPrompt returns the Whisper prompt: prefix (DefaultFillerPrompt when
// empty) followed by the vocabulary, without duplicates, cut so the estimated
// token count stays within PromptTokenBudget. Words that do not fit are left
// out, later ones first.
func BuildPrompt(prefix string, vocab []string) string {
	prefix = strings.Join(strings.Fields(prefix), " ")
	if prefix == "" {
		prefix = DefaultFillerPrompt
	}
	prefix = truncateToBudget(prefix, PromptTokenBudget)
	used := EstimateTokens(prefix)
	seen := map[string]bool{}
	var words []string
	for _, v := range vocab {
		v = strings.Join(strings.Fields(v), " ")
		v = strings.Trim(v, ",.;")
		k := strings.ToLower(v)
		if v == "" || seen[k] {
			continue
		}
		cost := EstimateTokens(v) + 1 // the comma or full stop after it
		if used+cost > PromptTokenBudget {
			continue
		}
		seen[k] = true
		used += cost
		words = append(words, v)
	}
	if len(words) == 0 {
		return prefix
	}
	return prefix + " " + strings.Join(words, ", ") + "."
}

// EstimateTokens over-estimates the number of GPT-2 BPE tokens (Whisper's
// tokenizer) in s: half a token per letter or digit, rounded up, per word,
// plus one per punctuation mark. Real counts are usually about half of it,
// so a budget in these units is safe.
func EstimateTokens(s string) int {
	n := 0
	for _, f := range strings.Fields(s) {
		alnum := 0
		for _, r := range f {
			switch {
			case unicode.IsLetter(r) || unicode.IsDigit(r):
				alnum++
			case r < 128:
				n++
			default:
				n += 2 // other scripts and symbols take several byte tokens
			}
		}
		n += (alnum + 1) / 2
		if alnum > 0 && alnum < 2 {
			n++
		}
	}
	return n
}

// truncateToBudget keeps the leading words of s that fit in budget tokens.
func truncateToBudget(s string, budget int) string {
	if EstimateTokens(s) <= budget {
		return s
	}
	var out []string
	used := 0
	for _, f := range strings.Fields(s) {
		c := EstimateTokens(f)
		if used+c > budget {
			break
		}
		used += c
		out = append(out, f)
	}
	return strings.Join(out, " ")
}
