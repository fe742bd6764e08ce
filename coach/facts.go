package coach

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rehearse-app/rehearse/review"
)

// The placeholders put where a rewrite states a fact the candidate did not.
const (
	PlaceholderNumber = "[your number]"
	PlaceholderSystem = "[your system]"
)

// Placeholder is a fact of a rewrite that the original answer does not
// hold, replaced by a visible placeholder.
type Placeholder struct {
	// Kind is "number" or "system" (a named product, tool or acronym).
	Kind string `json:"kind"`
	// Was is what the model wrote.
	Was string `json:"was"`
	// With is the placeholder put in its place.
	With string `json:"with"`
}

// genericTerms are capitalised words and acronyms a rewrite may use without
// the candidate having said them: roles, departments and the vocabulary of
// the trade, not named systems.
var genericTerms = map[string]bool{
	"roi": true, "kpi": true, "kpis": true, "okr": true, "okrs": true, "cmo": true, "ceo": true, "cfo": true, "coo": true,
	"cro": true, "cto": true, "vp": true, "svp": true, "evp": true, "b2b": true, "b2c": true, "saas": true, "crm": true,
	"mql": true, "mqls": true, "sql": true, "sqls": true, "sal": true, "abm": true, "utm": true, "utms": true, "api": true,
	"seo": true, "sem": true, "ppc": true, "cac": true, "ltv": true, "arr": true, "mrr": true, "star": true, "ops": true,
	"sales": true, "marketing": true, "finance": true, "product": true, "legal": true, "it": true, "hr": true,
	"revops": true, "mops": true, "operations": true, "leadership": true, "director": true, "manager": true,
	"head": true, "team": true,
}

// commonWords are words that start sentences; capitalised there, they are
// not the first word of a name ("Our Marketo instance").
var commonWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`i a an the our my we us you your they their them it its this that these those
		he she his her in on at by for from to of with without into onto over under after before during since until
		and but or so then also next first second finally once when while if because as though although here there
		what which who whom whose how why where each every all both either neither some any most many much more
		no not yes let lets i'd i'm i've i'll we'd we're we've we'll one two three last this next today yesterday
		instead rather still just even only overall together meanwhile however therefore otherwise`) {
		m[w] = true
	}
	return m
}()

// numberWords are the number words whose value a rewrite is held to. "one"
// is left out: it is more often a pronoun than a count.
var numberWords = map[string]float64{
	"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
	"eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
	"eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
	"seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9,
	"dozen": 12,
}

// numberRe finds written numbers: "$1,200", "3.5", "40%", "50k", "2 million".
var numberRe = regexp.MustCompile(`(?i)(?:[$€£]\s?)?\b\d+(?:[.,]\d+)*(?:\s?(?:%|percent\b|per cent\b|k\b|m\b|mm\b|bn\b|million\b|billion\b|thousand\b|x\b))?`)

// bracketRe finds placeholders and other bracketed text, left alone.
var bracketRe = regexp.MustCompile(`\[[^\]\n]{0,60}\]`)

// facts is what the candidate said: the numbers (values) and the words.
type facts struct {
	numbers map[float64]bool
	words   map[string]bool
}

// newFacts collects the numbers and words of the original answer. Words
// also come from names (the question and its talking points, which a
// rewrite may repeat), numbers also from numbers (the question's own,
// such as "three departments").
func newFacts(original, names, numbers string) *facts {
	f := &facts{numbers: map[float64]bool{}, words: map[string]bool{}}
	for _, text := range []string{original, numbers} {
		for _, m := range numberRe.FindAllString(text, -1) {
			raw, scaled, ok := numberValue(m)
			if ok {
				f.numbers[raw], f.numbers[scaled] = true, true
			}
		}
		for _, run := range numberWordRuns(text) {
			f.numbers[run.value] = true
			for _, v := range run.parts {
				f.numbers[v] = true
			}
		}
		for _, w := range strings.Fields(strings.ToLower(text)) {
			if w == "one" || w == "a" {
				f.numbers[1] = true
			}
		}
	}
	for _, text := range []string{original, names} {
		toks, _ := review.Tokenize(text)
		for _, t := range toks {
			f.words[wordKey(text[t.Start:t.End])] = true
		}
	}
	return f
}

