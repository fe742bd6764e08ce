package report

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"

	"github.com/rehearse-app/rehearse/review"
)

const hostileTitle = `<script>alert("x")</script> & Q's`

// exportFixture makes a session with one reviewed, noted take, one take
// whose transcription failed and hostile text everywhere.
func exportFixture(t *testing.T) *Session {
	t.Helper()
	qs := testQuestions()
	qs[0].Prompt = "Budget <b>cut</b>: what goes *first*?"
	text := "Um, so I would <i>first</i> check attribution, but the trade-off is speed."
	t1 := recordedTake("take-1", qs[0].ID, 16000, text)
	ca := strings.Index(text, "check attribution")
	t2 := recordedTake("take-2", qs[1].ID, 1600, "")
	t2.TranscriptFailed, t2.TranscriptError = true, "server said <nope>"
	t1.Notes = []Note{
		{Author: `Coach "K" <k@x>`, Tag: "fix", Text: `</li><img src=x onerror=alert(1)>`, Start: ca, End: ca + len("check attribution"), Time: 2.5},
		{Author: "Coach", Tag: "praise", Text: "Nice trade-off", Start: -1, End: -1, Time: -1},
	}
	um := strings.Index(text, "Um")
	to := strings.Index(text, "the trade-off")
	rep := &review.Report{
		Question: qs[0].ID,
		Metrics:  review.Metrics{Words: 14, WPM: 84, Fillers: 1, FillersPer100Words: 7.1, LongestPauseS: 1.2},
		Findings: []review.Finding{
			{Rule: "filler", Level: "warning", Message: "Filler <um>", Suggestion: "Pause instead", Text: "Um", Start: um, End: um + 2, TimeStart: 0.3, TimeEnd: 0.5, HasTime: true},
			{Rule: "long-pause", Level: "info", Message: "A 2.4 s pause", TimeStart: 61, TimeEnd: 63.4, HasTime: true},
			{Rule: "tradeoff", Level: "positive", Message: "Names a trade-off", Text: "the trade-off", Start: to, End: to + len("the trade-off")},
			{Rule: "hedge", Level: "warning", Message: "overlaps the filler", Start: um, End: um + 3},
			{Rule: "missing-tradeoff", Level: "info", Message: "bad span ignored", Start: 5, End: 500},
		},
		TalkingPoints: []review.TalkingPointHit{{ID: "attr", Label: "Start from <attribution>", Covered: true}, {ID: "s", Label: "Stakeholders", Covered: false}},
		Scores:        review.Scores{Delivery: 78, Structure: 60, Agency: 100, Content: 67},
		Text:          text,
	}
	for _, a := range []*review.AreaReasons{&rep.ScoreReasons.Delivery, &rep.ScoreReasons.Structure, &rep.ScoreReasons.Agency, &rep.ScoreReasons.Content} {
		a.Assessed = true
	}
	t1.Review = rep
	return &Session{ID: "20261102-100000-abcd", Title: hostileTitle, Created: testCreated, Questions: qs, Takes: []Take{t1, t2}}
}

// parseXHTML parses the report strictly as XML (the exporter writes
// well-formed markup) and counts elements by name and by class.
func parseXHTML(t *testing.T, doc string) (map[string]int, map[string]int) {
	t.Helper()
	elems, classes := map[string]int{}, map[string]int{}
	eachElement(t, doc, func(se xml.StartElement) {
		elems[se.Name.Local]++
		for _, a := range se.Attr {
			if a.Name.Local == "class" {
				for _, c := range strings.Fields(a.Value) {
					classes[c]++
				}
			}
			if strings.HasPrefix(strings.ToLower(a.Name.Local), "on") {
				t.Errorf("event attribute %s in output", a.Name.Local)
			}
		}
	})
	return elems, classes
}

// eachElement parses doc strictly as XML and calls visit with each start
// element; it fails t when doc is not well-formed.
func eachElement(t *testing.T, doc string, visit func(xml.StartElement)) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(doc))
	d.Strict = true
	d.Entity = xml.HTMLEntity
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("report is not well-formed: %v", err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			visit(se)
		}
	}
}

