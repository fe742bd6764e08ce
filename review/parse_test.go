package review

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestParseTranscript checks plain text, transcribe --json output, and
// clear errors with positions for malformed JSON.
func TestParseTranscript(t *testing.T) {
	tr, err := ParseTranscript([]byte("\xef\xbb\xbfSo, um, hello.\n"))
	if err != nil || tr.Text != "So, um, hello.\n" || tr.Words == nil || tr.HasWordTimings() {
		t.Errorf("plain text: %+v, %v", tr, err)
	}
	in := `{ "text": "Hello world, this is a test.", "language": "en", "duration": 1.7,
  "words":    [ { "word": "Hello", "start": 0.0, "end": 0.32 } ],
  "segments": [ { "start": 0.0, "end": 1.46, "text": "Hello world, this is a test." } ],
  "source":   { "model": "whisper-1", "server": "api.openai.com" } }`
	tr, err = ParseTranscript([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if tr.Text != "Hello world, this is a test." || len(tr.Words) != 1 || tr.Source.Model != "whisper-1" || tr.Duration != 1.7 {
		t.Errorf("JSON: %+v", tr)
	}
	back, _ := json.Marshal(tr)
	if tr2, err := ParseTranscript(back); err != nil || tr2.Text != tr.Text {
		t.Errorf("round trip: %v", err)
	}
	for _, c := range []struct{ in, want string }{
		{"{\n  \"text\": \"a\",\n  \"duration\": ,\n}", "line 3, column 15"},
		{"{\"text\": 5}", `line 1, column 10: field "text"`},
		{"{\"text\": \"a\"", "unexpected end"},
		{"{}", `no "text" and no "words"`},
		{`{"text":"a b","words":[{"word":"a","start":1,"end":0.5}]}`, `words[0] ("a")`},
		{`{"text":"a"} {"text":"b"}`, "line 1, column 14: unexpected data after"},
	} {
		_, err := ParseTranscript([]byte(c.in))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %v, want it to contain %q", c.in, err, c.want)
		}
	}
}

// TestScoresExplained checks, over the corpus, that every score equals 100
// plus the points of its reasons (clamped to 0..100), that findings are
// sorted, and that spans lie in the text.
func TestScoresExplained(t *testing.T) {
	bank := builtinBankQuiet()
	rv := New(builtinRules(t))
	entries := loadCorpus(t)
	for _, e := range entries {
		q, ok := bank.ByID(e.Question)
		if !ok {
			continue
		}
		text, _, _ := stripMarkers(e.Text)
		rep := rv.Review(Input{Transcript: &Transcript{Text: text, Duration: 60}, Question: &q})
		for _, a := range []struct {
			score int
			why   AreaReasons
		}{{rep.Scores.Delivery, rep.ScoreReasons.Delivery}, {rep.Scores.Structure, rep.ScoreReasons.Structure},
			{rep.Scores.Agency, rep.ScoreReasons.Agency}, {rep.Scores.Content, rep.ScoreReasons.Content}} {
			sum := 100
			for _, r := range a.why.Reasons {
				sum += r.Points
			}
			if want := min(100, max(0, sum)); a.score != want {
				t.Errorf("%s: score %d, reasons add to %d", e.ID, a.score, want)
			}
		}
		for i, f := range rep.Findings {
			if f.End < f.Start || f.End > len(text) || text[f.Start:f.End] != f.Text && f.End > f.Start {
				t.Errorf("%s: finding %s span [%d,%d) %q", e.ID, f.Rule, f.Start, f.End, f.Text)
			}
			if i > 0 && f.Start < rep.Findings[i-1].Start {
				t.Errorf("%s: findings not sorted at %d", e.ID, i)
			}
		}
		s := rep.Summary()
		if s.Scores != rep.Scores || s.Words != rep.Metrics.Words || !s.Assessed.Content {
			t.Errorf("%s: summary %+v", e.ID, s)
		}
	}
}

// TestPace checks the pace finding and its stated range and source.
func TestPace(t *testing.T) {
	rs := builtinRules(t)
	pr, _ := rs.Rule("pace")
	rv := New(rs)
	words := strings.Repeat("we check the data and align with sales ", 10) // 80 words
	for _, c := range []struct {
		dur  float64
		want int
	}{{30, 0}, {20, 1}, {60, 1}} { // 160, 240 and 80 wpm
		rep := rv.Review(Input{Transcript: &Transcript{Text: words, Duration: c.dur}})
		if n := countRule(rep, "pace"); n != c.want {
			t.Errorf("%g s: %d pace findings, want %d (wpm %.0f)", c.dur, n, c.want, rep.Metrics.WPM)
		}
		if rep.Pace == nil || rep.Pace.Source != pr.Source || rep.Pace.MinWPM != pr.MinWPM || rep.Pace.Basis != "transcript duration" {
			t.Errorf("pace check %+v", rep.Pace)
		}
	}
}

// TestReviewConcurrent reviews with different questions at once (run with
// -race): the per-question matcher cache and scratch pool are shared.
func TestReviewConcurrent(t *testing.T) {
	bank := builtinBankQuiet()
	rv := New(builtinRules(t))
	qs := bank.All()
	done := make(chan *Report)
	for i := 0; i < 8; i++ {
		go func(q Question) {
			done <- rv.Review(Input{Transcript: &Transcript{Text: "Um, I'd start with the attribution data, like, right away."}, Question: &q})
		}(qs[i%len(qs)])
	}
	for i := 0; i < 8; i++ {
		if r := <-done; r.Metrics.Fillers != 2 {
			t.Errorf("fillers = %d, want 2", r.Metrics.Fillers)
		}
	}
}

// TestStems checks suffix stripping finds the base word, and leaves the
// word itself intact for later tries.
func TestStems(t *testing.T) {
	m := compile([]RuleSpec{{ID: "x", Kind: KindExistence, Level: LevelInfo, Message: "m",
		Match: []MatchSpec{{Tokens: []string{"analyze", "audit", "priority", "plan", "align", "like"}}}}}, nil, nil)
	for w, want := range map[string]string{"analyzing": "analyze", "audits": "audit", "audited": "audit",
		"priorities": "priority", "planned": "plan", "aligning": "align", "alignment": "",
		"likely": ""} {
		buf := []byte(w)
		id, _ := m.lookupInflected(buf)
		got := ""
		for k, v := range m.vocab {
			if v == id && id >= 0 {
				got = k
			}
		}
		if got != want {
			t.Errorf("lookup(%q) = %q, want %q", w, got, want)
		}
		if string(buf) != w {
			t.Errorf("lookup changed its input to %q", buf)
		}
	}
}

// TestSpans checks the highlight spans of a report.
func TestSpans(t *testing.T) {
	rep := New(builtinRules(t)).Review(Input{Transcript: &Transcript{Text: "Um, I think so."}})
	sp := rep.Spans()
	if len(sp) != 2 || sp[0].Rule != "filler" || sp[0].Title != "Filler word" || sp[1].Rule != "hedge" || rep.Text[sp[1].Start:sp[1].End] != "I think" || rep.Findings[sp[1].Finding].Rule != "hedge" {
		t.Errorf("spans %+v", sp)
	}
}
