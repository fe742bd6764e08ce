package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/rehearse-app/rehearse/review"
)

const longPrompt = "Walk me through how you would rebuild a lead scoring model that sales no longer trusts, from the data you would look at first to how you would roll it out."

// oneQuestionSession makes a session of one question (longPrompt) headed
// title, with takes takes of text, each reviewed by a report with the given
// findings.
func oneQuestionSession(t *testing.T, title string, takes int, text string, fs []review.Finding) *Session {
	t.Helper()
	q := testQuestions()[:1]
	q[0].Prompt = longPrompt
	s := &Session{ID: "20261102-100000-abcd", Title: title, Created: testCreated, Questions: q}
	for i := 0; i < takes; i++ {
		tk := recordedTake(fmt.Sprintf("take-%d", i+1), q[0].ID, 16000*4, text)
		tk.Review = &review.Report{
			Question: q[0].ID,
			Metrics:  review.Metrics{Words: 9, WPM: 120 + float64(i), FillersPer100Words: 1},
			Findings: fs,
			Text:     text,
		}
		s.Takes = append(s.Takes, tk)
	}
	return s
}

func exportBoth(t *testing.T, sess *Session, rules *review.RuleSet) (md, html string) {
	t.Helper()
	var m, h bytes.Buffer
	if err := SessionMarkdown(&m, sess, rules); err != nil {
		t.Fatal(err)
	}
	if err := SessionHTML(&h, sess, rules); err != nil {
		t.Fatal(err)
	}
	return m.String(), h.String()
}

