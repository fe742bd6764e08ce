package review

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// RuleSet is a validated, compiled set of rules. It is read-only and safe
// for concurrent use.
type RuleSet struct {
	rules []RuleSpec
	byID  map[string]int
	m     *matcher // compiled without any question's cues
}

// LoadRules reads every *.yaml rule file of each source, in order. A rule
// with the id of an earlier one replaces it (so a coach can retune a
// built-in rule). A broken file or rule is reported with file, line, rule
// and field; every good rule still loads.
func LoadRules(srcs ...BankSource) (*RuleSet, []error) {
	var all []RuleSpec
	errs := ruleList.load(srcs, func(rs []RuleSpec, _ []int, _ string) []error {
		for _, r := range rs {
			if i := slices.IndexFunc(all, func(o RuleSpec) bool { return o.ID == r.ID }); i >= 0 {
				all[i] = r
			} else {
				all = append(all, r)
			}
		}
		return nil
	})
	// same_as must name a loaded rule
	ok := all[:0]
	for _, r := range all {
		if r.SameAs != "" && !slices.ContainsFunc(all, func(o RuleSpec) bool { return o.ID == r.SameAs && len(o.Match) > 0 }) {
			errs = append(errs, &FileError{File: "rules", Kind: "rule", Item: r.ID, Field: "same_as", Err: fmt.Errorf("no rule %q with a match list", r.SameAs)})
			continue
		}
		ok = append(ok, r)
	}
	return NewRuleSet(ok), errs
}

// NewRuleSet compiles rules that are already valid (see ParseRuleFile).
func NewRuleSet(rules []RuleSpec) *RuleSet {
	rs := &RuleSet{rules: slices.Clone(rules), byID: map[string]int{}}
	for i, r := range rs.rules {
		rs.byID[r.ID] = i
	}
	rs.m = compile(rs.rules, nil)
	return rs
}

// Rules returns the rules of the set, in load order.
func (rs *RuleSet) Rules() []RuleSpec { return slices.Clone(rs.rules) }

// Rule returns the rule with the given id.
func (rs *RuleSet) Rule(id string) (RuleSpec, bool) {
	i, ok := rs.byID[id]
	if !ok {
		return RuleSpec{}, false
	}
	return rs.rules[i], true
}

// Title returns the human name of a rule: its title field, else RuleTitle.
func (rs *RuleSet) Title(id string) string {
	if r, ok := rs.Rule(id); ok && r.Title != "" {
		return r.Title
	}
	return RuleTitle(id)
}

// stableRules are the rule ids the JSON output promises, in legend order,
// with their human names.
var stableRules = []struct{ id, title string }{
	{"filler", "Filler word"},
	{"voiced-gap", "Likely untranscribed filler"},
	{"hedge", "Hedge"},
	{"jump-to-solution", "Jumps to a solution"},
	{"missing-tradeoff", "No trade-off offered"},
	{"tradeoff", "Trade-off offered"},
	{"talking-point-missing", "Talking point missing"},
	{"long-pause", "Long pause"},
	{"pace", "Pace"},
}

// RuleTitle returns the human name of a stable rule id, for legends; other
// ids are returned as they are.
func RuleTitle(id string) string {
	for _, r := range stableRules {
		if r.id == id {
			return r.title
		}
	}
	return id
}

// StableRuleIDs lists the rule ids the JSON output promises, in legend order.
func StableRuleIDs() []string {
	ids := make([]string, len(stableRules))
	for i, r := range stableRules {
		ids[i] = r.id
	}
	return ids
}

// ParseRuleFile parses and validates the content of one rule file. Bad
// rules are left out and reported with file, line, rule id and field.
func ParseRuleFile(data []byte, name string) ([]RuleSpec, []error) {
	rules, _, errs := ruleList.parse(data, name)
	return rules, errs
}

// ruleList reads rule files: a "rules" list.
var ruleList = yamlList[RuleSpec]{
	kind: "rule", key: "rules", missing: "missing: a rule file is a mapping with a \"rules\" list",
	validate: validateRule,
	id:       func(r *RuleSpec) string { return r.ID },
}

