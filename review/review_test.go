package review

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestReviewGolden reviews each testdata/golden input (QUESTION--name.txt
// or .json; QUESTION "none" for no question) and compares the JSON output
// with NAME.json.golden. (Package report renders the same reviews as text
// and Markdown against its own golden files.)
func TestReviewGolden(t *testing.T) {
	bank := builtinBankQuiet()
	rv := New(builtinRules(t))
	files, _ := filepath.Glob("testdata/golden/*.txt")
	js, _ := filepath.Glob("testdata/golden/*.json")
	files = append(files, js...)
	if len(files) == 0 {
		t.Fatal("no golden inputs")
	}
	for _, f := range files {
		base := filepath.Base(f)
		t.Run(base, func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			tr, err := ParseTranscript(data)
			if err != nil {
				t.Fatal(err)
			}
			var q *Question
			if qid, _, _ := strings.Cut(base, "--"); qid != "none" {
				qq, ok := bank.ByID(qid)
				if !ok {
					t.Fatalf("question %q not in the built-in bank", qid)
				}
				q = &qq
			}
			rep := rv.Review(Input{Transcript: tr, Question: q})
			stem := strings.TrimSuffix(f, filepath.Ext(f))
			jb, err := json.MarshalIndent(rep, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			golden(t, stem+".json.golden", append(jb, '\n'))
			// the JSON reads back to the same report
			var back Report
			if err := json.Unmarshal(jb, &back); err != nil {
				t.Fatal(err)
			}
			jb2, _ := json.MarshalIndent(&back, "", "  ")
			if !bytes.Equal(jb, jb2) {
				t.Error("report JSON does not round-trip")
			}
		})
	}
}

// seedQuestion returns a built-in question or fails.
func seedQuestion(t *testing.T, id string) *Question {
	t.Helper()
	bank := builtinBankQuiet()
	q, ok := bank.ByID(id)
	if !ok {
		t.Fatalf("question %q not in the built-in bank", id)
	}
	return &q
}

// TestSeedAnswers checks the seed guide's own examples: the canonical bad
// opening is flagged; its model answers pass clean on their rules.
func TestSeedAnswers(t *testing.T) {
	rv := New(builtinRules(t))
	review := func(qid, file string) *Report {
		data, err := os.ReadFile("testdata/golden/" + qid + "--" + file)
		if err != nil {
			t.Fatal(err)
		}
		return rv.Review(Input{Transcript: &Transcript{Text: string(data)}, Question: seedQuestion(t, qid)})
	}
	bad := review("budget-prioritization", "linkedin-ads.txt")
	if countRule(bad, "jump-to-solution") != 1 {
		t.Errorf(`"I'd do LinkedIn Ads" not flagged as jump-to-solution: %+v`, bad.Findings)
	}
	for _, f := range bad.Findings {
		if f.Rule == "jump-to-solution" && f.Text != "I'd do LinkedIn Ads" {
			t.Errorf("jump-to-solution spans %q, want the tactic", f.Text)
		}
	}
	analyst := review("budget-prioritization", "analyst-seed.txt")
	for _, id := range []string{"jump-to-solution", "filler", "hedge"} {
		if n := countRule(analyst, id); n != 0 {
			t.Errorf("Analyst Approach answer: %d %s findings", n, id)
		}
	}
	pixel := review("zero-engagement-troubleshooting", "pipe-to-pixel-seed.txt")
	for _, id := range []string{"jump-to-solution", "filler", "talking-point-missing"} {
		if n := countRule(pixel, id); n != 0 {
			t.Errorf("Pipe-to-Pixel answer: %d %s findings: %+v", n, id, pixel.Findings)
		}
	}
	vp := review("impossible-request", "vp-of-sales-seed.txt")
	if countRule(vp, "missing-tradeoff") != 0 || countRule(vp, "tradeoff") == 0 {
		t.Errorf("VP of Sales answer: want a tradeoff finding and no missing-tradeoff: %+v", vp.Findings)
	}
	if vp.Scores.Agency != 100 {
		t.Errorf("VP of Sales agency score %d, want 100", vp.Scores.Agency)
	}
	no := review("impossible-request", "flat-no.txt")
	found := false
	for _, f := range no.Findings {
		if f.Rule == "missing-tradeoff" {
			found = true
			if f.Text != "told him no" && !strings.Contains(f.Text, "no") {
				t.Errorf("flat no: missing-tradeoff spans %q", f.Text)
			}
		}
	}
	if !found {
		t.Error("a flat no passed as agency")
	}
}

// TestFillerPositions checks discourse words count as fillers only in
// filler position.
func TestFillerPositions(t *testing.T) {
	rv := New(builtinRules(t))
	for _, c := range []struct {
		text string
		want []string
	}{
		{"I'd like to see the data.", nil},
		{"It looks like the pixel broke.", nil},
		{"We use tools like Marketo.", nil},
		{"What kind of data do we have?", nil},
		{"Kind of data we need is basic.", nil},
		{"Um, the form, like, broke.", []string{"Um", "like"}},
		{"We had like 20 paths.", []string{"like"}},
		{"And I was like, that's not our number.", nil}, // quoting a thought
		{"With no QA, mistakes are likely.", nil},
		{"That's the route I liked, the fast lane.", nil}, // "liked" is no filler "like"
		{"She replied, literally, 'B'.", nil},             // emphasis
		{"I'd ask her something like, would you rather wait?", nil},
		{"So, I would start there.", []string{"So"}},
		{"So I would start there.", []string{"So"}},                 // the answer's first word: a tic
		{"Um, yeah, so I would start there.", []string{"Um", "so"}}, // after lead-ins, still the opening
		{"We checked all of the data first. So I would start there.", nil},
		{"Okay so the plan is simple.", []string{"Okay so"}},
		{"That's the goal, right?", []string{"right"}},
		{"You know, it was a mess.", []string{"You know"}},
		{"You know the answer.", nil},
		{"I mean, it worked.", []string{"I mean"}},
		{"By MQL I mean a scored lead.", nil},
		{"Basically, we rebuilt it.", []string{"Basically"}},
		{"We basically rebuilt it.", nil},
		{"Actually, the first thing I'd do is ask.", []string{"Actually"}},
		{"Um, bueno, this is a classic.", []string{"Um", "bueno"}}, // a Spanish speaker's fillers
		{"I asked her, o sea, what the goal was.", []string{"o sea"}},
		{"Eight hundred a week is, che, madness.", []string{"che"}},
		{"She accepted, pronto, but not happy.", []string{"pronto"}},
		{"We needed it pronto.", nil},
		// speech-to-text with no punctuation: no pause to go by, the neighbours decide
		{"the sales director wanted every form fill pushed to the reps and i told him the reps would drown " +
			"and he was you know mostly fine with the pilot i mean it worked out and the fast lane was basically free", []string{"you know", "i mean", "basically"}},
		{"He was, you know, fine. It was you know mostly fine.", []string{"you know"}},
		{"And the CRO, actually, thanked her.", []string{"actually"}},
		{"Acceptance went up, actually.", nil}, // it surprised: not a tic
		{"Uh I think we, sort of, agreed.", []string{"Uh", "sort of"}},
	} {
		rep := rv.Review(Input{Transcript: &Transcript{Text: c.text}})
		var got []string
		for _, f := range rep.Findings {
			if f.Rule == "filler" {
				got = append(got, f.Text)
			}
		}
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("%q: fillers %q, want %q", c.text, got, c.want)
		}
	}
}

