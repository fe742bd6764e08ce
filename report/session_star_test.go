package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/rehearse-app/rehearse/review"
)

// TestSessionReportsShowSTAR: the Markdown and HTML session reports show a
// story's STAR structure as the text review does (from the same view
// model): each element found, with its words, or missing.
func TestSessionReportsShowSTAR(t *testing.T) {
	text := "Last year our launch slipped. I had to ship the form in a week. I rebuilt the routing."
	span := func(s string) (int, int) { i := strings.Index(text, s); return i, i + len(s) }
	sit0, sit1 := span("our launch slipped")
	act0, act1 := span("I rebuilt the routing")
	rep := &review.Report{Question: "impossible-request", Text: text, Star: []review.StarHit{
		{ID: "situation", Label: "Situation", Present: true, Start: sit0, End: sit1},
		{ID: "task", Label: "Task"},
		{ID: "action", Label: "Action <what you did>", Present: true, Start: act0, End: act1},
		{ID: "result", Label: "Result"},
	}}
	tk := recordedTake("take-1", "impossible-request", 16000, text)
	tk.Review = rep
	sess := &Session{ID: "s", Title: "Story", Created: testCreated,
		Questions: []review.Question{{ID: "impossible-request", Prompt: "Tell me about a time."}}, Takes: []Take{tk}}

	var tb bytes.Buffer
	if err := WriteText(&tb, rep, nil); err != nil {
		t.Fatal(err)
	}
	md, html := exportBoth(t, sess, nil)
	for _, c := range []struct{ format, doc, want string }{
		{"text", tb.String(), "  [x] Situation — line 1: \"our launch slipped\"\n  [ ] Task\n"},
		{"Markdown", md, "**Story structure (STAR)**\n\n- [x] Situation — “our launch slipped”\n- [ ] Task\n" +
			"- [x] Action &lt;what you did&gt; — “I rebuilt the routing”\n- [ ] Result\n"},
		{"HTML", html, "<h4>Story structure (STAR)</h4>\n<ul class=\"tps star\">\n" +
			"<li class=\"tp-ok\">Situation — “our launch slipped”</li>\n<li class=\"tp-miss\">Task</li>\n" +
			"<li class=\"tp-ok\">Action &lt;what you did&gt; — “I rebuilt the routing”</li>\n<li class=\"tp-miss\">Result</li>\n</ul>"},
	} {
		if !strings.Contains(c.doc, c.want) {
			t.Errorf("%s lacks the STAR structure %q:\n%s", c.format, c.want, c.doc)
		}
	}
	parseXHTML(t, html)

	// Without a review there is no STAR section.
	md, html = exportBoth(t, withoutReviews(sess), nil)
	if strings.Contains(md, "STAR") || strings.Contains(html, "STAR") {
		t.Error("an unreviewed take shows a STAR section")
	}
}
