package report

import (
	"bytes"
	"encoding/xml"
	"regexp"
	"strings"
	"testing"

	"github.com/rehearse-app/rehearse/internal/testkit"
	"github.com/rehearse-app/rehearse/review"
)

// reportElements are the only elements the HTML report emits.
var reportElements = map[string]bool{
	"html": true, "head": true, "meta": true, "title": true, "style": true, "body": true,
	"header": true, "footer": true, "section": true, "article": true, "div": true, "p": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "small": true, "em": true, "span": true, "sup": true,
	"table": true, "tr": true, "th": true, "td": true, "ol": true, "ul": true, "li": true,
	"svg": true, "text": true, "line": true, "rect": true,
}

// urlAttrs are attributes that load or navigate to a URL; the report has
// none.
var urlAttrs = map[string]bool{"href": true, "src": true, "srcdoc": true, "action": true, "formaction": true, "data": true, "poster": true, "background": true}

// hostileSession is a session as an imported hostile bundle gives it
// (session's TestHostileBundleRoundTrips checks the text survives the
// import unchanged): its title, question, category, talking point,
// transcript, transcription error and notes all carry markup, and so do
// the findings of the review of its transcribed take.
func hostileSession() *Session {
	qs := testQuestions()
	qs[0].Prompt = "Budget " + testkit.XSSAttr + testkit.XSSScript
	qs[0].Category = testkit.XSSStyle
	qs[0].TalkingPoints = []review.TalkingPoint{{ID: "tp", Label: testkit.XSSLink}}
	text := "Um, " + testkit.XSSScript + " then " + testkit.XSSAttr + " and " + testkit.XSSLink + " or " + testkit.XSSURL + " done."
	t1 := recordedTake("take-1", qs[0].ID, 1600, text)
	t2 := recordedTake("take-2", qs[1].ID, 800, "")
	t2.TranscriptFailed, t2.TranscriptError = true, testkit.XSSAttr+testkit.XSSScript
	at := strings.Index(text, testkit.XSSAttr)
	t1.Notes = []Note{
		{Author: testkit.XSSAttr, Tag: "fix", Text: testkit.XSSLink + " " + testkit.XSSScript, Start: at, End: at + len(testkit.XSSAttr), Time: 1},
		{Author: testkit.XSSScript, Tag: "question", Text: testkit.XSSURL, Start: -1, End: -1, Time: -1},
	}
	sc := strings.Index(text, testkit.XSSScript)
	ln := strings.Index(text, testkit.XSSLink)
	t1.Review = &review.Report{
		Question: qs[0].ID,
		Metrics:  review.Metrics{Words: 20, WPM: 120, FillersPer100Words: 5},
		Findings: []review.Finding{
			{Rule: "filler", Level: "warning", Message: testkit.XSSScript, Suggestion: testkit.XSSURL, Text: "Um", Start: 0, End: 2},
			{Rule: testkit.XSSAttr, Level: "info", Message: testkit.XSSAttr, Text: text[sc : sc+len(testkit.XSSScript)], Start: sc, End: sc + len(testkit.XSSScript)},
			{Rule: "hedge", Level: "warning", Message: testkit.XSSLink, Suggestion: testkit.XSSStyle, Text: testkit.XSSLink, Start: ln, End: ln + len(testkit.XSSLink), TimeStart: 3, HasTime: true},
		},
		TalkingPoints: []review.TalkingPointHit{{ID: "tp", Label: testkit.XSSLink}},
		Star:          []review.StarHit{{ID: "situation", Label: testkit.XSSTitle, Present: true, Start: sc, End: sc + len(testkit.XSSScript)}},
		Text:          text,
	}
	return &Session{ID: "20261104-090000-abcd", Title: testkit.XSSTitle + testkit.XSSScript + testkit.XSSAttr, Created: testCreated, Questions: qs, Takes: []Take{t1, t2}}
}

// TestSessionHTMLImportedBundleIsInert exports a hostile imported bundle as
// HTML and checks that none of its markup became active: no element the
// report does not emit itself (no script, img, a, ...), no event-handler
// attribute and no attribute that loads or navigates to a URL, while the
// hostile text is still shown, escaped.
func TestSessionHTMLImportedBundleIsInert(t *testing.T) {
	hostile := hostileSession()
	for _, sess := range []*Session{hostile, withoutReviews(hostile)} {
		reviewed := sess == hostile
		var b bytes.Buffer
		if err := SessionHTML(&b, sess, nil); err != nil {
			t.Fatal(err)
		}
		doc := b.String()
		checkInertHTML(t, doc)
		for _, want := range []string{
			"&lt;script&gt;alert(1)&lt;/script&gt;",
			"&#34;&gt;&lt;img src=x onerror=alert(1)&gt;",
			"&lt;a href=&#34;javascript:alert(1)&#34;&gt;click&lt;/a&gt;",
			"&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;title&gt;",
			"&lt;/style&gt;&lt;svg onload=alert(1)&gt;",
			" or javascript:alert(1) done.",
		} {
			if !strings.Contains(doc, want) {
				t.Errorf("report (reviewed: %v) lacks the escaped text %q", reviewed, want)
			}
		}
		if t.Failed() {
			t.Log(doc)
			return
		}
	}
}

// checkInertHTML fails t when doc holds markup the report does not emit
// itself.
func checkInertHTML(t *testing.T, doc string) {
	t.Helper()
	// Every tag opened in the raw text is one of ours (this also covers
	// the raw-text elements title and style, which an HTML parser would
	// not read as markup).
	for _, m := range regexp.MustCompile(`<\s*/?\s*([A-Za-z][A-Za-z0-9:-]*)`).FindAllStringSubmatch(doc, -1) {
		if !reportElements[strings.ToLower(m[1])] {
			t.Errorf("element <%s> in the report", m[1])
		}
	}
	if n := strings.Count(strings.ToLower(doc), "<script"); n != 0 {
		t.Errorf("%d <script> in the report", n)
	}
	eachElement(t, doc, func(se xml.StartElement) {
		if !reportElements[se.Name.Local] {
			t.Errorf("element <%s> in the report", se.Name.Local)
		}
		for _, a := range se.Attr {
			name := strings.ToLower(a.Name.Local)
			if strings.HasPrefix(name, "on") {
				t.Errorf("event attribute %s=%q on <%s>", a.Name.Local, a.Value, se.Name.Local)
			}
			if urlAttrs[name] {
				t.Errorf("URL attribute %s=%q on <%s>", a.Name.Local, a.Value, se.Name.Local)
			}
			if name == "style" {
				t.Errorf("style attribute %q on <%s>", a.Value, se.Name.Local)
			}
		}
	})
}
