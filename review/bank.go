package review

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// BankSource is one place question or rule files are read from: every
// *.yaml (or *.yml) file directly in Dir of FS; a Dir that does not exist
// holds no files and is not an error. Label prefixes the file names in
// errors and in Question.Source, e.g. "builtin" or a folder path.
type BankSource struct {
	FS    fs.FS
	Dir   string
	Label string
}

// FileError is a problem in one question or rule file, naming the file, the
// line, the question or rule id (when known) and the field that was wrong.
type FileError struct {
	File  string // file name, prefixed with the source label
	Line  int    // 1-based line, 0 when unknown
	Item  string // question or rule id, "" when unknown
	Kind  string // "question" or "rule"
	Field string // field name, "" when the whole item or file is wrong
	Err   error
}

// Error formats the problem as "file:line: question "id": field "f": what".
func (e *FileError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	b.WriteString(":")
	if e.Item != "" {
		fmt.Fprintf(&b, " %s %q:", e.Kind, e.Item)
	}
	if e.Field != "" {
		fmt.Fprintf(&b, " field %q:", e.Field)
	}
	b.WriteString(" ")
	b.WriteString(e.Err.Error())
	return b.String()
}

// Unwrap returns the underlying error.
func (e *FileError) Unwrap() error { return e.Err }

// Bank is a loaded question bank. It is read-only after loading and safe
// for concurrent use.
type Bank struct {
	questions []Question
	byID      map[string]int
}

// LoadBank reads every *.yaml file of each source. A broken file or question
// yields an error naming file, line and field, while every good question of
// every file still loads. Question ids are unique across sources: a later
// duplicate is reported and skipped.
func LoadBank(srcs ...BankSource) (*Bank, []error) {
	b := &Bank{byID: map[string]int{}}
	errs := questionList.load(srcs, func(qs []Question, lines []int, label string) []error {
		return b.add(qs, lines, label)
	})
	return b, errs
}

// ValidateBankFile checks one question file's content; it returns nil when
// every question is valid, else all problems joined.
func ValidateBankFile(data []byte, name string) error {
	qs, errs := ParseBankFile(data, name) // duplicate ids are among errs
	if len(errs) == 0 && len(qs) == 0 {
		return &FileError{File: name, Kind: "question", Field: "questions", Err: errors.New("no questions in file")}
	}
	return errors.Join(errs...)
}

// add appends the questions of the file called label (each with its
// Source set), skipping and reporting ids an earlier file defined.
func (b *Bank) add(qs []Question, lines []int, label string) []error {
	var errs []error
	for k, q := range qs {
		if i, dup := b.byID[q.ID]; dup {
			errs = append(errs, &FileError{File: label, Line: lines[k], Kind: "question", Item: q.ID, Field: "id",
				Err: fmt.Errorf("duplicate id, already defined in %s", b.questions[i].Source)})
			continue
		}
		q.Source = label
		b.byID[q.ID] = len(b.questions)
		b.questions = append(b.questions, q)
	}
	return errs
}

// ParseBankFile parses the content of one question file. Questions that
// fail validation are left out and reported; the others are returned with
// Source set to name. Duplicate ids within the file are reported.
func ParseBankFile(data []byte, name string) ([]Question, []error) {
	qs, _, errs := questionList.parse(data, name)
	for i := range qs {
		qs[i].Source = name
	}
	return qs, errs
}

// questionList reads question files: a "questions" list.
var questionList = yamlList[Question]{
	kind: "question", key: "questions", missing: "missing",
	validate: validateQuestion,
	id:       func(q *Question) string { return q.ID },
}

