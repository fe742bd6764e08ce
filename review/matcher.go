package review

import (
	"slices"
	"strings"
)

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
	roleRevoke              // existence / occurrence: a match that voids an earlier veto
	roleNeed                // existence / occurrence: a match the main ones count only with
)

// pointMatches returns the matchers of a talking point or part: its cues,
// one concept match per line, and its label when it has neither (and
// labelFallback is set).
func pointMatches(cues []string, lines [][]string, label string, labelFallback bool) []MatchSpec {
	var ms []MatchSpec
	// a plain cue is matched like a concept line of one term, on lemmas,
	// so that a hindsight ("in hindsight I should have got both of them in
	// one room") does not cover the point; a cue with a gap or a number
	// stays a token match
	var plain, tokens []string
	for _, c := range cues {
		if strings.ContainsAny(c, "#|@") || strings.Contains(c, "...") {
			tokens = append(tokens, c)
		} else {
			plain = append(plain, c)
		}
	}
	if len(tokens) > 0 {
		ms = append(ms, MatchSpec{Tokens: tokens})
	}
	if len(plain) > 0 {
		ms = append(ms, MatchSpec{Concepts: []string{strings.Join(plain, "|")}, Real: true, literal: true})
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

// Word ids below zero are not words of the vocabulary: a token the rules
// never name, or a marker standing in a compiled phrase for a gap or a
// number.
const (
	unknownID    int32 = -1 // a token that is not in the vocabulary
	gapMarker    int32 = -2 // "..." in a phrase
	numberMarker int32 = -3 // "#number" in a phrase: digits or a number word
	maxGap             = 20 // words a "..." may skip
)

// Compiled match positions (see positionCode).
const (
	posAny uint8 = iota
	posSentStart
	posClauseStart
	posFiller
	posNotFiller
	posTag
	posBeforeComma
	posOpeningComma
	posAside
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

// pattern is one compiled phrase of a MatchSpec's Tokens.
type pattern struct {
	words []int32 // word ids, with gapMarker and numberMarker
	spec  int32   // index into matcher.specs
	gaps  int     // how many gapMarkers words holds
}

// compiledSpec is a MatchSpec compiled for one rule: which rule and in what
// role its matches count, and the context a match must stand in. Its
// phrases are in matcher.patterns, its concept lines in the concept matcher.
type compiledSpec struct {
	rule     int32 // index into the rule set
	role     uint8 // what a match does for its rule (roleMain ...)
	position uint8 // where a match must stand (posAny ...)
	item     int32 // the talking point, part, theme or STAR element (see the roles)
	within   int   // words the neighbour conditions look across (at least 1)
	opening  int   // only matches within the first opening words (0: anywhere)
	real     bool  // only what happened: not imagined, not negated
	exact    bool  // the words as written, not their inflections (MatchSpec.Exact)
	// afterMatch: a need that counts only after the rule's first match
	afterMatch bool
	// final: an unless match that no revoked_by match undoes
	final bool
	// raw: no position needed in text without punctuation (MatchSpec.Raw)
	raw bool
	// the neighbour conditions, as compiled phrases
	notPrecededBy, notFollowedBy [][]int32
	precededBy, followedBy       [][]int32
}

// matcher is the compiled form of a rule set (plus one question's cues):
// a vocabulary of every word the rules name, and the phrases indexed by
// their first word, so a review is one pass over the tokens.
type matcher struct {
	vocab           map[string]int32
	byFirstWord     [][]int32 // first word id -> patterns of one word, or with a marker second
	byFirstTwoWords [][]int32 // first word id -> longer patterns, sorted by their second word id
	patterns        []pattern
	specs           []compiledSpec
	isLeadIn        []bool                  // by word id
	isPause         []bool                  // by word id: a filled pause (um, uh ...)
	isNumber        []bool                  // by word id: a number word
	prefixSeen      [prefixBits / 64]uint64 // bitset of hashed 3-byte prefixes of the vocabulary
	concepts        *conceptMatcher         // the matches by meaning
	// parts maps a part spec's item to its talking point and part index
	parts []partRef
}

// partRef locates one part of a talking point.
type partRef struct{ point, part int }

// internWord returns w's id in the matcher's vocabulary, adding it if new.
func (m *matcher) internWord(w string) int32 { return intern(m.vocab, w) }

// intern returns w's id in vocab, adding it with the next id if new.
func intern(vocab map[string]int32, w string) int32 {
	if id, ok := vocab[w]; ok {
		return id
	}
	id := int32(len(vocab))
	vocab[w] = id
	return id
}

// compilePhrase returns the word ids of a phrase, with markers for "..."
// and "#number".
func (m *matcher) compilePhrase(p string) []int32 {
	ws := wordsOf(p)
	ids := make([]int32, len(ws))
	for i, w := range ws {
		if w == gapWord {
			ids[i] = gapMarker
		} else if w == numberWord {
			ids[i] = numberMarker
		} else {
			ids[i] = m.internWord(w)
		}
	}
	return ids
}

// compilePhrases compiles each of ps (see compilePhrase).
func (m *matcher) compilePhrases(ps []string) [][]int32 {
	var out [][]int32
	for _, p := range ps {
		out = append(out, m.compilePhrase(p))
	}
	return out
}

// positionCode maps a MatchSpec position to its compiled code.
func positionCode(p string) uint8 {
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
	case PosAside:
		return posAside
	}
	return posAny
}

// addSpecs compiles the match specs ms of rule index rule, whose matches
// count in role for item (see compiledSpec).
func (m *matcher) addSpecs(rule int, role uint8, item int, ms []MatchSpec) {
	for _, s := range ms {
		spec := compiledSpec{rule: int32(rule), role: role, item: int32(item), position: positionCode(s.Position),
			within: max(s.Within, 1), opening: s.Opening, real: s.Real, afterMatch: s.AfterMatch, final: s.Final, raw: s.Raw, exact: s.Exact,
			notPrecededBy: m.compilePhrases(s.NotPrecededBy), notFollowedBy: m.compilePhrases(s.NotFollowedBy),
			precededBy: m.compilePhrases(s.PrecededBy), followedBy: m.compilePhrases(s.FollowedBy)}
		m.specs = append(m.specs, spec)
		if len(s.Concepts) > 0 {
			m.concepts.addLine(int32(len(m.specs)-1), s)
		}
		for _, t := range s.Tokens {
			words := m.compilePhrase(t)
			m.patterns = append(m.patterns, pattern{words: words, spec: int32(len(m.specs) - 1),
				gaps: countOf(words, gapMarker)})
		}
	}
}

// compile builds the matcher for rules, plus the talking point cues of q.
func compile(rules []RuleSpec, concepts *Concepts, q *Question) *matcher {
	m := &matcher{vocab: map[string]int32{}, concepts: newConceptMatcher(concepts)}
	for _, w := range leadInWords {
		m.internWord(w)
	}
	for _, w := range numberWords {
		m.internWord(w) // so "#number" knows every number word, not only those a rule names
	}
	byID := map[string]int{}
	for i, r := range rules {
		byID[r.ID] = i
	}
	for i := range rules {
		m.addRule(i, rules, byID, q)
	}
	m.concepts.fold()
	m.concepts.findRouteWords()
	m.indexPatterns()
	m.markWords()
	return m
}

// addRule compiles the match specs of rules[i] (byID indexes rules);
// a coverage rule compiles q's talking points.
func (m *matcher) addRule(i int, rules []RuleSpec, byID map[string]int, q *Question) {
	r := &rules[i]
	switch r.Kind {
	case KindExistence:
		m.addSpecs(i, roleMain, 0, r.Match)
		m.addSpecs(i, roleUnless, 0, r.Unless)
		m.addSpecs(i, roleRevoke, 0, r.RevokedBy)
		m.addSpecs(i, roleNeed, 0, r.Needs)
	case KindOccurrence:
		src := r
		if r.SameAs != "" {
			src = &rules[byID[r.SameAs]]
		}
		m.addSpecs(i, roleMain, 0, src.Match)
		m.addSpecs(i, roleUnless, 0, src.Unless)
		m.addSpecs(i, roleRevoke, 0, src.RevokedBy)
		m.addSpecs(i, roleNeed, 0, src.Needs)
		m.addSpecs(i, roleAnchor, 0, r.Anchor)
	case KindOrdering:
		m.addSpecs(i, roleFirst, 0, r.First)
		m.addSpecs(i, roleThen, 0, r.Then)
	case KindQuestions:
		for j, t := range r.Themes {
			m.addSpecs(i, roleTheme, j, []MatchSpec{{Tokens: t.Cues}})
		}
	case KindCoverage:
		if q != nil {
			for j, tp := range q.TalkingPoints {
				m.addSpecs(i, roleCue, j, pointMatches(tp.Cues, tp.Concepts, tp.Label, len(tp.Parts) == 0))
				for k, p := range tp.Parts {
					m.addSpecs(i, rolePart, len(m.parts), pointMatches(p.Cues, p.Concepts, p.Label, true))
					m.parts = append(m.parts, partRef{point: j, part: k})
				}
			}
		}
	case KindStar:
		for j, e := range r.Elements {
			m.addSpecs(i, roleStar, j, e.Match)
		}
	}
}

// indexPatterns indexes the patterns by their first word, and those of
// two words or more by their first two.
func (m *matcher) indexPatterns() {
	m.byFirstWord = make([][]int32, len(m.vocab))
	m.byFirstTwoWords = make([][]int32, len(m.vocab))
	for i, p := range m.patterns {
		if p.words[0] < 0 {
			continue // validation rejects these; never index by a marker
		}
		if len(p.words) == 1 || p.words[1] < 0 {
			m.byFirstWord[p.words[0]] = append(m.byFirstWord[p.words[0]], int32(i))
		} else {
			m.byFirstTwoWords[p.words[0]] = append(m.byFirstTwoWords[p.words[0]], int32(i))
		}
	}
	for _, l := range m.byFirstTwoWords {
		slices.SortStableFunc(l, func(a, b int32) int { return int(m.patterns[a].words[1] - m.patterns[b].words[1]) })
	}
}

// markWords fills the per-word tables (lead-in, filled pause, number word)
// and the prefix bitset of the vocabulary.
func (m *matcher) markWords() {
	m.isLeadIn = make([]bool, len(m.vocab))
	for _, w := range leadInWords {
		m.isLeadIn[m.vocab[w]] = true
	}
	for w := range m.vocab {
		h := prefixHash([]byte(w))
		m.prefixSeen[h/64] |= 1 << (h % 64)
	}
	m.isPause = make([]bool, len(m.vocab))
	for _, w := range filledPauses {
		m.isPause[m.vocab[w]] = true
	}
	m.isNumber = make([]bool, len(m.vocab))
	for _, w := range numberWords {
		if id, ok := m.vocab[w]; ok {
			m.isNumber[id] = true
		}
	}
}

// countOf returns how many times id occurs in words.
func countOf(words []int32, id int32) int {
	n := 0
	for _, w := range words {
		if w == id {
			n++
		}
	}
	return n
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

// knownWord looks a word up, first in the prefix bitset (most words of an
// answer are not in the vocabulary and stop there).
func (m *matcher) knownWord(w []byte) (int32, bool) {
	h := prefixHash(w)
	if m.prefixSeen[h/64]&(1<<(h%64)) == 0 {
		return unknownID, false
	}
	id, ok := m.vocab[string(w)]
	return id, ok
}

// lookupInflected returns the vocabulary id of a normalised word, trying a
// few suffix strippings when the word itself is not known, and whether it
// met the vocabulary only through a suffix.
func (m *matcher) lookupInflected(w []byte) (int32, bool) {
	if id, ok := m.knownWord(w); ok {
		return id, false
	}
	id := m.stemmedWord(w)
	return id, id != unknownID
}

// stemmedWord returns the vocabulary id of a word known only with a suffix
// stripped, or unknownID.
func (m *matcher) stemmedWord(w []byte) int32 {
	if len(w) < 4 {
		return unknownID
	}
	for _, suf := range stemSuffixes {
		if len(w) <= len(suf)+2 || string(w[len(w)-len(suf):]) != suf {
			continue
		}
		if suf == "ly" && len(w) < len("ly")+5 {
			continue // "quickly" is "quick"; "likely" is not "like", nor "really" "real"
		}
		base := w[:len(w)-len(suf)]
		if id, ok := m.knownWord(base); ok {
			return id
		}
		switch suf {
		case "ing", "ed", "es":
			// analyzing -> analyze; planned -> plan
			var tmp [48]byte
			if id, ok := m.knownWord(append(append(tmp[:0], base...), 'e')); ok {
				return id
			}
			if n := len(base); n >= 2 && base[n-1] == base[n-2] {
				if id, ok := m.knownWord(base[:n-1]); ok {
					return id
				}
			}
		case "ies":
			var tmp [48]byte
			if id, ok := m.knownWord(append(append(tmp[:0], base...), 'y')); ok {
				return id
			}
		}
	}
	return unknownID
}

// hit is one match of a compiled spec over tokens [start, end).
type hit struct {
	spec       int32 // index into matcher.specs
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
		for _, pi := range m.byFirstWord[id] {
			hits = m.tryPattern(toks, ids, pi, i, hits)
		}
		// longer patterns: only those whose second word is the next word
		longer := m.byFirstTwoWords[id]
		if len(longer) == 0 || i+1 >= len(toks) || ids[i+1] < 0 {
			continue
		}
		next := ids[i+1]
		k, _ := slices.BinarySearchFunc(longer, next, func(pi, want int32) int { return int(m.patterns[pi].words[1] - want) })
		for ; k < len(longer) && m.patterns[longer[k]].words[1] == next; k++ {
			hits = m.tryPattern(toks, ids, longer[k], i, hits)
		}
	}
	return hits
}

// tryPattern matches pattern pi at token i and appends a hit when it
// matches in context.
func (m *matcher) tryPattern(toks []Token, ids []int32, pi int32, i int, hits []hit) []hit {
	p := &m.patterns[pi]
	var failed map[phraseAt]bool
	if p.gaps > 1 {
		failed = map[phraseAt]bool{} // without it, the search grows as maxGap^gaps
	}
	end, ok := m.matchRest(toks, ids, p.words, 0, i, failed)
	if !ok {
		return hits
	}
	s := &m.specs[p.spec]
	if s.opening > 0 && i >= s.opening {
		return hits
	}
	if !m.inContext(toks, ids, s, i, end) {
		return hits
	}
	return append(hits, hit{spec: p.spec, start: int32(i), end: int32(end), at: int32(i)})
}

// phraseAt is the rest of a phrase, from word index word, tried at token
// index token.
type phraseAt struct{ word, token int }

// matchAt matches a phrase without gaps (or with one) at token i and
// returns the token just after the match.
func (m *matcher) matchAt(toks []Token, ids, phrase []int32, i int) (end int, ok bool) {
	return m.matchRest(toks, ids, phrase, 0, i, nil)
}

// matchRest matches phrase[from:] at token i and returns the token just
// after the match. A "..." tries the rest of the phrase at each of the next
// maxGap words of the sentence, nearest first. failed, when not nil,
// remembers where the rest of the phrase did not match, so a phrase with
// several gaps tries each place once.
func (m *matcher) matchRest(toks []Token, ids, phrase []int32, from, i int, failed map[phraseAt]bool) (end int, ok bool) {
	j := i
	for k := from; k < len(phrase); k++ {
		w := phrase[k]
		if w == gapMarker {
			return m.matchAfterGap(toks, ids, phrase, k+1, j, toks[i].Sentence, failed)
		}
		if j >= len(toks) || toks[j].Sentence != toks[i].Sentence {
			return 0, false
		}
		if w == numberMarker {
			if toks[j].Flags&Numeric == 0 && (ids[j] < 0 || int(ids[j]) >= len(m.isNumber) || !m.isNumber[ids[j]]) {
				return 0, false
			}
		} else if ids[j] != w {
			return 0, false
		}
		j++
	}
	return j, true
}

// matchAfterGap finds phrase[from:] within maxGap words from token j, in
// sentence sentence, and returns the end of the first match.
func (m *matcher) matchAfterGap(toks []Token, ids, phrase []int32, from, j, sentence int, failed map[phraseAt]bool) (end int, ok bool) {
	for skip := 0; skip <= maxGap && j+skip < len(toks); skip++ {
		at := phraseAt{word: from, token: j + skip}
		if toks[at.token].Sentence != sentence {
			break
		}
		if failed[at] {
			continue
		}
		if e, ok := m.matchRest(toks, ids, phrase, from, at.token, failed); ok {
			return e, true
		}
		if failed != nil {
			failed[at] = true
		}
	}
	return 0, false
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
			if _, ok := m.matchAt(toks, ids, p, at); ok {
				return true
			}
		}
	}
	return false
}

