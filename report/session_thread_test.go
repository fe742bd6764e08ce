package report

import (
	"bytes"
	"strings"
	"testing"
)

// threadFixture is a session with a question, its answer, a follow-up the
// interviewer asked about that answer and the answer to it.
func threadFixture() *Session {
	qs := testQuestions()
	parent := recordedTake("take-1", qs[0].ID, 16000, "I would check attribution first.")
	child := recordedTake("take-2", qs[0].ID, 8000, "Position-based, because it credits the first touch.")
	child.FollowUp = &FollowUp{Parent: "take-1", Question: "Which <attribution> model did you trust?"}
	orphan := recordedTake("take-3", qs[0].ID, 8000, "")
	orphan.FollowUp = &FollowUp{Parent: "deleted-take", Question: "And the budget?"}
	return &Session{ID: "20261102-100000-abcd", Title: "Thread", Created: testCreated, Questions: qs,
		Takes: []Take{parent, child, orphan}}
}

// TestSessionExportsShowTheThread checks that both exports show a
// follow-up answer under its question with the take it follows up, and
// the follow-up as asked, escaped.
func TestSessionExportsShowTheThread(t *testing.T) {
	s := threadFixture()
	var md, html bytes.Buffer
	if err := SessionMarkdown(&md, s, nil); err != nil {
		t.Fatal(err)
	}
	if err := SessionHTML(&html, s, nil); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"### Take 2 · 0:01 · ",
		"> ↳ Follow-up to take 1: Which &lt;attribution&gt; model did you trust?",
		"> ↳ Follow-up: And the budget?",
	} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("Markdown lacks %q:\n%s", want, md.String())
		}
	}
	if n := strings.Count(md.String(), "↳"); n != 2 {
		t.Errorf("Markdown has %d follow-up lines, want 2 (take 1 is an answer to the question)", n)
	}
	for _, want := range []string{
		`<p class="followup">↳ Follow-up to take 1: Which &lt;attribution&gt; model did you trust?</p>`,
		`<p class="followup">↳ Follow-up: And the budget?</p>`,
	} {
		if !strings.Contains(html.String(), want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
	_, classes := parseXHTML(t, html.String())
	if classes["followup"] != 2 {
		t.Errorf("HTML has %d followup paragraphs, want 2", classes["followup"])
	}
}