// TestSeedModelAnswersScoreFull checks that every model answer of the seed
// guide scores 100 in every area its question's rubric assesses, with no
// warning: a candidate who learns them is never told they are wrong.
func TestSeedModelAnswersScoreFull(t *testing.T) {
	rv := New(builtinRules(t))
	for _, c := range []struct{ qid, file string }{
		{"budget-prioritization", "analyst-seed.txt"},
		{"zero-engagement-troubleshooting", "pipe-to-pixel-seed.txt"},
		{"leads-vs-contacts-sync", "seed.txt"},
		{"data-hygiene-process", "seed.txt"},
		{"impossible-request", "vp-of-sales-seed.txt"},
		{"reverse-questions-for-us", "seed-questions.txt"},
	} {
		data, err := os.ReadFile("testdata/golden/" + c.qid + "--" + c.file)
		if err != nil {
			t.Fatal(err)
		}
		rep := rv.Review(Input{Transcript: &Transcript{Text: string(data)}, Question: seedQuestion(t, c.qid)})
		for _, a := range []struct {
			name  string
			score int
			r     AreaReasons
		}{{"delivery", rep.Scores.Delivery, rep.ScoreReasons.Delivery}, {"structure", rep.Scores.Structure, rep.ScoreReasons.Structure},
			{"agency", rep.Scores.Agency, rep.ScoreReasons.Agency}, {"content", rep.Scores.Content, rep.ScoreReasons.Content}} {
			if a.r.Assessed && a.score != 100 {
				t.Errorf("%s model answer: %s %d, want 100 (%+v)", c.qid, a.name, a.score, a.r.Reasons)
			}
		}
		for _, f := range rep.Findings {
			if f.Level == LevelWarning || f.Level == LevelError || f.Rule == "talking-point-missing" || strings.HasPrefix(f.Rule, "star-missing") {
				t.Errorf("%s model answer: finding %s %q: %s", c.qid, f.Rule, f.Text, f.Message)
			}
		}
	}
}

