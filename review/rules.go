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
	rules    []RuleSpec
	byID     map[string]int
	concepts *Concepts
	compiled *matcher // compiled without any question's cues
}

// LoadRules reads every *.yaml rule file of each source, in order. A rule
// with the id of an earlier one replaces it (so a coach can retune a
// built-in rule). A broken file or rule is reported with file, line, rule
// and field; every good rule still loads.
func LoadRules(srcs ...BankSource) (*RuleSet, []error) {
	var all []RuleSpec
	var concepts []ConceptSpec
	errs := ruleList.eachFile(srcs, func(data []byte, label string) []error {
		var ferrs []error
		hasRules, hasConcepts := topKeys(data)
		if hasConcepts {
			cs, cerrs := ParseConceptFile(data, label)
			concepts = append(concepts, cs...)
			ferrs = append(ferrs, cerrs...)
		}
		if hasRules {
			rs, rerrs := ParseRuleFile(data, label)
			ferrs = append(ferrs, rerrs...)
			for _, r := range rs {
				if i := slices.IndexFunc(all, func(o RuleSpec) bool { return o.ID == r.ID }); i >= 0 {
					all[i] = r
				} else {
					all = append(all, r)
				}
			}
		}
		return ferrs
	})
	cs := NewConcepts(concepts)
	// same_as must name a loaded rule; concepts must be defined
	ok := all[:0]
	for _, r := range all {
		if r.SameAs != "" && !slices.ContainsFunc(all, func(o RuleSpec) bool { return o.ID == r.SameAs && len(o.Match) > 0 }) {
			errs = append(errs, &FileError{File: "rules", Kind: "rule", Item: r.ID, Field: "same_as", Err: fmt.Errorf("no rule %q with a match list", r.SameAs)})
			continue
		}
		if field, err := cs.checkRule(&r); err != nil {
			errs = append(errs, &FileError{File: "rules", Kind: "rule", Item: r.ID, Field: field, Err: err})
			continue
		}
		ok = append(ok, r)
	}
	return NewRuleSetWithConcepts(ok, cs), errs
}

// topKeys reports whether a YAML file has a top-level "rules" and a
// "concepts" key, from its unindented lines. A file with neither counts as
// a rule file, so the rule reader reports what is wrong with it.
func topKeys(data []byte) (rules, concepts bool) {
	for _, line := range strings.Split(string(data), "\n") {
		rules = rules || strings.HasPrefix(line, "rules:")
		concepts = concepts || strings.HasPrefix(line, "concepts:")
	}
	return rules || !concepts, concepts
}

// checkRule checks that every concept a rule names is defined, and returns
// the field at fault.
func (c *Concepts) checkRule(r *RuleSpec) (string, error) {
	lists := []struct {
		field string
		ms    []MatchSpec
	}{{"match", r.Match}, {"anchor", r.Anchor}, {"first", r.First}, {"then", r.Then}, {"unless", r.Unless}, {"revoked_by", r.RevokedBy},
		{"needs", r.Needs}}
	for i, e := range r.Elements {
		lists = append(lists, struct {
			field string
			ms    []MatchSpec
		}{fmt.Sprintf("elements[%d].match", i), e.Match})
	}
	for _, l := range lists {
		for i, m := range l.ms {
			if err := c.checkConceptRefs(m.Concepts); err != nil {
				return fmt.Sprintf("%s[%d].concepts", l.field, i), err
			}
		}
	}
	return "", nil
}

// CheckQuestion returns an error for each concept, and each vetoed_by or
// requires or implied_by rule, a question's talking points name that the
// rule set does not define.
func (rs *RuleSet) CheckQuestion(q *Question) []error {
	var errs []error
	for i, tp := range q.TalkingPoints {
		lines := tp.Concepts
		for _, p := range tp.Parts {
			lines = append(lines, p.Concepts...)
		}
		for _, ref := range [][2]string{{"vetoed_by", tp.VetoedBy}, {"requires", tp.Requires}, {"implied_by", tp.ImpliedBy}} {
			if field, id := ref[0], ref[1]; id != "" {
				if _, ok := rs.Rule(id); !ok {
					errs = append(errs, &FileError{File: q.Source, Kind: "question", Item: q.ID,
						Field: fmt.Sprintf("talking_points[%d].%s", i, field), Err: fmt.Errorf("no rule %q", id)})
				}
			}
		}
		for _, l := range lines {
			if err := rs.concepts.checkConceptRefs(l); err != nil {
				errs = append(errs, &FileError{File: q.Source, Kind: "question", Item: q.ID,
					Field: fmt.Sprintf("talking_points[%d].concepts", i), Err: err})
				break
			}
		}
	}
	return errs
}

