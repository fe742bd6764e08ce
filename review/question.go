package review

// Category ids, as used in question files and in `rehearse questions --json`.
const (
	CategoryStrategic  = "strategic"
	CategoryTechnical  = "technical"
	CategoryBehavioral = "behavioral"
	CategoryReverse    = "reverse"
)

// Categories lists the category ids in display order.
var Categories = []string{CategoryStrategic, CategoryTechnical, CategoryBehavioral, CategoryReverse}

// CategoryTitle returns the human title of a category id, or the id itself
// when it is not one of the four built-in categories.
func CategoryTitle(id string) string {
	switch id {
	case CategoryStrategic:
		return "Strategic scenario (case study)"
	case CategoryTechnical:
		return "Technical deep dive"
	case CategoryBehavioral:
		return "Behavioral & stakeholder"
	case CategoryReverse:
		return "Reverse interviewing"
	}
	return id
}

// TalkingPoint is one thing a strong answer to a question covers. Cues are
// words or phrases whose presence in the transcript shows it was covered.
//
// Concepts says the same by meaning: each line is a list of elements
// (see MatchSpec.Concepts) that must all occur within a few words. Parts,
// when given, split the point: it is covered when every part is, partly
// covered when some are.
type TalkingPoint struct {
	ID       string             `json:"id" yaml:"id"`
	Label    string             `json:"label" yaml:"label"`
	Cues     []string           `json:"cues,omitempty" yaml:"cues"`
	Concepts [][]string         `json:"concepts,omitempty" yaml:"concepts"`
	Parts    []TalkingPointPart `json:"parts,omitempty" yaml:"parts"`
	// Optional marks a point beyond what the question's model answer
	// needs: shown when covered, never a finding or a penalty when not.
	Optional bool `json:"optional,omitempty" yaml:"optional"`
	// VetoedBy names a rule (usually "tradeoff") whose veto also uncovers
	// this point: when the speaker picked for the stakeholder (its
	// "unless"), or put nothing to anyone (its "needs"), the options were
	// named but not offered.
	VetoedBy string `json:"vetoed_by,omitempty" yaml:"vetoed_by"`
	// Requires names a rule (usually "tradeoff") whose verdict this point
	// restates: "offered options with their costs" is not covered where the
	// review says no trade-off was offered, and is covered, with the rule's
	// evidence, where it says one was.
	Requires string `json:"requires,omitempty" yaml:"requires"`
	// ImpliedBy names a rule (usually "tradeoff") whose match also covers
	// this point, with the rule's evidence: options offered with their costs
	// are not a flat no, whatever words they are offered in.
	ImpliedBy string `json:"implied_by,omitempty" yaml:"implied_by"`
}

// TalkingPointPart is one part of a talking point.
type TalkingPointPart struct {
	ID       string     `json:"id" yaml:"id"`
	Label    string     `json:"label" yaml:"label"`
	Cues     []string   `json:"cues,omitempty" yaml:"cues"`
	Concepts [][]string `json:"concepts,omitempty" yaml:"concepts"`
}

// Question is one interview question of the bank.
type Question struct {
	ID            string         `json:"id" yaml:"id"`
	Category      string         `json:"category" yaml:"category"`
	Prompt        string         `json:"prompt" yaml:"prompt"`
	ThinkSeconds  int            `json:"think_seconds" yaml:"think_seconds"`
	AnswerSeconds int            `json:"answer_seconds" yaml:"answer_seconds"`
	TalkingPoints []TalkingPoint `json:"talking_points" yaml:"talking_points"`
	// Notes says what a strong answer does, drawn from the seed guide.
	Notes string `json:"notes,omitempty" yaml:"notes"`
	// Tags refine the category, e.g. "troubleshooting" or "stakeholder", so
	// rules can target a kind of question across categories.
	Tags []string `json:"tags,omitempty" yaml:"tags"`
	// Assess overrides the category's rubric (see Rubric): the items a
	// strong answer to this question is judged on.
	Assess []string `json:"assess,omitempty" yaml:"assess"`
	// Source names the file the question was loaded from ("builtin:..." for
	// the embedded bank).
	Source string `json:"source,omitempty" yaml:"-"`
}

// Rubric returns what a strong answer to q does, as rubric items: the
// question's own Assess list, or its category's default. Strategic cases
// are judged on diagnosis; questions tagged "story" on its STAR structure; a
// question tagged "agency" also on options with their costs; every
// question with talking points on those; reverse interviewing on themes.
func (q *Question) Rubric() []string {
	if len(q.Assess) > 0 {
		return q.Assess
	}
	var out []string
	has := func(tag string) bool {
		for _, t := range q.Tags {
			if t == tag {
				return true
			}
		}
		return false
	}
	if q.Category == CategoryStrategic || has("troubleshooting") {
		out = append(out, RubricDiagnosis)
	}
	if has("agency") {
		out = append(out, RubricAgency)
	}
	if has("story") {
		out = append(out, RubricStar)
	}
	if len(q.TalkingPoints) > 0 {
		out = append(out, RubricTalkingPoints)
	}
	if q.Category == CategoryReverse {
		out = append(out, RubricThemes)
	}
	return out
}