func validateRule(r *RuleSpec, n *yaml.Node, fe errorAt, item string) error {
	bad := func(field, format string, a ...any) error {
		return fe(fieldNode(n, field), item, field, fmt.Errorf(format, a...))
	}
	if !validID(r.ID) {
		return bad("id", "%q must be a non-empty id of lower-case letters, digits and dashes", r.ID)
	}
	switch r.Level {
	case LevelInfo, LevelWarning, LevelError, LevelPositive:
	default:
		return bad("level", "%q is not one of info, warning, error, positive", r.Level)
	}
	if strings.TrimSpace(r.Message) == "" {
		return bad("message", "missing or empty")
	}
	for _, c := range r.Categories {
		if !slices.Contains(Categories, c) {
			return bad("categories", "%q is not one of %s", c, strings.Join(Categories, ", "))
		}
	}
	if s := r.Score; s != nil {
		switch s.Area {
		case AreaDelivery, AreaStructure, AreaAgency, AreaContent:
		default:
			return fe(fieldNode(n, "score"), item, "score.area", fmt.Errorf("%q is not one of delivery, structure, agency, content", s.Area))
		}
	}
	checkMatches := func(field string, ms []MatchSpec, need bool) error {
		if need && len(ms) == 0 {
			return bad(field, "missing: a %s rule needs at least one matcher", r.Extends)
		}
		list := mapValue(n, field)
		for i, m := range ms {
			mn := fieldNode(n, field)
			if list != nil && i < len(list.Content) {
				mn = list.Content[i]
			}
			if err := validateMatch(m); err != nil {
				return fe(mn, item, fmt.Sprintf("%s[%d].%s", field, i, err.field), err.err)
			}
		}
		return nil
	}
	switch r.Extends {
	case KindExistence:
		return checkMatches("match", r.Match, true)
	case KindOccurrence:
		if r.SameAs == "" {
			if err := checkMatches("match", r.Match, true); err != nil {
				return err
			}
		} else if len(r.Match) > 0 {
			return bad("same_as", "give either match or same_as, not both")
		}
		if r.Min == nil && r.Max == nil {
			return bad("min", "an occurrence rule needs min or max")
		}
		if r.Min != nil && r.Max != nil && *r.Min > *r.Max {
			return bad("max", "max %d is below min %d", *r.Max, *r.Min)
		}
		if r.OpeningWords < 0 || r.OpeningSentences < 0 {
			return bad("opening_words", "must not be negative")
		}
		return checkMatches("anchor", r.Anchor, false)
	case KindOrdering:
		if err := checkMatches("first", r.First, true); err != nil {
			return err
		}
		return checkMatches("then", r.Then, true)
	case KindCoverage:
	case KindVoicedGap:
		if r.MinGap <= 0 {
			return bad("min_gap", "must be a number of seconds > 0")
		}
	case KindPause:
		if r.MinSeconds <= 0 {
			return bad("min_seconds", "must be a number of seconds > 0")
		}
	case KindPace:
		if r.MinWPM <= 0 || r.MaxWPM <= r.MinWPM {
			return bad("max_wpm", "need 0 < min_wpm < max_wpm, got %g..%g", r.MinWPM, r.MaxWPM)
		}
		if strings.TrimSpace(r.Source) == "" {
			return bad("source", "say where the range comes from")
		}
	case KindQuestions:
		for i, t := range r.Themes {
			if !validID(t.ID) || strings.TrimSpace(t.Label) == "" || len(t.Cues) == 0 {
				return fe(fieldNode(n, "themes"), item, fmt.Sprintf("themes[%d]", i), errors.New("a theme needs an id, a label and cues"))
			}
			for _, c := range t.Cues {
				if len(wordsOf(c)) == 0 {
					return fe(fieldNode(n, "themes"), item, fmt.Sprintf("themes[%d].cues", i), fmt.Errorf("cue %q has no words", c))
				}
			}
		}
	default:
		return bad("extends", "%q is not a rule kind (existence, occurrence, ordering, coverage, voiced-gap, pause, pace, questions)", r.Extends)
	}
	return nil
}

type matchErr struct {
	field string
	err   error
}

func validateMatch(m MatchSpec) *matchErr {
	if len(m.Tokens) == 0 {
		return &matchErr{"tokens", errors.New("missing: list the words or phrases to match")}
	}
	for _, group := range []struct {
		field string
		list  []string
	}{{"tokens", m.Tokens}, {"not_preceded_by", m.NotPrecededBy}, {"not_followed_by", m.NotFollowedBy},
		{"preceded_by", m.PrecededBy}, {"followed_by", m.FollowedBy}} {
		for _, p := range group.list {
			ws := wordsOf(p)
			if len(ws) == 0 || ws[0] == gapWord || ws[len(ws)-1] == gapWord || ws[0] == numberWord && group.field == "tokens" {
				return &matchErr{group.field, fmt.Errorf("phrase %q has no words, starts or ends with \"...\", or starts with \"#number\"", p)}
			}
			if group.field != "tokens" && slices.Contains(ws, gapWord) {
				return &matchErr{group.field, fmt.Errorf("phrase %q: \"...\" is only allowed in tokens", p)}
			}
		}
	}
	switch m.Position {
	case PosAny, PosSentenceStart, PosClauseStart, PosFiller, PosNotFiller, PosTag, PosBeforeComma, PosOpeningComma:
	default:
		return &matchErr{"position", fmt.Errorf("%q is not one of sentence-start, clause-start, filler, not-filler, tag, before-comma, opening-comma", m.Position)}
	}
	if m.Within < 0 || m.Opening < 0 {
		return &matchErr{"within", errors.New("must not be negative")}
	}
	return nil
}

// applies reports whether rule r applies to question q (nil: no question).
func (r *RuleSpec) applies(q *Question) bool {
	if q == nil {
		return !r.NeedsQuestion && r.Extends != KindCoverage
	}
	if len(r.Categories) == 0 && len(r.Tags) == 0 {
		return true
	}
	if slices.Contains(r.Categories, q.Category) {
		return true
	}
	for _, t := range r.Tags {
		if slices.Contains(q.Tags, t) {
			return true
		}
	}
	return false
}
