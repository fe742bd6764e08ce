package session

import (
	"strings"
	"testing"

	"github.com/rehearse-app/rehearse/review"
)

const longPrompt = "Walk me through how you would rebuild a lead scoring model that sales no longer trusts, from the data you would look at first to how you would roll it out."

// TestReportTitleIsTheFullQuestion: a session that keeps its default name
// (the prompt cut short) is reported under the full question; a session
// the user renamed, under its new name.
func TestReportTitleIsTheFullQuestion(t *testing.T) {
	short := PromptTitle(longPrompt)
	if !strings.HasSuffix(short, "…") || len([]rune(short)) > PromptTitleRunes {
		t.Fatalf("PromptTitle = %q", short)
	}
	q := []review.Question{{ID: "q", Prompt: longPrompt}}
	for _, c := range []struct{ title, want string }{
		{short, longPrompt},
		{"", longPrompt},
		{longPrompt, longPrompt},
		{"Mock with Dana", "Mock with Dana"},
	} {
		s := &Session{ID: "s1", Title: c.title, Questions: q}
		if got := s.ReportTitle(); got != c.want {
			t.Errorf("ReportTitle of %q = %q, want %q", c.title, got, c.want)
		}
	}
	two := &Session{ID: "s1", Questions: append(q, review.Question{ID: "r", Prompt: "Another"})}
	if got := two.ReportTitle(); got != "Practice session s1" {
		t.Errorf("untitled session of two questions: %q", got)
	}
}