func validateQuestion(q *Question, n *yaml.Node, fe errorAt, item string) error {
	if strings.TrimSpace(q.ID) == "" {
		return fe(fieldNode(n, "id"), item, "id", errors.New("missing or empty"))
	}
	if !validID(q.ID) {
		return fe(fieldNode(n, "id"), item, "id", fmt.Errorf("%q must be lower-case letters, digits and dashes", q.ID))
	}
	if !slices.Contains(Categories, q.Category) {
		return fe(fieldNode(n, "category"), item, "category", fmt.Errorf("%q is not one of %s", q.Category, strings.Join(Categories, ", ")))
	}
	if strings.TrimSpace(q.Prompt) == "" {
		return fe(fieldNode(n, "prompt"), item, "prompt", errors.New("missing or empty"))
	}
	if q.ThinkSeconds <= 0 {
		return fe(fieldNode(n, "think_seconds"), item, "think_seconds", fmt.Errorf("must be a number of seconds > 0, got %d", q.ThinkSeconds))
	}
	if q.AnswerSeconds <= 0 {
		return fe(fieldNode(n, "answer_seconds"), item, "answer_seconds", fmt.Errorf("must be a number of seconds > 0, got %d", q.AnswerSeconds))
	}
	tps := mapValue(n, "talking_points")
	seen := map[string]bool{}
	for i, tp := range q.TalkingPoints {
		tn := n
		if tps != nil && i < len(tps.Content) {
			tn = tps.Content[i]
		}
		field := fmt.Sprintf("talking_points[%d]", i)
		switch {
		case !validID(tp.ID):
			return fe(fieldNode(tn, "id"), item, field+".id", fmt.Errorf("%q must be a non-empty id of lower-case letters, digits and dashes", tp.ID))
		case seen[tp.ID]:
			return fe(fieldNode(tn, "id"), item, field+".id", fmt.Errorf("duplicate talking point id %q", tp.ID))
		case strings.TrimSpace(tp.Label) == "":
			return fe(fieldNode(tn, "label"), item, field+".label", errors.New("missing or empty"))
		}
		for j, c := range tp.Cues {
			if len(wordsOf(c)) == 0 {
				return fe(fieldNode(tn, "cues"), item, fmt.Sprintf("%s.cues[%d]", field, j), fmt.Errorf("cue %q has no words", c))
			}
		}
		if err := validLines(tp.Concepts); err != nil {
			return fe(fieldNode(tn, "concepts"), item, field+".concepts", err)
		}
		for j, p := range tp.Parts {
			pf := fmt.Sprintf("%s.parts[%d]", field, j)
			switch {
			case !validID(p.ID) || strings.TrimSpace(p.Label) == "":
				return fe(fieldNode(tn, "parts"), item, pf, errors.New("a part needs an id and a label"))
			case len(p.Cues) == 0 && len(p.Concepts) == 0:
				return fe(fieldNode(tn, "parts"), item, pf, errors.New("a part needs cues or concepts"))
			}
			if err := validLines(p.Concepts); err != nil {
				return fe(fieldNode(tn, "parts"), item, pf+".concepts", err)
			}
		}
		seen[tp.ID] = true
	}
	for _, a := range q.Assess {
		if !slices.Contains(RubricItems, a) {
			return fe(fieldNode(n, "assess"), item, "assess", fmt.Errorf("%q is not one of %s", a, strings.Join(RubricItems, ", ")))
		}
	}
	return nil
}

// validLines checks concept lines: each a non-empty list of non-empty
// elements.
func validLines(lines [][]string) error {
	for i, l := range lines {
		if len(l) == 0 {
			return fmt.Errorf("line %d is empty", i+1)
		}
		for _, e := range l {
			if strings.Trim(e, "| ") == "" {
				return fmt.Errorf("line %d has an empty element", i+1)
			}
			for _, alt := range strings.Split(e, "|") {
				alt = strings.TrimSpace(alt)
				if alt != "" && !strings.HasPrefix(alt, "@") && len(wordsOf(alt)) == 0 {
					return fmt.Errorf("line %d: %q has no words", i+1, alt)
				}
			}
		}
	}
	return nil
}

