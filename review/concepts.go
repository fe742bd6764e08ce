package review

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// ConceptSpec is one concept class as written in a rule file's "concepts"
// list: words and phrases (in their base form: "choose", "go with") that
// express one idea. A term "@other" includes the concept "other". Concepts
// with the same id, from any file, are merged, so a coach can add words to a
// built-in concept. WordNet names senses ("choose#v#1") whose synonyms
// scripts/wordnet writes to concepts-wordnet.yaml; it is not read at run time.
type ConceptSpec struct {
	ID      string   `yaml:"id" json:"id"`
	Terms   []string `yaml:"terms" json:"terms"`
	WordNet []string `yaml:"wordnet" json:"wordnet,omitempty"`
}

// conceptList reads the "concepts" list of a rule file.
var conceptList = yamlList[ConceptSpec]{
	kind: "concept", key: "concepts", missing: "missing",
	validate: func(c *ConceptSpec, n *yaml.Node, fe errorAt, item string) error {
		if !validID(c.ID) {
			return fe(fieldNode(n, "id"), item, "id", fmt.Errorf("%q must be a non-empty id of lower-case letters, digits and dashes", c.ID))
		}
		if len(c.Terms) == 0 && len(c.WordNet) == 0 {
			return fe(fieldNode(n, "terms"), item, "terms", errors.New("missing or empty"))
		}
		for i, t := range c.Terms {
			if strings.HasPrefix(t, "@") {
				if !validID(t[1:]) {
					return fe(fieldNode(n, "terms"), item, fmt.Sprintf("terms[%d]", i), fmt.Errorf("%q is not a concept reference", t))
				}
				continue
			}
			if len(wordsOf(t)) == 0 || strings.Contains(t, gapWord) || strings.Contains(t, numberWord) {
				return fe(fieldNode(n, "terms"), item, fmt.Sprintf("terms[%d]", i), fmt.Errorf("term %q must be words", t))
			}
		}
		return nil
	},
	id: func(c *ConceptSpec) string { return c.ID },
}

// ParseConceptFile parses and validates the "concepts" list of one file.
func ParseConceptFile(data []byte, name string) ([]ConceptSpec, []error) {
	cs, _, errs := conceptList.parse(data, name)
	return cs, errs
}

// Concepts is a merged, read-only set of concept classes.
type Concepts struct {
	terms map[string][]string // id -> terms, references unexpanded
}

// NewConcepts merges concept specs by id.
func NewConcepts(specs []ConceptSpec) *Concepts {
	c := &Concepts{terms: map[string][]string{}}
	for _, s := range specs {
		for _, t := range s.Terms {
			if !slices.Contains(c.terms[s.ID], t) {
				c.terms[s.ID] = append(c.terms[s.ID], t)
			}
		}
	}
	return c
}

// IDs returns the concept ids, sorted.
func (c *Concepts) IDs() []string {
	if c == nil {
		return nil
	}
	ids := make([]string, 0, len(c.terms))
	for id := range c.terms {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// Expand returns the literal terms of an element: alternatives separated by
// "|", each a phrase or an "@concept" reference (followed recursively).
// Unknown references are returned in missing.
func (c *Concepts) Expand(element string) (terms, missing []string) {
	seen := map[string]bool{}
	var walk func(alt string)
	walk = func(alt string) {
		alt = strings.TrimSpace(alt)
		if alt == "" {
			return
		}
		if !strings.HasPrefix(alt, "@") {
			if !slices.Contains(terms, alt) {
				terms = append(terms, alt)
			}
			return
		}
		id := alt[1:]
		if seen[id] {
			return
		}
		seen[id] = true
		ts, ok := c.terms[id]
		if c == nil || !ok {
			missing = append(missing, id)
			return
		}
		for _, t := range ts {
			walk(t)
		}
	}
	for _, alt := range strings.Split(element, "|") {
		walk(alt)
	}
	return terms, missing
}

// checkConceptRefs returns an error naming the first element of lines that
// refers to an unknown concept or has no words.
func (c *Concepts) checkConceptRefs(elements []string) error {
	for _, e := range elements {
		terms, missing := c.Expand(e)
		if len(missing) > 0 {
			return fmt.Errorf("unknown concept @%s", missing[0])
		}
		if len(terms) == 0 {
			return fmt.Errorf("element %q has no words", e)
		}
	}
	return nil
}