// TestSessionTitleIsNotRepeated: a session headed by its question (one
// that keeps its default name) does not repeat the question as a section
// heading; a renamed session shows its question under its name. (Which
// heading a session gets is session.Session.ReportTitle's job.)
func TestSessionTitleIsNotRepeated(t *testing.T) {
	sess := oneQuestionSession(t, longPrompt, 1, "I would start with the data.", nil)
	md, html := exportBoth(t, sess, nil)
	if !strings.HasPrefix(md, "# "+longPrompt+"\n") {
		t.Errorf("Markdown title: %q", strings.SplitN(md, "\n", 2)[0])
	}
	for _, want := range []string{"<h1>" + longPrompt + "</h1>", "<title>" + longPrompt + " — Rehearse</title>"} {
		if !strings.Contains(html, want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
	// The title is the question: it is not repeated as the section heading.
	if strings.Count(md, longPrompt) != 1 || strings.Count(html, longPrompt) != 2 { // <title> and <h1>
		t.Errorf("the question is repeated: %d times in Markdown, %d in HTML", strings.Count(md, longPrompt), strings.Count(html, longPrompt))
	}

	renamed := oneQuestionSession(t, "Mock with Dana", 1, "I would start with the data.", nil)
	md, html = exportBoth(t, renamed, nil)
	if !strings.HasPrefix(md, "# Mock with Dana\n") || !strings.Contains(html, "<h1>Mock with Dana</h1>") {
		t.Errorf("renamed session's title lost:\n%s", strings.SplitN(md, "\n", 2)[0])
	}
	if !strings.Contains(md, "## "+longPrompt) || !strings.Contains(html, "<h2>"+longPrompt+"</h2>") {
		t.Error("a renamed session's report does not show its question")
	}
}

// TestSessionFindingsUseRuleTitles: the findings are listed under the rule
// set's human titles in both formats, never their ids.
func TestSessionFindingsUseRuleTitles(t *testing.T) {
	text := "So I would rebuild the model with sales."
	fs := []review.Finding{
		{Rule: "talking-point-missing", Level: "info", Message: "You did not mention the data audit", Ref: "audit", Start: 0, End: 0},
		{Rule: "voiced-gap", Level: "warning", Message: "A voiced gap", TimeStart: 0, TimeEnd: 0.4, HasTime: true},
	}
	rules := review.NewRuleSet([]review.RuleSpec{
		{ID: "talking-point-missing", Kind: "coverage", Title: "Talking point not covered"},
		{ID: "voiced-gap", Kind: "voiced-gap", Title: "Likely untranscribed filler"},
	})
	sess := oneQuestionSession(t, longPrompt, 1, text, fs)
	md, html := exportBoth(t, sess, rules)
	for _, want := range []string{
		"1. **Talking point not covered** (info): You did not mention the data audit",
		"2. **Likely untranscribed filler** (warning): A voiced gap (at 0:00)",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown lacks %q", want)
		}
	}
	for _, want := range []string{
		`<span class="flag f-talking-point-missing">Talking point not covered</span> You did not mention the data audit`,
		`<span class="flag f-voiced-gap">Likely untranscribed filler</span> A voiced gap`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
	for _, id := range []string{"`talking-point-missing`", ">talking-point-missing<", ">voiced-gap<"} {
		if strings.Contains(md, id) || strings.Contains(html, id) {
			t.Errorf("rule id %s shown in a report", id)
		}
	}
	// The gap at 0:00 has no words: it is marked before the first word.
	if !strings.Contains(md, "> <sup>‸2</sup>So I would") {
		t.Errorf("Markdown gap marker missing:\n%s", md)
	}
	if !strings.Contains(html, `<sup class="tref f-voiced-gap" title="Likely untranscribed filler: A voiced gap">‸2</sup>So I would`) {
		t.Errorf("HTML gap marker missing")
	}
	if t.Failed() {
		t.Log(md)
	}
}

// TestSessionChartsOnlyToCompare: a single take gets its figures and no
// chart; two takes get charts comparing them.
func TestSessionChartsOnlyToCompare(t *testing.T) {
	sess := oneQuestionSession(t, longPrompt, 1, "I would start with the data.", nil)
	_, html := exportBoth(t, sess, nil)
	elems, _ := parseXHTML(t, html)
	if elems["svg"] != 0 || strings.Contains(html, "Takes at a glance") {
		t.Errorf("a single take has %d charts", elems["svg"])
	}
	if !strings.Contains(html, "<th>WPM</th>") || !strings.Contains(html, "<td>120</td>") {
		t.Error("a single take's figures are missing")
	}

	sess = oneQuestionSession(t, longPrompt, 2, "I would start with the data.", nil)
	_, html = exportBoth(t, sess, nil)
	elems, _ = parseXHTML(t, html)
	if elems["svg"] != 2 || !strings.Contains(html, `aria-label="Words per minute"`) {
		t.Errorf("two takes: %d charts, want the pace and fillers charts", elems["svg"])
	}
}

// TestTimeMarkerNearestTimedWord: a finding's time goes next to the timed
// word nearest to it: before a word it precedes, after one it follows.
func TestTimeMarkerNearestTimedWord(t *testing.T) {
	tr := &review.Transcript{Text: "Well, we cut spend.", Words: []review.Word{
		{Word: "Well", Start: 0.5, End: 0.8}, {Word: "we", Start: 3.0, End: 3.2},
		{Word: "cut", Start: 3.2, End: 3.5}, {Word: "spend", Start: 3.5, End: 4},
	}}
	w := timedWords(tr)
	for _, c := range []struct {
		sec  float64
		want int
	}{{0, 0}, {1.0, len("Well,")}, {2.8, len("Well, ")}, {9, len(tr.Text)}} {
		if got := offsetNear(tr.Text, w, c.sec, 0); got != c.want {
			t.Errorf("offsetNear(%v) = %d, want %d", c.sec, got, c.want)
		}
	}
	// No word timings: estimated from the share of the duration.
	plain := &review.Transcript{Text: "one two three four"}
	if got := offsetNear(plain.Text, timedWords(plain), 5, 10); got != len("one two ") {
		t.Errorf("estimated offset = %d", got)
	}
}
