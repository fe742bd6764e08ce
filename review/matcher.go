package review

import "slices"

// Roles of a compiled matcher within its rule.
const (
	roleMain   uint8 = iota // existence / occurrence matches
	roleFirst               // ordering: the moves that must come first
	roleThen                // ordering: the moves that must not come first
	roleAnchor              // occurrence: where to point when out of range
	roleCue                 // a talking point cue (item = talking point index)
	roleTheme               // a reverse-interview theme cue (item = theme index)
	rolePart                // a talking point part (item = index into matcher.parts)
	roleStar                // a STAR element (item = element index)
	roleUnless              // existence / occurrence: a match that cancels the main ones
)

// pointMatches returns the matchers of a talking point or part: its cues,
// one concept match per line, and its label when it has neither (and
// labelFallback is set).
func pointMatches(cues []string, lines [][]string, label string, labelFallback bool) []MatchSpec {
	var ms []MatchSpec
	if len(cues) > 0 {
		ms = append(ms, MatchSpec{Tokens: cues})
	}
	for _, l := range lines {
		// a point is covered by what was done, not by what was only imagined
		ms = append(ms, MatchSpec{Concepts: l, Real: true})
	}
	if len(ms) == 0 && labelFallback {
		ms = append(ms, MatchSpec{Tokens: []string{label}})
	}
	return ms
}

const (
	gapID     int32 = -2 // "..." in a phrase
	numID     int32 = -3 // "#number" in a phrase: digits or a number word
	maxGap          = 20 // words a "..." may skip
	unknownID int32 = -1
)

// Compiled match positions (see posCode).
const (
	posAny uint8 = iota
	posSentStart
	posClauseStart
	posFiller
	posNotFiller
	posTag
	posBeforeComma
	posOpeningComma
)

// numberWords match "#number" in a phrase, as do words starting with a digit.
var numberWords = []string{"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
	"eleven", "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
	"ninety", "hundred", "thousand", "million", "half", "dozen"}

// filledPauses are the lead-in words that are themselves fillers; only they
// may come before an opening-comma match ("Um, so, ...", not "And so, ...").
var filledPauses = []string{"um", "uh", "er", "ah", "erm", "hmm", "mm", "uhm"}

// leadInWords may come before a sentence-start match ("Um, okay, so ...").
var leadInWords = []string{"um", "uh", "er", "ah", "erm", "hmm", "mm", "uhm", "okay", "ok", "well", "so", "yeah", "right", "and", "but", "alright"}

type pattern struct {
	ids  []int32
	spec int32
}

type cspec struct {
	rule     int32
	role     uint8
	pos      uint8
	item     int32 // talking point or theme index
	within   int
	opening  int
	real     bool // only what happened: not imagined, not negated
	notPre   [][]int32
	notFol   [][]int32
	pre, fol [][]int32
}

// matcher is the compiled form of a rule set (plus one question's cues):
// a vocabulary of every word the rules name, and the phrases indexed by
// their first word, so a review is one pass over the tokens.
type matcher struct {
	vocab   map[string]int32
	starts  [][]int32 // first word id -> patterns of one word, or with a marker second
	starts2 [][]int32 // first word id -> longer patterns, sorted by their second word id
	pats    []pattern
	specs   []cspec
	leadIn  []bool                  // by word id
	pause   []bool                  // by word id: a filled pause (um, uh ...)
	number  []bool                  // by word id: a number word
	prefix  [prefixBits / 64]uint64 // bitset of hashed 3-byte prefixes of the vocabulary
	concept *conceptMatcher         // the matches by meaning
	// parts maps a part spec's item to its talking point and part index
	parts []partRef
}

// partRef locates one part of a talking point.
type partRef struct{ point, part int }

func (m *matcher) id(w string) int32 { return intern(m.vocab, w) }

// intern returns w's id in vocab, adding it with the next id if new.
func intern(vocab map[string]int32, w string) int32 {
	if id, ok := vocab[w]; ok {
		return id
	}
	id := int32(len(vocab))
	vocab[w] = id
	return id
}

func (m *matcher) phrase(p string) []int32 {
	ws := wordsOf(p)
	ids := make([]int32, len(ws))
	for i, w := range ws {
		if w == gapWord {
			ids[i] = gapID
		} else if w == numberWord {
			ids[i] = numID
		} else {
			ids[i] = m.id(w)
		}
	}
	return ids
}