func validID(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

// All returns every question, in file order.
func (b *Bank) All() []Question { return slices.Clone(b.questions) }

// Len returns the number of questions.
func (b *Bank) Len() int { return len(b.questions) }

// ByID returns the question with the given id.
func (b *Bank) ByID(id string) (Question, bool) {
	i, ok := b.byID[id]
	if !ok {
		return Question{}, false
	}
	return b.questions[i], true
}

// ByCategory returns the questions of one category id, in file order.
func (b *Bank) ByCategory(cat string) []Question {
	var out []Question
	for _, q := range b.questions {
		if q.Category == cat {
			out = append(out, q)
		}
	}
	return out
}

// Random returns up to n distinct questions chosen at random, from one
// category or from all when category is "". A nil rng uses a random seed.
func (b *Bank) Random(n int, category string, rng *rand.Rand) []Question {
	var pool []Question
	if category == "" {
		pool = b.All()
	} else {
		pool = b.ByCategory(category)
	}
	if rng == nil {
		rng = rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64()))
	}
	rng.Shuffle(len(pool), func(i, j int) { pool[i], pool[j] = pool[j], pool[i] })
	if n < len(pool) {
		pool = pool[:max(n, 0)]
	}
	return pool
}

// yamlFiles lists the *.yaml and *.yml files directly in src.Dir, sorted.
func yamlFiles(src BankSource) ([]string, error) {
	dir := src.Dir
	if dir == "" {
		dir = "."
	}
	ents, err := fs.ReadDir(src.FS, dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil // a user folder not made yet holds no files
	}
	if err != nil {
		return nil, fmt.Errorf("%s: read folder %s: %w", src.Label, dir, err)
	}
	var names []string
	for _, e := range ents {
		if e.IsDir() {
			continue
		}
		if n := e.Name(); strings.HasSuffix(n, ".yaml") || strings.HasSuffix(n, ".yml") {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	return names, nil
}

func sourceName(src BankSource, name string) string {
	if src.Label == "" {
		return name
	}
	if strings.HasSuffix(src.Label, "/") || strings.HasSuffix(src.Label, ":") {
		return src.Label + name
	}
	return src.Label + ":" + name
}

// mapValue returns the value node of key in a mapping node, or nil.
func mapValue(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// fieldNode returns the value node of field in mapping n, or n itself when
// it has none: the node an error about the field points at.
func fieldNode(n *yaml.Node, field string) *yaml.Node {
	if v := mapValue(n, field); v != nil {
		return v
	}
	return n
}

// decodeError turns a YAML decode error on node n into a FileError with
// the line and field of the first problem.
func decodeError(file, kind, item string, n *yaml.Node, err error) error {
	line, field := n.Line, ""
	var te *yaml.TypeError
	msg := err.Error()
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
		// "line 7: cannot unmarshal !!str `abc` into int"
		var l int
		if _, e := fmt.Sscanf(msg, "line %d:", &l); e == nil {
			line = l
			if i := strings.Index(msg, ": "); i >= 0 {
				msg = msg[i+2:]
			}
		}
		field = fieldAtLine(n, line)
	}
	return &FileError{File: file, Line: line, Kind: kind, Item: item, Field: field, Err: errors.New(msg)}
}

// fieldAtLine finds the mapping key whose value starts on line, searching n.
func fieldAtLine(n *yaml.Node, line int) string {
	if n == nil {
		return ""
	}
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if v.Line == line && (v.Kind == yaml.ScalarNode || v.Kind == yaml.AliasNode) {
				return k.Value
			}
			if f := fieldAtLine(v, line); f != "" {
				return k.Value + "." + f
			}
		}
	}
	if n.Kind == yaml.SequenceNode {
		for i, c := range n.Content {
			if c.Line == line && c.Kind == yaml.ScalarNode {
				return fmt.Sprintf("[%d]", i)
			}
			if f := fieldAtLine(c, line); f != "" {
				return fmt.Sprintf("[%d].%s", i, f)
			}
		}
	}
	return ""
}

// yamlErrLine extracts "line N" from a YAML syntax error.
func yamlErrLine(err error) int {
	msg := err.Error()
	i := strings.Index(msg, "line ")
	if i < 0 {
		return 0
	}
	var l int
	fmt.Sscanf(msg[i:], "line %d", &l)
	return l
}
