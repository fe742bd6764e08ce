package coach

import (
	"testing"

	"github.com/rehearse-app/rehearse/review"
)

func TestCompareMarksAgreement(t *testing.T) {
	o := &Opinion{
		TalkingPoints:  []PointClaim{{ID: "attribution-data", Covered: true}, {ID: "pipeline-bottlenecks", Covered: false}, {ID: "velocity-to-revenue", Covered: true}},
		Agency:         &Verdict{Verdict: AgencyShowsTradeoffs},
		JumpToSolution: &Verdict{Verdict: DiagnosedFirst},
		Star:           []StarClaim{{Element: "result", Present: false}},
	}
	rep := &review.Report{
		TalkingPoints: []review.TalkingPointHit{{ID: "attribution-data", Covered: true}, {ID: "pipeline-bottlenecks", Covered: true}, {ID: "velocity-to-revenue", Partial: true}},
		Findings:      []review.Finding{{Rule: "missing-tradeoff"}},
		Star:          []review.StarHit{{ID: "result", Present: false}},
	}
	q := &review.Question{Category: review.CategoryStrategic, Tags: []string{"agency"}, TalkingPoints: []review.TalkingPoint{{ID: "x"}}}
	got := Compare(o, rep, q)
	want := []Agreement{
		{"talking point attribution-data", "covered", "covered", true},
		{"talking point pipeline-bottlenecks", "not covered", "covered", false},
		{"talking point velocity-to-revenue", "covered", "covered", true},
		{"agency", AgencyShowsTradeoffs, AgencyNoTradeoffs, false},
		{"jump to solution", DiagnosedFirst, DiagnosedFirst, true},
		{"STAR result", "missing", "missing", true},
	}
	if len(got) != len(want) {
		t.Fatalf("got %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("%d: got %+v, want %+v", i, got[i], want[i])
		}
	}
}
