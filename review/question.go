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
type TalkingPoint struct {
	ID    string   `json:"id" yaml:"id"`
	Label string   `json:"label" yaml:"label"`
	Cues  []string `json:"cues,omitempty" yaml:"cues"`
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
	// Source names the file the question was loaded from ("builtin:..." for
	// the embedded bank).
	Source string `json:"source,omitempty" yaml:"-"`
}
