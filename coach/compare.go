package coach

import (
	"slices"

	"github.com/rehearse-app/rehearse/review"
)

// Agreement sets one verdict of the second opinion beside the built-in
// review's verdict on the same thing. It is for display: neither review is
// changed by it.
type Agreement struct {
	// Item names what is judged: "talking point attribution-data",
	// "agency", "jump to solution", "STAR result".
	Item string `json:"item"`
	// Model and Builtin are the two verdicts, e.g. "covered" and
	// "not covered".
	Model   string `json:"model"`
	Builtin string `json:"builtin"`
	Agree   bool   `json:"agree"`
}

// Compare marks where the second opinion o agrees with the built-in review
// rep of the same answer to q: talking points, the agency and
// jump-to-solution verdicts (when q's rubric assesses them) and the STAR
// elements. What only one side judged is left out.
func Compare(o *Opinion, rep *review.Report, q *review.Question) []Agreement {
	rubric := rep.Rubric
	if len(rubric) == 0 && q != nil {
		rubric = q.Rubric()
	}
	var out []Agreement
	add := func(item, model, builtin string) {
		if model != "" && builtin != "" {
			out = append(out, Agreement{Item: item, Model: model, Builtin: builtin, Agree: model == builtin})
		}
	}
	covered := func(b bool) string {
		if b {
			return "covered"
		}
		return "not covered"
	}
	for _, p := range o.TalkingPoints {
		i := slices.IndexFunc(rep.TalkingPoints, func(h review.TalkingPointHit) bool { return h.ID == p.ID })
		if i >= 0 {
			h := rep.TalkingPoints[i]
			b := covered(h.Covered)
			if h.Partial {
				b = "partly covered"
				if p.Covered {
					b = "covered" // partly covered counts as agreeing with "covered"
				}
			}
			add("talking point "+p.ID, covered(p.Covered), b)
		}
	}
	has := func(rule string) bool {
		return slices.ContainsFunc(rep.Findings, func(f review.Finding) bool { return f.Rule == rule })
	}
	if o.Agency != nil && o.Agency.Verdict != NotAssessed && slices.Contains(rubric, review.RubricAgency) {
		b := ""
		switch {
		case has("tradeoff"):
			b = AgencyShowsTradeoffs
		case has("missing-tradeoff"):
			b = AgencyNoTradeoffs
		}
		add("agency", o.Agency.Verdict, b)
	}
	if o.JumpToSolution != nil && o.JumpToSolution.Verdict != NotAssessed && slices.Contains(rubric, review.RubricDiagnosis) {
		b := DiagnosedFirst
		if has("jump-to-solution") {
			b = JumpedToSolution
		}
		add("jump to solution", o.JumpToSolution.Verdict, b)
	}
	present := func(b bool) string {
		if b {
			return "present"
		}
		return "missing"
	}
	for _, s := range o.Star {
		i := slices.IndexFunc(rep.Star, func(h review.StarHit) bool { return h.ID == s.Element })
		if i >= 0 {
			add("STAR "+s.Element, present(s.Present), present(rep.Star[i].Present))
		}
	}
	return out
}