func (m *matcher) phrases(ps []string) [][]int32 {
	var out [][]int32
	for _, p := range ps {
		out = append(out, m.phrase(p))
	}
	return out
}

func posCode(p string) uint8 {
	switch p {
	case PosSentenceStart:
		return posSentStart
	case PosClauseStart:
		return posClauseStart
	case PosFiller:
		return posFiller
	case PosNotFiller:
		return posNotFiller
	case PosTag:
		return posTag
	case PosBeforeComma:
		return posBeforeComma
	case PosOpeningComma:
		return posOpeningComma
	}
	return posAny
}

func (m *matcher) add(rule int, role uint8, item int, ms []MatchSpec) {
	for _, s := range ms {
		cs := cspec{rule: int32(rule), role: role, item: int32(item), pos: posCode(s.Position),
			within: max(s.Within, 1), opening: s.Opening, real: s.Real,
			notPre: m.phrases(s.NotPrecededBy), notFol: m.phrases(s.NotFollowedBy),
			pre: m.phrases(s.PrecededBy), fol: m.phrases(s.FollowedBy)}
		m.specs = append(m.specs, cs)
		if len(s.Concepts) > 0 {
			m.concept.add(int32(len(m.specs)-1), s)
		}
		for _, t := range s.Tokens {
			m.pats = append(m.pats, pattern{ids: m.phrase(t), spec: int32(len(m.specs) - 1)})
		}
	}
}

// compile builds the matcher for rules, plus the talking point cues of q.
func compile(rules []RuleSpec, concepts *Concepts, q *Question) *matcher {
	m := &matcher{vocab: map[string]int32{}, concept: newConceptMatcher(concepts)}
	for _, w := range leadInWords {
		m.id(w)
	}
	for _, w := range numberWords {
		m.id(w) // so "#number" knows every number word, not only those a rule names
	}
	byID := map[string]int{}
	for i, r := range rules {
		byID[r.ID] = i
	}
	for i, r := range rules {
		switch r.Extends {
		case KindExistence:
			m.add(i, roleMain, 0, r.Match)
			m.add(i, roleUnless, 0, r.Unless)
		case KindOccurrence:
			ms, unless := r.Match, r.Unless
			if r.SameAs != "" {
				ms, unless = rules[byID[r.SameAs]].Match, rules[byID[r.SameAs]].Unless
			}
			m.add(i, roleMain, 0, ms)
			m.add(i, roleUnless, 0, unless)
			m.add(i, roleAnchor, 0, r.Anchor)
		case KindOrdering:
			m.add(i, roleFirst, 0, r.First)
			m.add(i, roleThen, 0, r.Then)
		case KindQuestions:
			for j, t := range r.Themes {
				m.add(i, roleTheme, j, []MatchSpec{{Tokens: t.Cues}})
			}
		case KindCoverage:
			if q != nil {
				for j, tp := range q.TalkingPoints {
					m.add(i, roleCue, j, pointMatches(tp.Cues, tp.Concepts, tp.Label, len(tp.Parts) == 0))
					for k, p := range tp.Parts {
						m.add(i, rolePart, len(m.parts), pointMatches(p.Cues, p.Concepts, p.Label, true))
						m.parts = append(m.parts, partRef{point: j, part: k})
					}
				}
			}
		case KindStar:
			for j, e := range r.Elements {
				m.add(i, roleStar, j, e.Match)
			}
		}
	}
	m.concept.fold()
	m.starts = make([][]int32, len(m.vocab))
	m.starts2 = make([][]int32, len(m.vocab))
	for i, p := range m.pats {
		if p.ids[0] < 0 {
			continue // validation rejects these; never index by a marker
		}
		if len(p.ids) == 1 || p.ids[1] < 0 {
			m.starts[p.ids[0]] = append(m.starts[p.ids[0]], int32(i))
		} else {
			m.starts2[p.ids[0]] = append(m.starts2[p.ids[0]], int32(i))
		}
	}
	for _, l := range m.starts2 {
		slices.SortStableFunc(l, func(a, b int32) int { return int(m.pats[a].ids[1] - m.pats[b].ids[1]) })
	}
	m.leadIn = make([]bool, len(m.vocab))
	for _, w := range leadInWords {
		m.leadIn[m.vocab[w]] = true
	}
	for w := range m.vocab {
		h := prefixHash([]byte(w))
		m.prefix[h/64] |= 1 << (h % 64)
	}
	m.pause = make([]bool, len(m.vocab))
	for _, w := range filledPauses {
		m.pause[m.vocab[w]] = true
	}
	m.number = make([]bool, len(m.vocab))
	for _, w := range numberWords {
		if id, ok := m.vocab[w]; ok {
			m.number[id] = true
		}
	}
	return m
}