func TestSessionHTML(t *testing.T) {
	sess := exportFixture(t)
	var b bytes.Buffer
	if err := SessionHTML(&b, sess, nil); err != nil {
		t.Fatal(err)
	}
	doc := b.String()
	elems, classes := parseXHTML(t, doc)
	if elems["script"] != 0 || elems["img"] != 0 || elems["i"] != 0 || elems["b"] != 0 {
		t.Fatalf("unescaped markup got through: %v", elems)
	}
	for _, want := range []string{
		"&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; Q&#39;s",
		"Budget &lt;b&gt;cut&lt;/b&gt;",
		"&lt;i&gt;first&lt;/i&gt;",
		"&lt;/li&gt;&lt;img src=x onerror=alert(1)&gt;",
		"Coach &#34;K&#34; &lt;k@x&gt;",
		"server said &lt;nope&gt;",
		`<span class="flag f-filler" title="Filler word: Filler &lt;um&gt;">Um<sup>1</sup></span>`,
		`<span class="flag f-tradeoff" title="Trade-off offered: Names a trade-off">the trade-off<sup>3</sup></span>`,
		`<span class="flag f-long-pause">Long pause</span> A 2.4 s pause <small>at 1:01</small>`,
		`<span class="flag f-filler">Filler word</span> Filler &lt;um&gt;`,
		// The pause has a time but no words: marked at the nearest word.
		`is speed.<sup class="tref f-long-pause" title="Long pause: A 2.4 s pause">‸2</sup>`,
		`<th>delivery</th>`, `<td>78 / 100</td>`,
		"@media print", "Longest pause", "at 0:03",
	} {
		if !strings.Contains(doc, want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
	// One take has figures: nothing to compare, so no chart at all.
	if classes["question"] != 2 || classes["take"] != 2 || elems["svg"] != 0 || classes["tp-ok"] != 1 || classes["tp-miss"] != 1 {
		t.Errorf("structure: elems %v classes %v", elems, classes)
	}
	// Filler: legend, transcript, findings list. The overlapping hedge and
	// the out-of-range finding are listed (and hedge in the legend) but not
	// highlighted.
	if classes["f-filler"] != 3 || classes["f-hedge"] != 2 || classes["f-missing-tradeoff"] != 1 || classes["nref"] != 3 {
		t.Errorf("highlights: %v", classes)
	}
	if strings.Contains(doc, "http://") && !strings.Contains(doc, `xmlns="http://www.w3.org/2000/svg"`) {
		t.Error("report references an external resource")
	}
	for _, ext := range []string{"<link", "src=\"http", "@import", "url("} {
		if strings.Contains(doc, ext) {
			t.Errorf("report is not self-contained: has %q", ext)
		}
	}
	if strings.Contains(doc, ">filler<") || strings.Contains(doc, ">long-pause<") {
		t.Error("a rule id is shown where its title belongs")
	}
}

func TestSessionHTMLWithoutReviews(t *testing.T) {
	sess := withoutReviews(exportFixture(t))
	var b bytes.Buffer
	if err := SessionHTML(&b, sess, nil); err != nil {
		t.Fatal(err)
	}
	_, classes := parseXHTML(t, b.String())
	if classes["flag"] != 0 || classes["findings"] != 0 || classes["transcript"] != 2 {
		t.Fatalf("classes %v", classes)
	}
}

func TestSessionMarkdown(t *testing.T) {
	sess := exportFixture(t)
	var b bytes.Buffer
	if err := SessionMarkdown(&b, sess, nil); err != nil {
		t.Fatal(err)
	}
	md := b.String()
	for _, want := range []string{
		"# &lt;script&gt;alert(\"x\")&lt;/script&gt; & Q's",
		"## Budget &lt;b&gt;cut&lt;/b&gt;: what goes \\*first\\*?",
		"_Strategic scenario (case study)_",
		"> **Um**<sup>1</sup>, so I would &lt;i&gt;first&lt;/i&gt; check attribution<sup>[N1]</sup>, but **the trade-off**<sup>3</sup> is speed.",
		"**the trade-off**<sup>3</sup>",
		"| 14 | 84 | 7.1 | 1 | 1.2 s | 0 |",
		"**Scores:** delivery 78 · structure 60 · agency 100 · content 67",
		"1. **Filler word** (warning): Filler &lt;um&gt; — “Um” (at 0:00) _Pause instead_",
		"2. **Long pause** (info): A 2.4 s pause (at 1:01)",
		"is speed.<sup>‸2</sup>",
		"- [x] Start from &lt;attribution&gt;",
		"- [ ] Stakeholders",
		"- **N1 fix** — Coach \"K\" &lt;k@x&gt; (at 0:03, on “check attribution”): &lt;/li&gt;&lt;img src\\=x onerror\\=alert(1)&gt;",
		"_Transcription failed: server said &lt;nope&gt;_",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown lacks %q", want)
		}
	}
	if strings.Contains(md, "`filler`") || strings.Contains(md, "long-pause") {
		t.Error("a rule id is shown where its title belongs")
	}
	if strings.Contains(md, "<img") || strings.Contains(md, "<script") {
		t.Error("raw markup in Markdown")
	}
	if t.Failed() {
		t.Log(md)
	}
}

func TestMarkTextEdges(t *testing.T) {
	id := func(s string) string { return s }
	got := markText("héllo wörld", []span{{Start: 0, End: 6, N: 1}, {Start: 7, End: 13, N: 2}},
		[]anchor{{At: 6, Label: "a"}, {At: 13, Label: "b"}}, id,
		func(span) string { return "[" }, func(span) string { return "]" }, func(a anchor) string { return "^" + a.Label })
	if got != "[héllo]^a [wörld]^b" {
		t.Fatalf("got %q", got)
	}
	if validSpan("héllo", 1, 2) || !validSpan("héllo", 1, 3) || validSpan("abc", 2, 2) || validSpan("abc", -1, 2) {
		t.Fatal("validSpan")
	}
	if got := markText("", nil, nil, id, nil, nil, nil); got != "" {
		t.Fatalf("empty: %q", got)
	}
}