// TestRubricOnlyScoresWhatIsAsked checks that the budget case is judged on
// diagnosis, not on options: its agency score is "not assessed".
func TestRubricOnlyScoresWhatIsAsked(t *testing.T) {
	q := seedQuestion(t, "budget-prioritization")
	if slices.Contains(q.Rubric(), RubricAgency) || !slices.Contains(q.Rubric(), RubricDiagnosis) {
		t.Fatalf("budget rubric %v: want diagnosis and no agency", q.Rubric())
	}
	rep := New(builtinRules(t)).Review(Input{Transcript: &Transcript{Text: "I'd do LinkedIn Ads."}, Question: q})
	if rep.ScoreReasons.Agency.Assessed || countRule(rep, "missing-tradeoff") != 0 {
		t.Errorf("budget answer judged on agency: %+v", rep.Findings)
	}
	data, _ := json.Marshal(rep)
	if !strings.Contains(string(data), `"agency":null`) {
		t.Errorf("unassessed agency not null in JSON: %s", data)
	}
}

// TestPartialCoverage checks a talking point with parts: some parts covered
// is "partly covered", shown as such, and counts half.
func TestPartialCoverage(t *testing.T) {
	q := &Question{ID: "q", Category: CategoryStrategic, Prompt: "p", ThinkSeconds: 5, AnswerSeconds: 60,
		TalkingPoints: []TalkingPoint{{ID: "data", Label: "Attribution and velocity", Parts: []TalkingPointPart{
			{ID: "attribution", Label: "attribution", Concepts: [][]string{{"attribution"}}},
			{ID: "velocity", Label: "velocity to revenue", Concepts: [][]string{{"velocity|speed|fast", "revenue|closed won"}}},
		}}}}
	rv := New(builtinRules(t))
	rep := rv.Review(Input{Transcript: &Transcript{Text: "I'd start from our attribution data."}, Question: q})
	tp := rep.TalkingPoints[0]
	if tp.Covered || !tp.Partial || len(tp.Parts) != 2 || !tp.Parts[0].Covered || tp.Parts[1].Covered {
		t.Fatalf("want partly covered (attribution only): %+v", tp)
	}
	if rep.Scores.Content != 50 {
		t.Errorf("content %d, want 50 for one point half covered", rep.Scores.Content)
	}
	var msg string
	for _, f := range rep.Findings {
		if f.Rule == "talking-point-missing" {
			msg = f.Message
		}
	}
	if !strings.Contains(msg, "partly covered") || !strings.Contains(msg, "velocity to revenue") {
		t.Errorf("finding %q does not say what is missing", msg)
	}
	rep = rv.Review(Input{Transcript: &Transcript{Text: "I'd start from attribution, and how fast each channel turns into revenue."}, Question: q})
	if !rep.TalkingPoints[0].Covered {
		t.Errorf("both parts said, point not covered: %+v", rep.TalkingPoints[0])
	}
}
