package review

// Rule kinds (RuleSpec.Kind, written "extends" in a rule file).
const (
	KindExistence  = "existence"  // each match of the phrases is a finding
	KindOccurrence = "occurrence" // the count of matches must lie within min..max
	KindOrdering   = "ordering"   // a "then" match must not come before any "first" match
	KindCoverage   = "coverage"   // the question's talking points, by their cues
	KindVoicedGap  = "voiced-gap" // gaps between timed words that hold voiced sound
	KindPause      = "pause"      // silences longer than min_seconds
	KindPace       = "pace"       // words per minute outside min..max
	KindQuestions  = "questions"  // sentences asked (reverse interviewing) and their themes
	KindStar       = "star"       // the situation, task, action and result of a story
	KindHesitation = "hesitation" // likely voiced hesitations found in the recording (Input.Audio)
	KindSlowStart  = "slow-start" // the silence before the first word, when longer than min_seconds
	KindNoSpeech   = "no-speech"  // an audio-only review of a recording that holds no speech
)

// Rubric items: what a question asks a strong answer to do. A rule that
// names one (RuleSpec.Assesses) runs only for questions whose rubric has it.
const (
	RubricDiagnosis     = "diagnosis"      // diagnose before choosing a tactic
	RubricAgency        = "agency"         // options with their costs; the stakeholder decides
	RubricStar          = "star"           // a story: situation, task, own actions, result
	RubricTalkingPoints = "talking-points" // the question's talking points
	RubricThemes        = "themes"         // reverse interviewing: the themes of good questions
)

// RubricItems lists the rubric items in display order.
var RubricItems = []string{RubricDiagnosis, RubricAgency, RubricStar, RubricTalkingPoints, RubricThemes}

// Finding levels. Positive findings show something done well.
const (
	LevelInfo     = "info"
	LevelWarning  = "warning"
	LevelError    = "error"
	LevelPositive = "positive"
)

// Score areas.
const (
	AreaDelivery  = "delivery"
	AreaStructure = "structure"
	AreaAgency    = "agency"
	AreaContent   = "content"
)

// Match positions (MatchSpec.Position).
const (
	PosAny           = ""               // anywhere
	PosSentenceStart = "sentence-start" // first word of a sentence, after any lead-in words (um, okay, well...)
	PosClauseStart   = "clause-start"   // first word of a sentence or after , ; : or a dash
	PosFiller        = "filler"         // set off: at a sentence or clause start, or followed by , ; : or the sentence end
	PosNotFiller     = "not-filler"     // anywhere but filler position
	PosTag           = "tag"            // a clause of its own that ends the sentence with '?' (", right?")
	PosBeforeComma   = "before-comma"   // followed by , ; : a dash or the sentence end
	PosOpeningComma  = "opening-comma"  // first word of a sentence (after filled pauses only) and followed by a comma ("So, ...")
	PosAside         = "aside"          // in filler position, but not the sentence's last word ("Actually, ..."; not "It went up, actually.")
)