// stemSuffixes are tried, in order, when a word is not in the vocabulary:
// "audits", "auditing", "audited" all find "audit"; "analyzing" finds
// "analyze" through the added "e".
var stemSuffixes = []string{"'s", "ies", "es", "s", "ing", "ed", "ly"}

const prefixBits = 1 << 12

// prefixHash hashes the first three bytes of w into 0..prefixBits-1.
func prefixHash(w []byte) uint32 {
	var h uint32 = 2166136261
	for i := 0; i < 3; i++ {
		var c byte
		if i < len(w) {
			c = w[i]
		}
		h = (h ^ uint32(c)) * 16777619
	}
	return h % prefixBits
}

// exact looks a word up, first in the prefix bitset (most words of an
// answer are not in the vocabulary and stop there).
func (m *matcher) exact(w []byte) (int32, bool) {
	h := prefixHash(w)
	if m.prefix[h/64]&(1<<(h%64)) == 0 {
		return unknownID, false
	}
	id, ok := m.vocab[string(w)]
	return id, ok
}

// lookup returns the vocabulary id of a normalised word, trying a few
// suffix strippings when the word itself is not known.
func (m *matcher) lookup(w []byte) int32 {
	if id, ok := m.exact(w); ok {
		return id
	}
	if len(w) < 4 {
		return unknownID
	}
	for _, suf := range stemSuffixes {
		if len(w) <= len(suf)+2 || string(w[len(w)-len(suf):]) != suf {
			continue
		}
		base := w[:len(w)-len(suf)]
		if id, ok := m.exact(base); ok {
			return id
		}
		switch suf {
		case "ing", "ed", "es":
			// analyzing -> analyze; planned -> plan
			var tmp [48]byte
			if id, ok := m.exact(append(append(tmp[:0], base...), 'e')); ok {
				return id
			}
			if n := len(base); n >= 2 && base[n-1] == base[n-2] {
				if id, ok := m.exact(base[:n-1]); ok {
					return id
				}
			}
		case "ies":
			var tmp [48]byte
			if id, ok := m.exact(append(append(tmp[:0], base...), 'y')); ok {
				return id
			}
		}
	}
	return unknownID
}

// hit is one match of a compiled spec over tokens [start, end).
type hit struct {
	spec       int32
	start, end int32 // the evidence: tokens [start, end)
	at         int32 // where the match itself starts (for ordering)
}

// scan finds every match of every spec, in token order. ids are the
// vocabulary ids of toks.
func (m *matcher) scan(toks []Token, ids []int32, hits []hit) []hit {
	for i := range toks {
		id := ids[i]
		if id < 0 {
			continue
		}
		for _, pi := range m.starts[id] {
			hits = m.try(toks, ids, pi, i, hits)
		}
		// longer patterns: only those whose second word is the next word
		l := m.starts2[id]
		if len(l) == 0 || i+1 >= len(toks) || ids[i+1] < 0 {
			continue
		}
		next := ids[i+1]
		k, _ := slices.BinarySearchFunc(l, next, func(pi, want int32) int { return int(m.pats[pi].ids[1] - want) })
		for ; k < len(l) && m.pats[l[k]].ids[1] == next; k++ {
			hits = m.try(toks, ids, l[k], i, hits)
		}
	}
	return hits
}

// try matches pattern pi at token i and appends a hit when it matches in
// context.
func (m *matcher) try(toks []Token, ids []int32, pi int32, i int, hits []hit) []hit {
	p := &m.pats[pi]
	end := m.matchAt(toks, ids, p.ids, i)
	if end < 0 {
		return hits
	}
	s := &m.specs[p.spec]
	if s.opening > 0 && i >= s.opening {
		return hits
	}
	if !m.context(toks, ids, s, i, end) {
		return hits
	}
	return append(hits, hit{spec: p.spec, start: int32(i), end: int32(end), at: int32(i)})
}