// knows reports whether word w was said (or is a generic term).
func (f *facts) knows(w string) bool {
	k := wordKey(w)
	return f.words[k] || genericTerms[k] || commonWords[k]
}

// wordKey is the form a word is compared in: lower case, no possessive.
func wordKey(w string) string {
	w = strings.ToLower(strings.ReplaceAll(w, "’", "'"))
	return strings.TrimSuffix(w, "'s")
}

// numberValue reads a written number: its value as written and scaled by
// its unit (k, million, ...).
func numberValue(s string) (raw, scaled float64, ok bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.TrimLeft(s, "$€£ ")
	i := 0
	for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '.' || s[i] == ',') {
		i++
	}
	digits := strings.TrimRight(s[:i], ".,")
	unit := strings.TrimSpace(s[i:])
	if strings.Count(digits, ",") > 0 && !strings.Contains(digits, ".") && isThousandsGrouped(digits) {
		digits = strings.ReplaceAll(digits, ",", "")
	} else {
		digits = strings.ReplaceAll(digits, ",", ".")
	}
	v, err := strconv.ParseFloat(digits, 64)
	if err != nil {
		return 0, 0, false
	}
	mult := map[string]float64{"k": 1e3, "thousand": 1e3, "m": 1e6, "mm": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9}[unit]
	if mult == 0 {
		mult = 1
	}
	return v, v * mult, true
}

// isThousandsGrouped reports whether "1,200,000" uses commas as thousands
// separators (groups of three after the first).
func isThousandsGrouped(s string) bool {
	parts := strings.Split(s, ",")
	for _, p := range parts[1:] {
		if len(p) != 3 {
			return false
		}
	}
	return true
}

// wordRun is a run of number words ("twenty five", "two hundred") and
// where it stands in its text.
type wordRun struct {
	start, end int
	value      float64
	parts      []float64
}

// numberWordRuns finds the runs of number words of text.
func numberWordRuns(text string) []wordRun {
	toks, _ := review.Tokenize(text)
	var runs []wordRun
	var cur *wordRun
	var total, group float64
	flush := func() {
		if cur != nil {
			cur.value = total + group
			runs = append(runs, *cur)
			cur, total, group = nil, 0, 0
		}
	}
	for i, t := range toks {
		w := strings.ToLower(text[t.Start:t.End])
		v, ok := numberWords[w]
		joined := cur != nil && i > 0 && strings.TrimSpace(strings.Trim(text[toks[i-1].End:t.Start], "-")) == ""
		if !ok || (cur != nil && !joined) {
			flush()
			if !ok {
				continue
			}
		}
		if cur == nil {
			cur = &wordRun{start: t.Start}
		}
		cur.end = t.End
		cur.parts = append(cur.parts, v)
		switch {
		case v == 100:
			group = max(group, 1) * 100
		case v >= 1000:
			total += max(group, 1) * v
			group = 0
		default:
			group += v
		}
	}
	flush()
	return runs
}

// span is a stretch of the rewrite to replace.
type span struct {
	start, end int
	kind       string
}