// RuleSpec is one rule as written in a rule file.
type RuleSpec struct {
	ID            string     `yaml:"id" json:"id"`
	Kind          string     `yaml:"extends" json:"extends"` // what the rule does: a Kind constant; the file key stays "extends", as in vale
	Level         string     `yaml:"level" json:"level"`
	Title         string     `yaml:"title" json:"title"`
	Message       string     `yaml:"message" json:"message"`
	Suggestion    string     `yaml:"suggestion" json:"suggestion,omitempty"`
	Categories    []string   `yaml:"categories" json:"categories,omitempty"`         // empty: every category
	Tags          []string   `yaml:"tags" json:"tags,omitempty"`                     // the rule also applies to questions with one of these tags
	NeedsQuestion bool       `yaml:"needs_question" json:"needs_question,omitempty"` // skip the rule when no question is given
	Score         *ScoreSpec `yaml:"score" json:"score,omitempty"`
	// Assesses names the rubric item the rule judges; the rule then runs
	// only for questions whose rubric has it, whatever Categories and Tags say.
	Assesses string `yaml:"assesses" json:"assesses,omitempty"`

	// existence, occurrence
	Match []MatchSpec `yaml:"match" json:"match,omitempty"`
	// existence, occurrence: when any of these matches, the rule's matches
	// count for nothing (e.g. options laid out, then "I'd go with waves":
	// the speaker chose, the stakeholder did not)
	Unless []MatchSpec `yaml:"unless" json:"unless,omitempty"`
	// existence, occurrence: an "unless" match that one of these follows
	// vetoes nothing: the last word wins ("I'd tell her which one I'd pick,
	// and then it's her call")
	RevokedBy []MatchSpec `yaml:"revoked_by" json:"revoked_by,omitempty"`
	// existence, occurrence: when given, the rule's matches count only if
	// one of these matches somewhere in the answer too (options with their
	// costs are an offer only when the choice is put to someone else)
	Needs []MatchSpec `yaml:"needs" json:"needs,omitempty"`
	// occurrence: reuse the match list (and unless list) of another rule
	SameAs string `yaml:"same_as" json:"same_as,omitempty"`
	Min    *int   `yaml:"min" json:"min,omitempty"`
	Max    *int   `yaml:"max" json:"max,omitempty"`
	// occurrence: where to count, e.g. the opening 40 words (0: whole answer)
	OpeningWords     int `yaml:"opening_words" json:"opening_words,omitempty"`
	OpeningSentences int `yaml:"opening_sentences" json:"opening_sentences,omitempty"`
	// occurrence: when the count is out of range, span the first match of
	// these instead of the whole answer (e.g. a flat "no")
	Anchor        []MatchSpec `yaml:"anchor" json:"anchor,omitempty"`
	AnchorMessage string      `yaml:"anchor_message" json:"anchor_message,omitempty"`

	// ordering: any "then" match before the first "first" match is a finding
	First []MatchSpec `yaml:"first" json:"first,omitempty"`
	Then  []MatchSpec `yaml:"then" json:"then,omitempty"`

	// voiced-gap, pause, pace
	MinGap     float64 `yaml:"min_gap" json:"min_gap,omitempty"`         // seconds
	MinSeconds float64 `yaml:"min_seconds" json:"min_seconds,omitempty"` // pause length
	MinWPM     float64 `yaml:"min_wpm" json:"min_wpm,omitempty"`
	MaxWPM     float64 `yaml:"max_wpm" json:"max_wpm,omitempty"`
	Source     string  `yaml:"source" json:"source,omitempty"` // where a range comes from

	// questions
	Themes []Theme `yaml:"themes" json:"themes,omitempty"`

	// star: the elements of a story
	Elements []StarElement `yaml:"elements" json:"elements,omitempty"`

	// display (see RuleDisplay): the legend colour, "#rrggbb" (none: the
	// rule is drawn as "Other rule"), and how findings are drawn: words,
	// stretch, answer, pause or gap (default stretch)
	Color string `yaml:"color" json:"color,omitempty"`
	Show  string `yaml:"show" json:"show,omitempty"`
}

// StarElement is one part of a STAR story (situation, task, action,
// result): what shows it, and the finding when it is missing.
type StarElement struct {
	ID         string      `yaml:"id" json:"id"`
	Label      string      `yaml:"label" json:"label"`
	Rule       string      `yaml:"rule" json:"rule"`   // the finding's rule id when missing, e.g. star-missing-result
	Title      string      `yaml:"title" json:"title"` // the finding's human name
	Message    string      `yaml:"message" json:"message"`
	Suggestion string      `yaml:"suggestion" json:"suggestion,omitempty"`
	Points     int         `yaml:"points" json:"points"` // score change when missing (negative)
	Match      []MatchSpec `yaml:"match" json:"match"`
}

// ScoreSpec says how each finding of a rule moves a score: by Points per
// finding (negative lowers it), never by more than Cap in total.
type ScoreSpec struct {
	Area   string `yaml:"area" json:"area"`
	Points int    `yaml:"points" json:"points"`
	Cap    int    `yaml:"cap" json:"cap,omitempty"`
}

