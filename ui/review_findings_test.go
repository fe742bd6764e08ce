package ui

import (
	"math"
	"strings"
	"testing"

	"github.com/rehearse-app/rehearse/review"
)

func TestReviewFindingsRenderAsHighlights(t *testing.T) {
	f := newReviewFixture(t, reviewOpts{})
	tr := timedTranscript(answerText, indexOfWord(answerText, "Then"))
	take := f.addTake(tr.Duration, tr)
	f.open(take)
	s := f.s
	if s.report == nil {
		t.Fatalf("no report; errors %v, report error %v", f.errs, s.reportErr)
	}
	if s.head.prompt.Text != f.question.Prompt {
		t.Errorf("prompt = %q, want the question's", s.head.prompt.Text)
	}
	if !strings.HasPrefix(s.head.takeSel.Selected, "Take 1 · Q1 · ") {
		t.Errorf("take picker shows %q", s.head.takeSel.Selected)
	}
	seen := map[string]bool{}
	for _, fd := range s.report.Findings {
		if fd.End <= fd.Start {
			continue
		}
		seen[fd.Rule] = true
		k := s.kinds.ofRule(fd.Rule)
		// A word-level flag paints its first letter in its kind's colour
		// (unless a narrower flag sits on top of it).
		st, ok := cellStyle(s.text.view, fd.Start)
		if !ok || st == nil {
			t.Errorf("%s finding %q at %d: no styled cell", fd.Rule, fd.Text, fd.Start)
			continue
		}
		if fd.Rule == "filler" || fd.Rule == "hedge" {
			if got := toNRGBA(st.BackgroundColor()); got != s.kinds.highlight(k) {
				t.Errorf("%s finding %q: background %v, want %v", fd.Rule, fd.Text, got, s.kinds.highlight(k))
			}
		}
	}
	for _, rule := range []string{"filler", "hedge", "jump-to-solution"} { // the budget case is judged on diagnosis, not options
		if !seen[rule] {
			t.Errorf("no %s finding highlighted; findings: %+v", rule, s.report.Findings)
		}
	}
	// An unflagged word has no highlight.
	plain := strings.Index(answerText, "launch")
	if st, _ := cellStyle(s.text.view, plain); st != nil && st.BackgroundColor() != nil {
		if _, fd := reviewFindingAt(s.report, plain); fd == "" {
			t.Errorf("unflagged word has background %v", st.BackgroundColor())
		}
	}
	// The long pause is a marker in the text and a band on the waveform.
	_, pause := findingByRule(s.report, "long-pause")
	if pause.Rule == "" {
		t.Fatalf("no long-pause finding: %+v", s.report.Findings)
	}
	if !reviewGridHas(s.text.view, "[pause 3.") {
		t.Errorf("transcript grid has no pause marker")
	}
	marks := 0
	for _, m := range s.playback.wave.marks {
		if m.kind == s.kinds.ofRule("long-pause") && math.Abs(m.t0-pause.TimeStart) < 0.01 {
			marks++
		}
	}
	if marks != 1 {
		t.Errorf("waveform has %d marks for the pause at %.2f s, want 1: %+v", marks, pause.TimeStart, s.playback.wave.marks)
	}
	if len(s.playback.wave.peaks) == 0 {
		t.Error("waveform has no envelope")
	}
	if len(s.findings.rows) != len(s.report.Findings) {
		t.Errorf("findings list has %d rows, want %d", len(s.findings.rows), len(s.report.Findings))
	}
	if !strings.Contains(s.findings.metrics.Text, "words a minute") || len(s.findings.scoresBox.Objects) != 4 {
		t.Errorf("metrics %q / %d score rows", s.findings.metrics.Text, len(s.findings.scoresBox.Objects))
	}
	if len(f.errs) > 0 {
		t.Fatalf("errors shown: %v", f.errs)
	}
}

// rowOfFinding returns the list row of finding i.
func rowOfFinding(t *testing.T, s *reviewScreen, i int) *findingRow {
	t.Helper()
	for _, r := range s.findings.rows {
		if r.index == i {
			return r
		}
	}
	t.Fatalf("finding %d is not in the list", i)
	return nil
}

// reviewFindingAt returns the rule of a finding covering off, if any.
func reviewFindingAt(r *review.Report, off int) (int, string) {
	for i, f := range r.Findings {
		if off >= f.Start && off < f.End {
			return i, f.Rule
		}
	}
	for _, tp := range r.TalkingPoints {
		if tp.Covered && off >= tp.Start && off < tp.End {
			return -1, "talking point"
		}
	}
	return -1, ""
}