// checkFacts replaces, in rewrite, every number and named system that the
// facts do not hold with a placeholder, and lists what it replaced.
func checkFacts(rewrite string, f *facts) (string, []Placeholder) {
	var spans []span
	inBrackets := bracketRe.FindAllStringIndex(rewrite, -1)
	bracketed := func(start int) bool {
		return slices.ContainsFunc(inBrackets, func(r []int) bool { return start >= r[0] && start < r[1] })
	}
	for _, m := range numberRe.FindAllStringIndex(rewrite, -1) {
		if bracketed(m[0]) {
			continue
		}
		raw, scaled, ok := numberValue(rewrite[m[0]:m[1]])
		if ok && (f.numbers[scaled] || (raw == scaled && f.numbers[raw])) {
			continue
		}
		spans = append(spans, span{m[0], m[1], "number"})
	}
	var written []span // every written number, known or not
	for _, m := range numberRe.FindAllStringIndex(rewrite, -1) {
		written = append(written, span{m[0], m[1], "number"})
	}
	for _, run := range numberWordRuns(rewrite) {
		if bracketed(run.start) || f.numbers[run.value] || overlaps(written, run.start, run.end) {
			continue
		}
		spans = append(spans, span{run.start, run.end, "number"})
	}
	for _, s := range nameSpans(rewrite) {
		if bracketed(s.start) || overlaps(spans, s.start, s.end) {
			continue
		}
		// Leading words the candidate said stay ("The", "Google" of a
		// "Google Ads" they never said); the rest of the name goes.
		toks, _ := review.Tokenize(rewrite[s.start:s.end])
		for len(toks) > 0 && f.knows(rewrite[s.start+toks[0].Start:s.start+toks[0].End]) {
			toks = toks[1:]
		}
		if len(toks) > 0 {
			s.start += toks[0].Start
			spans = append(spans, s)
		}
	}
	if len(spans) == 0 {
		return rewrite, nil
	}
	slices.SortFunc(spans, func(a, b span) int { return a.start - b.start })
	var b strings.Builder
	var out []Placeholder
	last := 0
	for _, s := range spans {
		if s.start < last {
			continue
		}
		with := PlaceholderSystem
		if s.kind == "number" {
			with = PlaceholderNumber
		}
		b.WriteString(rewrite[last:s.start])
		b.WriteString(with)
		out = append(out, Placeholder{Kind: s.kind, Was: rewrite[s.start:s.end], With: with})
		last = s.end
	}
	b.WriteString(rewrite[last:])
	return b.String(), out
}

// overlaps reports whether [start, end) meets one of spans.
func overlaps(spans []span, start, end int) bool {
	return slices.ContainsFunc(spans, func(s span) bool { return start < s.end && s.start < end })
}

// nameSpans finds the named systems of text: runs of capitalised words that
// are not just a sentence's first word ("Google Ads", "Marketo"), acronyms
// ("CDP"), words with an inner capital ("HubSpot") and words mixing letters
// and digits ("GA4", the kind "number"). "I" and its contractions are not
// names. A capitalised first word of a sentence counts only when it looks
// like a name by itself (an acronym or an inner capital): an ordinary
// sentence start cannot be told from a product name without a dictionary.
func nameSpans(text string) []span {
	toks, _ := review.Tokenize(text)
	var out []span
	var cur, opener *span // opener: a capitalised sentence start just before
	flush := func() {
		if cur != nil {
			out = append(out, *cur)
			cur = nil
		}
	}
	for _, t := range toks {
		w := text[t.Start:t.End]
		start := t.Flags&review.SentenceStart != 0
		kind, ok := nameKind(w, start)
		if !ok {
			flush()
			opener = nil
			if r, _ := utf8.DecodeRuneInString(w); start && unicode.IsUpper(r) && !commonWords[strings.ToLower(w)] {
				opener = &span{t.Start, t.End, "system"}
			}
			continue
		}
		if kind == "number" {
			flush()
			out = append(out, span{t.Start, t.End, "number"})
			continue
		}
		if cur != nil && text[cur.end:t.Start] == " " {
			cur.end = t.End
			continue
		}
		flush()
		cur = &span{t.Start, t.End, "system"}
		if opener != nil && text[opener.end:t.Start] == " " {
			cur.start = opener.start // "Google Ads", the sentence's first words
		}
		opener = nil
	}
	flush()
	return out
}

// nameKind says whether word w looks like a name ("system") or a code with
// digits ("number").
func nameKind(w string, sentenceStart bool) (string, bool) {
	r, _ := utf8.DecodeRuneInString(w)
	hasDigit := strings.ContainsAny(w, "0123456789")
	hasLetter := strings.IndexFunc(w, unicode.IsLetter) >= 0
	if hasDigit {
		return "number", hasLetter && unicode.IsLetter(r) // "GA4"; "10x" and pure numbers are numberRe's
	}
	if !unicode.IsUpper(r) {
		return "", false
	}
	switch strings.ReplaceAll(w, "’", "'") {
	case "I", "I'm", "I've", "I'd", "I'll":
		return "", false
	}
	upper := 0
	for _, c := range w {
		if unicode.IsUpper(c) {
			upper++
		}
	}
	if sentenceStart && upper < 2 {
		return "", false
	}
	return "system", true
}