// MatchSpec is one matcher: phrases and the context they must be in.
// A phrase is words separated by spaces; "..." inside a phrase matches a
// gap of up to 20 words in the same sentence ("either ... or"); "#number"
// matches digits or a number word.
type MatchSpec struct {
	Tokens        []string `yaml:"tokens" json:"tokens"`
	Position      string   `yaml:"position" json:"position,omitempty"`
	NotPrecededBy []string `yaml:"not_preceded_by" json:"not_preceded_by,omitempty"`
	NotFollowedBy []string `yaml:"not_followed_by" json:"not_followed_by,omitempty"`
	PrecededBy    []string `yaml:"preceded_by" json:"preceded_by,omitempty"`
	FollowedBy    []string `yaml:"followed_by" json:"followed_by,omitempty"`
	// Within widens the followed/preceded conditions to that many words
	// (default 1: adjacent).
	Within int `yaml:"within" json:"within,omitempty"`
	// Exact matches the words as written, not their inflections: a filler
	// "like" is not "liked", nor "you know" "you knows".
	Exact bool `yaml:"exact" json:"exact,omitempty"`
	// Opening limits matches to the first N words of the answer.
	Opening int `yaml:"opening" json:"opening,omitempty"`

	// Concepts matches by meaning instead of Tokens: each element is
	// alternatives separated by "|", each a phrase or an "@concept", matched
	// on lemmas ("chose" meets "choose"); every element must occur within
	// Window words (default 20). A negation just before a term cancels it,
	// unless the element itself speaks of a negation ("not|never"). Real
	// drops what a "would have" or "if I had" only imagines.
	Concepts []string `yaml:"concepts" json:"concepts,omitempty"`
	Window   int      `yaml:"window" json:"window,omitempty"`
	Real     bool     `yaml:"real" json:"real,omitempty"`
	// Ordered requires the elements in the order given, in one sentence.
	Ordered bool `yaml:"ordered" json:"ordered,omitempty"`
	// Subject says who must do the last element, a verb: "speaker" (I,
	// we) or "other" (he, she, they, you, the CMO ...), found by walking
	// back through its sentence ("she thought about it and took the second
	// one"). Empty: whoever.
	Subject string `yaml:"subject" json:"subject,omitempty"`
	// Routes, when 2 or more, reads a concepts line as an offer laid out
	// route by route. Its last element is what a route costs; the ones
	// before are ways of opening a route, the first of them the joiner
	// ("or ...", which continues a route of any way). The line matches
	// where at least Routes openers of one way (or joiners) follow each
	// other, each within Window words of the one before, and a cost stands
	// inside one of their routes (from an opener to the next, the last to
	// the end of its sentence, or of the next when that one opens on it:
	// "That one is two weeks"). An opener stands at a sentence or clause
	// start, a single word set off by a pause ("One, a reverse-IP tool ...
	// Two, a gated calculator ..."); a phrase of the joiner ("or we", "I
	// laid it out") may stand anywhere, as speech-to-text drops commas. The
	// text's own shape opens routes too: a sentence that opens with a short
	// label and a colon ("Event first: ... AWS first: ..."), and, in text
	// with no punctuation at all, counting words in order ("one ... two
	// ..."). See routes.go.
	Routes int `yaml:"routes" json:"routes,omitempty"`
	// AfterMatch, in a rule's needs, counts the need only where it comes
	// after the start of the rule's first match: the stakeholder's reply to
	// an offer ("He said, give me the first one"), not whatever they said
	// before it.
	AfterMatch bool `yaml:"after_match" json:"after_match,omitempty"`
	// Raw drops the position in speech-to-text that writes no punctuation
	// at all, where no pause can be read: "she was you know mostly fine"
	// (a filler that elsewhere a comma sets off).
	Raw bool `yaml:"raw" json:"raw,omitempty"`
	// Final, in a rule's unless, makes its veto one that no revoked_by
	// match undoes: "I didn't give him options ... it's your call" hands
	// over a choice with nothing to choose between.
	Final bool `yaml:"final" json:"final,omitempty"`
	// literal marks a talking point's cue list compiled as a concept line:
	// a cue is a fact the answer states ("24 hours" in "it wasn't possible
	// in 24 hours"), so only a negation right before it ("there's no
	// trade-off") or a hindsight cancels it.
	literal bool
}

// Theme is a subject a reverse-interview question can touch.
type Theme struct {
	ID    string   `yaml:"id" json:"id"`
	Label string   `yaml:"label" json:"label"`
	Cues  []string `yaml:"cues" json:"cues"`
}
