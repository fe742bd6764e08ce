package review

import (
	"errors"
	"fmt"
	"path"

	"go.yaml.in/yaml/v3"
)

// errorAt makes a FileError for node n of the file being read.
type errorAt func(n *yaml.Node, item, field string, err error) error

// yamlList reads the files that hold one list of items under a key, such
// as question files ("questions") and rule files ("rules"): every item is
// decoded and validated on its own, so one bad item costs only itself.
type yamlList[T any] struct {
	kind    string // "question" or "rule", for error messages
	key     string // the top-level key holding the list
	missing string // the error when the key is absent
	// validate checks one decoded item; n is its node, item its name.
	validate func(v *T, n *yaml.Node, fe errorAt, item string) error
	// id returns an item's id, for the duplicate check.
	id func(v *T) string
}

// parse decodes data (the file called name) and returns the valid items,
// the line each starts on, and one error per problem found.
func (l yamlList[T]) parse(data []byte, name string) ([]T, []int, []error) {
	if limit, _ := l.maxFileBytes(); int64(len(data)) > limit {
		return nil, nil, []error{l.tooLarge(name, int64(len(data)))}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, nil, []error{&FileError{File: name, Line: yamlErrLine(err), Kind: l.kind, Err: fmt.Errorf("invalid YAML: %w", err)}}
	}
	if len(doc.Content) == 0 {
		return nil, nil, nil // an empty file
	}
	root := doc.Content[0]
	fe := func(n *yaml.Node, item, field string, err error) error {
		return &FileError{File: name, Line: n.Line, Kind: l.kind, Item: item, Field: field, Err: err}
	}
	if root.Kind != yaml.MappingNode {
		return nil, nil, []error{fe(root, "", "", fmt.Errorf("top level must be a mapping with a %q list", l.key))}
	}
	list := mapValue(root, l.key)
	if list == nil {
		return nil, nil, []error{fe(root, "", l.key, errors.New(l.missing))}
	}
	if list.Kind != yaml.SequenceNode {
		return nil, nil, []error{fe(list, "", l.key, errors.New("must be a list"))}
	}
	var out []T
	var lines []int
	errs := fileErrs{file: name} // at most MaxWarningsPerFile, then a count
	seen := map[string]bool{}
	for i, n := range list.Content {
		item := fmt.Sprintf("#%d", i+1)
		if idn := mapValue(n, "id"); idn != nil && idn.Kind == yaml.ScalarNode && idn.Value != "" {
			item = idn.Value
		}
		if n.Kind != yaml.MappingNode {
			errs.add(fe(n, item, "", errors.New("must be a mapping")))
			continue
		}
		var v T
		if err := n.Decode(&v); err != nil {
			errs.add(decodeError(name, l.kind, item, n, err))
			continue
		}
		if err := l.validate(&v, n, fe, item); err != nil {
			errs.add(err)
			continue
		}
		id := l.id(&v)
		if seen[id] {
			errs.add(fe(mapValue(n, "id"), id, "id", errors.New("duplicate id in this file")))
			continue
		}
		seen[id] = true
		out = append(out, v)
		lines = append(lines, n.Line)
	}
	return out, lines, errs.list()
}

// load parses every *.yaml file of each source, in order, and hands each
// file's valid items, their lines and its label to add, whose errors (such
// as ids already loaded from another file) follow the file's own.
func (l yamlList[T]) load(srcs []BankSource, add func(items []T, lines []int, label string) []error) []error {
	return l.eachFile(srcs, func(data []byte, label string) []error {
		items, lines, ferrs := l.parse(data, label)
		return append(ferrs, add(items, lines, label)...)
	})
}

// eachFile reads every *.yaml file of each source, in order, within the
// size limit, and hands its content and label to fn; the errors fn returns
// are capped per file.
func (l yamlList[T]) eachFile(srcs []BankSource, fn func(data []byte, label string) []error) []error {
	var errs []error
	for _, src := range srcs {
		names, err := yamlFiles(src)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		for _, name := range names {
			label := sourceName(src, name)
			data, err := l.readFile(src.FS, path.Join(src.Dir, name), label)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			errs = append(errs, CapWarnings(fn(data, label))...)
		}
	}
	return errs
}