// matchAt matches phrase at token i and returns the end token, or -1.
func (m *matcher) matchAt(toks []Token, ids, phrase []int32, i int) int {
	j := i
	for k := 0; k < len(phrase); k++ {
		w := phrase[k]
		if w == gapID {
			// find the rest of the phrase within maxGap words, same sentence
			for skip := 0; skip <= maxGap && j+skip < len(toks); skip++ {
				if toks[j+skip].Sentence != toks[i].Sentence {
					break
				}
				if e := m.matchAt(toks, ids, phrase[k+1:], j+skip); e >= 0 {
					return e
				}
			}
			return -1
		}
		if j >= len(toks) || toks[j].Sentence != toks[i].Sentence {
			return -1
		}
		if w == numID {
			if toks[j].Flags&Numeric == 0 && (ids[j] < 0 || int(ids[j]) >= len(m.number) || !m.number[ids[j]]) {
				return -1
			}
		} else if ids[j] != w {
			return -1
		}
		j++
	}
	return j
}

// adjacent reports whether one of phrases ends just before token i (before
// = true) or starts just after end, within the given window of words.
func (m *matcher) adjacent(toks []Token, ids []int32, phrases [][]int32, i, end, within int, before bool) bool {
	for _, p := range phrases {
		for d := 0; d < within; d++ {
			var at int
			if before {
				at = i - d - len(p)
				if within == 1 && toks[i].Flags&ClauseStart != 0 {
					return false // "..., like" is not "looks like"
				}
			} else {
				at = end + d
				if within == 1 && toks[end-1].Flags&ClauseEnd != 0 {
					return false // "you know, that" is not "you know that"
				}
			}
			if at < 0 || at+len(p) > len(toks) {
				continue
			}
			if m.matchAt(toks, ids, p, at) >= 0 {
				return true
			}
		}
	}
	return false
}

// context checks position and neighbour conditions of a match.
func (m *matcher) context(toks []Token, ids []int32, s *cspec, i, end int) bool {
	switch s.pos {
	case posSentStart:
		if !m.sentenceStart(toks, ids, i) {
			return false
		}
	case posClauseStart:
		if toks[i].Flags&ClauseStart == 0 && !m.sentenceStart(toks, ids, i) {
			return false
		}
	case posFiller:
		if !m.fillerPos(toks, ids, i, end) {
			return false
		}
	case posNotFiller:
		if m.fillerPos(toks, ids, i, end) {
			return false
		}
	case posTag:
		if toks[i].Flags&ClauseStart == 0 || toks[end-1].Flags&QuestionEnd == 0 {
			return false
		}
	case posBeforeComma:
		if toks[end-1].Flags&ClauseEnd == 0 {
			return false
		}
	case posOpeningComma:
		if toks[end-1].Flags&ClauseEnd == 0 || !m.afterOnly(toks, ids, i, m.pause) {
			return false
		}
	}
	if len(s.notPre) > 0 && m.adjacent(toks, ids, s.notPre, i, end, s.within, true) {
		return false
	}
	if len(s.notFol) > 0 && m.adjacent(toks, ids, s.notFol, i, end, s.within, false) {
		return false
	}
	if len(s.pre) > 0 && !m.adjacent(toks, ids, s.pre, i, end, s.within, true) {
		return false
	}
	if len(s.fol) > 0 && !m.adjacent(toks, ids, s.fol, i, end, s.within, false) {
		return false
	}
	return true
}

// sentenceStart: the first word of its sentence, or preceded in it only by
// lead-in words (um, okay, so, well ...).
func (m *matcher) sentenceStart(toks []Token, ids []int32, i int) bool {
	return m.afterOnly(toks, ids, i, m.leadIn)
}

// afterOnly: token i is preceded in its sentence only by words in set.
func (m *matcher) afterOnly(toks []Token, ids []int32, i int, set []bool) bool {
	for j := i - 1; j >= 0 && toks[j].Sentence == toks[i].Sentence; j-- {
		if ids[j] < 0 || !set[ids[j]] {
			return false
		}
	}
	return true
}

// fillerPos: set off from the sentence — at a sentence or clause start, or
// followed by a comma, dash or the sentence end.
func (m *matcher) fillerPos(toks []Token, ids []int32, i, end int) bool {
	return toks[i].Flags&ClauseStart != 0 || toks[end-1].Flags&ClauseEnd != 0 || m.sentenceStart(toks, ids, i)
}
