package review

import (
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The reasoning corpus (testdata/corpus2) is a set of answers written in
// natural words, labelled for talking points, the agency and
// jump-to-solution verdicts and STAR elements. It was split into dev and
// test by a hash of each answer's id before any tuning: rules and concepts
// are tuned on dev only, and the targets below are checked on test only.

// reasonEntry is one labelled answer of testdata/corpus2.
type reasonEntry struct {
	ID             string   `yaml:"id"`
	Question       string   `yaml:"question"`
	Style          string   `yaml:"style"`
	Text           string   `yaml:"text"`
	JumpToSolution bool     `yaml:"jump_to_solution"`
	Tradeoff       bool     `yaml:"tradeoff"`
	TalkingPoints  []string `yaml:"talking_points"`
	Star           []string `yaml:"star"`
}

// corpusSplit returns "dev" or "test" for an answer id: a fixed hash, so
// the split was decided before any answer was read.
func corpusSplit(id string) string {
	h := fnv.New32a()
	h.Write([]byte(id))
	if h.Sum32()%2 == 0 {
		return "dev"
	}
	return "test"
}

func loadReasonCorpus(t *testing.T, split string) []reasonEntry {
	t.Helper()
	// REHEARSE_CORPUS_GLOB narrows a run to some batches, for the first
	// sight of new ones ("testdata/corpus2/batch-6[2-9].yaml")
	pattern := "testdata/corpus2/*.yaml"
	if g := os.Getenv("REHEARSE_CORPUS_GLOB"); g != "" {
		pattern = g
	}
	files, _ := filepath.Glob(pattern)
	var out []reasonEntry
	readCorpus(t, files, func(e *reasonEntry) string { return e.ID }, func(e reasonEntry, _ string) {
		if corpusSplit(e.ID) == split {
			out = append(out, e)
		}
	})
	return out
}

// reasonScores are the counts of one run over a split.
type reasonScores struct {
	points, star, filler prCount
	agencyOK, agencyN    int
	agencyMissed         int // an offer of options the reviewer did not see
	agencyFalse          int // an offer the reviewer saw where there was none
	jumpOK, jumpN        int
	answers              int
}

// overlaps reports whether two character spans share a character.
func overlaps(a, b [2]int) bool { return a[0] < b[1] && b[0] < a[1] }

func acc(ok, n int) float64 {
	if n == 0 {
		return 1
	}
	return float64(ok) / float64(n)
}

// runReasonCorpus reviews every answer of a split; with logf it reports
// each disagreement.
func runReasonCorpus(t *testing.T, split string, logf func(format string, a ...any)) reasonScores {
	t.Helper()
	bank := builtinBankQuiet()
	rv := New(builtinRules(t))
	var s reasonScores
	for _, e := range loadReasonCorpus(t, split) {
		q, ok := bank.ByID(e.Question)
		if !ok {
			t.Errorf("%s: question %q not in the bank", e.ID, e.Question)
			continue
		}
		text, want, err := stripMarkers(e.Text)
		if err != nil {
			t.Errorf("%s: %v", e.ID, err)
			continue
		}
		s.answers++
		rep := rv.Review(Input{Transcript: &Transcript{Text: text}, Question: &q})
		has := map[string]bool{}
		var got [][2]int
		for _, f := range rep.Findings {
			has[f.Rule] = true
			if f.Rule == "filler" {
				got = append(got, [2]int{f.Start, f.End})
			}
		}
		// a filler found counts where it overlaps the labelled one: writers
		// bracket "[[Okay so]]" or "okay, [[so]]", one filler either way
		for _, w := range want {
			ok := slices.ContainsFunc(got, func(g [2]int) bool { return overlaps(g, w) })
			s.filler.add(true, ok)
			if !ok {
				logf("filler missed %s %q in …%s…", e.ID, text[w[0]:w[1]], ctx(text, w))
			}
		}
		for _, g := range got {
			if !slices.ContainsFunc(want, func(w [2]int) bool { return overlaps(g, w) }) {
				s.filler.add(false, true)
				logf("filler extra %s %q", e.ID, text[g[0]:g[1]])
			}
		}
		rubric := q.Rubric()
		if slices.Contains(rubric, RubricAgency) {
			s.agencyN++
			if has["tradeoff"] == e.Tradeoff && has["missing-tradeoff"] != e.Tradeoff {
				s.agencyOK++
			} else {
				if e.Tradeoff {
					s.agencyMissed++
				} else {
					s.agencyFalse++
				}
				logf("agency want %v got %v: %s [%s]\n    %s", e.Tradeoff, has["tradeoff"], e.ID, e.Style, evidence(rep, "tradeoff"))
			}
		}
		if slices.Contains(rubric, RubricDiagnosis) {
			s.jumpN++
			if has["jump-to-solution"] == e.JumpToSolution {
				s.jumpOK++
			} else {
				logf("jump want %v got %v: %s [%s] %s", e.JumpToSolution, has["jump-to-solution"], e.ID, e.Style, evidence(rep, "jump-to-solution"))
			}
		}
		if slices.Contains(rubric, RubricStar) {
			for _, h := range rep.Star {
				w := slices.Contains(e.Star, h.ID)
				s.star.add(w, h.Present)
				if w != h.Present {
					logf("star %s want %v got %v: %s [%s] %q", h.ID, w, h.Present, e.ID, e.Style, text[h.Start:h.End])
				}
			}
		}
		for _, tp := range rep.TalkingPoints {
			w := slices.Contains(e.TalkingPoints, tp.ID)
			s.points.add(w, tp.Covered)
			if w != tp.Covered {
				logf("point %s want %v got %v: %s [%s] %q", tp.ID, w, tp.Covered, e.ID, e.Style, text[tp.Start:tp.End])
			}
		}
	}
	return s
}

func evidence(rep *Report, rule string) string {
	var out []string
	for _, f := range rep.Findings {
		if f.Rule == rule {
			out = append(out, fmt.Sprintf("%q", f.Text))
		}
	}
	return strings.Join(out, " ")
}

func (s reasonScores) lines(split string) []string {
	return []string{
		fmt.Sprintf("%s: %d answers", split, s.answers),
		fmt.Sprintf("  talking points   P %.3f R %.3f (tp %d fp %d fn %d)", s.points.precision(), s.points.recall(), s.points.tp, s.points.fp, s.points.fn),
		fmt.Sprintf("  agency verdict   accuracy %.3f (%d/%d; %d offers missed, %d seen where there was none)",
			acc(s.agencyOK, s.agencyN), s.agencyOK, s.agencyN, s.agencyMissed, s.agencyFalse),
		fmt.Sprintf("  jump verdict     accuracy %.3f (%d/%d)", acc(s.jumpOK, s.jumpN), s.jumpOK, s.jumpN),
		fmt.Sprintf("  STAR elements    P %.3f R %.3f (tp %d fp %d fn %d)", s.star.precision(), s.star.recall(), s.star.tp, s.star.fp, s.star.fn),
		fmt.Sprintf("  filler           P %.3f R %.3f (tp %d fp %d fn %d)", s.filler.precision(), s.filler.recall(), s.filler.tp, s.filler.fp, s.filler.fn),
	}
}

// TestReasoningCorpusDev prints the dev split's figures and, with
// REHEARSE_CORPUS_DEBUG=1, every disagreement. It never fails: dev is for
// tuning.
func TestReasoningCorpusDev(t *testing.T) {
	logf := func(string, ...any) {}
	if os.Getenv("REHEARSE_CORPUS_DEBUG") != "" {
		logf = func(f string, a ...any) { fmt.Printf(f+"\n", a...) }
	}
	for _, l := range runReasonCorpus(t, "dev", logf).lines("dev") {
		fmt.Println(l)
	}
}

// TestReasoningCorpusTest checks the held-out split against the targets of
// the reviewer issue. Its disagreements are not printed, so that nobody
// tunes on them.
func TestReasoningCorpusTest(t *testing.T) {
	s := runReasonCorpus(t, "test", func(string, ...any) {})
	for _, l := range s.lines("test") {
		fmt.Println(l)
	}
	if s.answers < 50 {
		t.Fatalf("test split has %d answers; want at least 50", s.answers)
	}
	check := func(what string, got, floor float64) {
		if got < floor {
			t.Errorf("%s %.3f below the target %.2f", what, got, floor)
		}
	}
	check("talking point recall", s.points.recall(), 0.85)
	check("talking point precision", s.points.precision(), 0.90)
	// The agency verdict meets its target with little room: 0.910 on 1,476
	// held-out answers (dev: 0.947), while fresh speakers score 0.78-0.93 at
	// first sight (README). A change that costs it fifteen answers fails here.
	check("agency verdict accuracy", acc(s.agencyOK, s.agencyN), 0.90)
	check("jump-to-solution verdict accuracy", acc(s.jumpOK, s.jumpN), 0.90)
	check("STAR recall", s.star.recall(), 0.80)
	check("STAR precision", s.star.precision(), 0.85)
	check("filler precision", s.filler.precision(), 0.95)
	check("filler recall", s.filler.recall(), 0.90)
}
