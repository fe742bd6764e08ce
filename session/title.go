package session

import "strings"

// ReportTitle is the heading of a report of s: the name the user gave the
// session; else, for a session of one question, that question's full
// prompt (the library's default name is the prompt cut short); else a
// generic name.
func (s *Session) ReportTitle() string {
	title := strings.TrimSpace(s.Title)
	if len(s.Questions) == 1 {
		if p := strings.TrimSpace(s.Questions[0].Prompt); p != "" && (title == "" || IsPromptTitle(title, p)) {
			return p
		}
	}
	if title == "" {
		return "Practice session " + s.ID
	}
	return s.Title
}

// PromptTitleRunes is the longest a session's default name, made from its
// question's prompt, runs before it is cut short.
const PromptTitleRunes = 60

// PromptTitle is the default name of a session of one question: its
// prompt, cut short with "…" past PromptTitleRunes runes.
func PromptTitle(prompt string) string {
	if r := []rune(prompt); len(r) > PromptTitleRunes {
		return strings.TrimSpace(string(r[:PromptTitleRunes-3])) + "…"
	}
	return prompt
}

// IsPromptTitle reports whether title is prompt itself or prompt cut short
// with a trailing "…" (a default name, not one the user gave).
func IsPromptTitle(title, prompt string) bool {
	if title == prompt {
		return true
	}
	head, ok := strings.CutSuffix(title, "…")
	head = strings.TrimSpace(head)
	return ok && head != "" && strings.HasPrefix(prompt, head)
}