// NewRuleSet compiles rules that are already valid (see ParseRuleFile).
func NewRuleSet(rules []RuleSpec) *RuleSet { return NewRuleSetWithConcepts(rules, nil) }

// NewRuleSetWithConcepts compiles valid rules with the concepts they use.
func NewRuleSetWithConcepts(rules []RuleSpec, concepts *Concepts) *RuleSet {
	if concepts == nil {
		concepts = NewConcepts(nil)
	}
	rs := &RuleSet{rules: slices.Clone(rules), byID: map[string]int{}, concepts: concepts}
	for i, r := range rs.rules {
		rs.byID[r.ID] = i
	}
	rs.compiled = compile(rs.rules, concepts, nil)
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

// needs returns the "needs" list rule i's matches count with: its own, or
// that of the rule it is the same_as of.
func (rs *RuleSet) needs(i int) []MatchSpec {
	r := &rs.rules[i]
	if r.SameAs != "" {
		if j, ok := rs.byID[r.SameAs]; ok {
			return rs.rules[j].Needs
		}
	}
	return r.Needs
}

// Title returns the human name of a rule: its title field, else RuleTitle.
func (rs *RuleSet) Title(id string) string {
	if r, ok := rs.Rule(id); ok && r.Title != "" {
		return r.Title
	}
	for _, r := range rs.rules {
		for _, e := range r.Elements {
			if e.Rule == id && e.Title != "" {
				return e.Title
			}
		}
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
	{"likely-hesitation", "Likely hesitation"},
	{"slow-start", "Slow start"},
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

// ruleCheck validates one rule of a file: r decoded from node n, named
// item in errors made by fe.
type ruleCheck struct {
	r    *RuleSpec
	n    *yaml.Node
	fe   errorAt
	item string
}

// bad returns the error for field of the rule.
func (c ruleCheck) bad(field, format string, a ...any) error {
	return c.fe(fieldNode(c.n, field), c.item, field, fmt.Errorf(format, a...))
}

// validateRule checks a rule's fields: those every rule has, then those of
// its kind.
func validateRule(r *RuleSpec, n *yaml.Node, fe errorAt, item string) error {
	c := ruleCheck{r: r, n: n, fe: fe, item: item}
	if !validID(r.ID) {
		return c.bad("id", "%q must be a non-empty id of lower-case letters, digits and dashes", r.ID)
	}
	switch r.Level {
	case LevelInfo, LevelWarning, LevelError, LevelPositive:
	default:
		return c.bad("level", "%q is not one of info, warning, error, positive", r.Level)
	}
	if strings.TrimSpace(r.Message) == "" {
		return c.bad("message", "missing or empty")
	}
	for _, cat := range r.Categories {
		if !slices.Contains(Categories, cat) {
			return c.bad("categories", "%q is not one of %s", cat, strings.Join(Categories, ", "))
		}
	}
	if r.Assesses != "" && !slices.Contains(RubricItems, r.Assesses) {
		return c.bad("assesses", "%q is not one of %s", r.Assesses, strings.Join(RubricItems, ", "))
	}
	if field, err := validateDisplay(r); err != nil {
		return c.bad(field, "%w", err)
	}
	if s := r.Score; s != nil {
		switch s.Area {
		case AreaDelivery, AreaStructure, AreaAgency, AreaContent:
		default:
			return fe(fieldNode(n, "score"), item, "score.area", fmt.Errorf("%q is not one of delivery, structure, agency, content", s.Area))
		}
	}
	return c.kind()
}

// kind checks the fields of the rule's kind.
func (c ruleCheck) kind() error {
	r := c.r
	switch r.Kind {
	case KindExistence:
		if err := c.matches("unless", r.Unless, false); err != nil {
			return err
		}
		if err := c.revokedBy(); err != nil {
			return err
		}
		if err := c.matches("needs", r.Needs, false); err != nil {
			return err
		}
		return c.matches("match", r.Match, true)
	case KindOccurrence:
		return c.occurrence()
	case KindOrdering:
		if err := c.matches("first", r.First, true); err != nil {
			return err
		}
		return c.matches("then", r.Then, true)
	case KindCoverage, KindHesitation, KindNoSpeech:
	case KindVoicedGap:
		if r.MinGap <= 0 {
			return c.bad("min_gap", "must be a number of seconds > 0")
		}
	case KindPause, KindSlowStart:
		if r.MinSeconds <= 0 {
			return c.bad("min_seconds", "must be a number of seconds > 0")
		}
	case KindPace:
		if r.MinWPM <= 0 || r.MaxWPM <= r.MinWPM {
			return c.bad("max_wpm", "need 0 < min_wpm < max_wpm, got %g..%g", r.MinWPM, r.MaxWPM)
		}
		if strings.TrimSpace(r.Source) == "" {
			return c.bad("source", "say where the range comes from")
		}
	case KindQuestions:
		return c.themes()
	case KindStar:
		return c.star()
	default:
		return c.bad("extends", "%q is not a rule kind (existence, occurrence, ordering, coverage, voiced-gap, pause, slow-start, pace, hesitation, no-speech, questions, star)", r.Kind)
	}
	return nil
}

// matches checks the match list under field (need: it must not be empty).
func (c ruleCheck) matches(field string, ms []MatchSpec, need bool) error {
	if need && len(ms) == 0 {
		return c.bad(field, "missing: a %s rule needs at least one matcher", c.r.Kind)
	}
	list := mapValue(c.n, field)
	for i, m := range ms {
		mn := fieldNode(c.n, field)
		if list != nil && i < len(list.Content) {
			mn = list.Content[i]
		}
		if err := validateMatch(m); err != nil {
			return c.fe(mn, c.item, fmt.Sprintf("%s[%d].%s", field, i, err.field), err.err)
		}
		if m.AfterMatch && field != "needs" {
			return c.fe(mn, c.item, fmt.Sprintf("%s[%d].after_match", field, i), errors.New("only a rule's needs can come after its match"))
		}
		if m.Final && field != "unless" {
			return c.fe(mn, c.item, fmt.Sprintf("%s[%d].final", field, i), errors.New("only an unless line can be final (a veto no revoked_by undoes)"))
		}
	}
	return nil
}

// occurrence checks an occurrence rule: a match list or same_as, a range,
// where to count, and its anchors.
// revokedBy checks the matches that void a veto: they need a veto.
func (c ruleCheck) revokedBy() error {
	if len(c.r.RevokedBy) > 0 && len(c.r.Unless) == 0 {
		return c.bad("revoked_by", "revoked_by voids an unless match; the rule has no unless")
	}
	return c.matches("revoked_by", c.r.RevokedBy, false)
}

func (c ruleCheck) occurrence() error {
	r := c.r
	if r.SameAs == "" {
		if err := c.matches("match", r.Match, true); err != nil {
			return err
		}
	} else if len(r.Match) > 0 || len(r.Needs) > 0 {
		return c.bad("same_as", "give either match (with its needs) or same_as, not both")
	}
	if err := c.matches("needs", r.Needs, false); err != nil {
		return err
	}
	if r.Min == nil && r.Max == nil {
		return c.bad("min", "an occurrence rule needs min or max")
	}
	if r.Min != nil && r.Max != nil && *r.Min > *r.Max {
		return c.bad("max", "max %d is below min %d", *r.Max, *r.Min)
	}
	if r.OpeningWords < 0 || r.OpeningSentences < 0 {
		return c.bad("opening_words", "must not be negative")
	}
	return c.matches("anchor", r.Anchor, false)
}

// themes checks the themes of a questions rule.
func (c ruleCheck) themes() error {
	for i, t := range c.r.Themes {
		if !validID(t.ID) || strings.TrimSpace(t.Label) == "" || len(t.Cues) == 0 {
			return c.fe(fieldNode(c.n, "themes"), c.item, fmt.Sprintf("themes[%d]", i), errors.New("a theme needs an id, a label and cues"))
		}
		for _, cue := range t.Cues {
			if len(wordsOf(cue)) == 0 {
				return c.fe(fieldNode(c.n, "themes"), c.item, fmt.Sprintf("themes[%d].cues", i), fmt.Errorf("cue %q has no words", cue))
			}
		}
	}
	return nil
}

// star checks the elements of a star rule.
func (c ruleCheck) star() error {
	if len(c.r.Elements) == 0 {
		return c.bad("elements", "missing: a star rule lists the elements of a story")
	}
	at := fieldNode(c.n, "elements")
	for i, e := range c.r.Elements {
		f := fmt.Sprintf("elements[%d]", i)
		switch {
		case !validID(e.ID):
			return c.fe(at, c.item, f+".id", fmt.Errorf("%q must be a non-empty id", e.ID))
		case !validID(e.Rule):
			return c.fe(at, c.item, f+".rule", fmt.Errorf("%q must be the non-empty rule id of the missing-element finding", e.Rule))
		case strings.TrimSpace(e.Label) == "" || strings.TrimSpace(e.Message) == "":
			return c.fe(at, c.item, f, errors.New("an element needs a label and a message"))
		case len(e.Match) == 0:
			return c.fe(at, c.item, f+".match", errors.New("missing: list what shows the element"))
		}
		for j, m := range e.Match {
			if err := validateMatch(m); err != nil {
				return c.fe(at, c.item, fmt.Sprintf("%s.match[%d].%s", f, j, err.field), err.err)
			}
		}
	}
	return nil
}

// matchErr is what is wrong with a match spec, and in which field.
type matchErr struct {
	field string
	err   error
}

// validateMatch checks one match spec, or returns nil.
func validateMatch(m MatchSpec) *matchErr {
	if len(m.Tokens) == 0 && len(m.Concepts) == 0 {
		return &matchErr{"tokens", errors.New("missing: list the words or phrases to match, or the concepts")}
	}
	for _, e := range m.Concepts {
		if strings.Trim(e, "| ") == "" {
			return &matchErr{"concepts", fmt.Errorf("element %q is empty", e)}
		}
	}
	if m.Window < 0 {
		return &matchErr{"window", errors.New("must not be negative")}
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
	case PosAny, PosSentenceStart, PosClauseStart, PosFiller, PosNotFiller, PosTag, PosBeforeComma, PosOpeningComma, PosAside:
	default:
		return &matchErr{"position", fmt.Errorf("%q is not one of sentence-start, clause-start, filler, not-filler, tag, before-comma, opening-comma, aside", m.Position)}
	}
	switch m.Subject {
	case SubjectAny, SubjectSpeaker, SubjectOther, SubjectNotSpeaker:
	default:
		return &matchErr{"subject", fmt.Errorf("%q is not one of speaker, other, not-speaker", m.Subject)}
	}
	if m.Subject != SubjectAny && len(m.Concepts) == 0 {
		return &matchErr{"subject", errors.New("needs concepts: it names who does the last concept")}
	}
	if m.Routes != 0 && (m.Routes < 2 || len(m.Concepts) < 3 || m.Ordered || m.Subject != SubjectAny) {
		return &matchErr{"routes", errors.New("must be 2 or more, on a concepts line of three elements or more (the joiner, a way of opening a route, the cost) without ordered or subject")}
	}
	if m.Within < 0 || m.Opening < 0 {
		return &matchErr{"within", errors.New("must not be negative")}
	}
	return nil
}

// applies reports whether rule r applies to question q (nil: no question).
func (r *RuleSpec) applies(q *Question) bool {
	if q == nil {
		return !r.NeedsQuestion && r.Kind != KindCoverage && r.Assesses == ""
	}
	if r.Assesses != "" {
		return slices.Contains(q.Rubric(), r.Assesses)
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