// inContext checks position and neighbour conditions of a match.
func (m *matcher) inContext(toks []Token, ids []int32, s *compiledSpec, i, end int) bool {
	if s.exact {
		for k := i; k < end; k++ {
			if toks[k].Flags&inflected != 0 {
				return false
			}
		}
	}
	// speech-to-text that writes no punctuation gives no pause to go by: a
	// spec that says so (MatchSpec.Raw) needs no position there
	position := s.position
	if s.raw && unpunctuated(toks, i) {
		position = posAny
	}
	switch position {
	case posSentStart:
		if !m.atSentenceStart(toks, ids, i) {
			return false
		}
	case posClauseStart:
		if toks[i].Flags&ClauseStart == 0 && !m.atSentenceStart(toks, ids, i) {
			return false
		}
	case posFiller:
		if !m.inFillerPosition(toks, ids, i, end) {
			return false
		}
	case posNotFiller:
		if m.inFillerPosition(toks, ids, i, end) {
			return false
		}
	case posAside:
		if !m.inFillerPosition(toks, ids, i, end) || toks[end-1].Flags&SentenceEnd != 0 {
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
		if toks[end-1].Flags&ClauseEnd == 0 || !m.precededOnlyBy(toks, ids, i, m.isPause) {
			return false
		}
	}
	if len(s.notPrecededBy) > 0 && m.adjacent(toks, ids, s.notPrecededBy, i, end, s.within, true) {
		return false
	}
	if len(s.notFollowedBy) > 0 && m.adjacent(toks, ids, s.notFollowedBy, i, end, s.within, false) {
		return false
	}
	if len(s.precededBy) > 0 && !m.adjacent(toks, ids, s.precededBy, i, end, s.within, true) {
		return false
	}
	if len(s.followedBy) > 0 && !m.adjacent(toks, ids, s.followedBy, i, end, s.within, false) {
		return false
	}
	return true
}

// atSentenceStart: the first word of its sentence, or preceded in it only by
// lead-in words (um, okay, so, well ...).
func (m *matcher) atSentenceStart(toks []Token, ids []int32, i int) bool {
	return m.precededOnlyBy(toks, ids, i, m.isLeadIn)
}

// precededOnlyBy: token i is preceded in its sentence only by words in set.
func (m *matcher) precededOnlyBy(toks []Token, ids []int32, i int, set []bool) bool {
	for j := i - 1; j >= 0 && toks[j].Sentence == toks[i].Sentence; j-- {
		if ids[j] < 0 || !set[ids[j]] {
			return false
		}
	}
	return true
}

// inFillerPosition: set off from the sentence — at a sentence or clause start, or
// followed by a comma, dash or the sentence end.
func (m *matcher) inFillerPosition(toks []Token, ids []int32, i, end int) bool {
	return toks[i].Flags&ClauseStart != 0 || toks[end-1].Flags&ClauseEnd != 0 || m.atSentenceStart(toks, ids, i)
}
