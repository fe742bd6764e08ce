package review

import (
	"slices"
	"strings"
)

// Defaults of a concept match (MatchSpec.Concepts).
const (
	defaultWindow = 20 // words all elements of a line must fall within
	negationReach = 5  // words before a term, in its clause, a negation still applies to
	hypoBefore    = 10 // words before a term a "would have" / "if ... had" still governs
	hypoAfter     = 20 // ... and after it, to the end of its sentence
	clauseReach   = 14 // words evidence is widened by, at most, to its clause
)

// conceptLine is one compiled concept match: every element must occur
// within window words.
type conceptLine struct {
	spec      int32   // the cspec the hit is reported for
	elems     []int32 // element ids
	window    int
	negatable bool // a negation before an element's term cancels it
	real      bool // a hypothetical ("I would have ...") does not count
	ordered   bool // elements in the order given, in one sentence
}

// conceptMatcher matches concept lines over lemmatised tokens.
type conceptMatcher struct {
	vocab     map[string]int32 // base-form word -> id
	terms     [][]int32        // term -> word ids
	byFirst   map[int32][]int32
	termElems [][]int32        // term -> elements it belongs to
	termIDs   map[string]int32 // a term's base words -> term
	elemIDs   map[string]int32 // element text -> id
	lines     []conceptLine
	concepts  *Concepts
}

func newConceptMatcher(c *Concepts) *conceptMatcher {
	return &conceptMatcher{vocab: map[string]int32{}, byFirst: map[int32][]int32{}, termIDs: map[string]int32{},
		elemIDs: map[string]int32{}, concepts: c}
}

// element compiles one element ("@decide|leave it to") and returns its id.
func (cm *conceptMatcher) element(e string) int32 {
	if id, ok := cm.elemIDs[e]; ok {
		return id
	}
	id := intern(cm.elemIDs, e)
	terms, _ := cm.concepts.Expand(e)
	for _, t := range terms {
		ws := wordsOf(t)
		if len(ws) == 0 {
			continue // "%": validation refuses it; never index an empty term
		}
		ids := make([]int32, len(ws))
		for i, w := range ws {
			ws[i] = baseForm(w)
			ids[i] = intern(cm.vocab, ws[i])
		}
		key := strings.Join(ws, " ")
		ti, ok := cm.termIDs[key]
		if !ok {
			ti = int32(len(cm.terms))
			cm.termIDs[key] = ti
			cm.terms = append(cm.terms, ids)
			cm.termElems = append(cm.termElems, nil)
			cm.byFirst[ids[0]] = append(cm.byFirst[ids[0]], ti)
		}
		if !slices.Contains(cm.termElems[ti], id) {
			cm.termElems[ti] = append(cm.termElems[ti], id)
		}
	}
	return id
}

// add compiles a concept match of spec index spec.
func (cm *conceptMatcher) add(spec int32, ms MatchSpec) {
	l := conceptLine{spec: spec, window: ms.Window, real: ms.Real, ordered: ms.Ordered, negatable: true}
	if l.window <= 0 {
		l.window = defaultWindow
	}
	for _, e := range ms.Concepts {
		l.elems = append(l.elems, cm.element(e))
		terms, _ := cm.concepts.Expand(e)
		for _, t := range terms {
			for _, w := range wordsOf(t) {
				if negator(w) {
					l.negatable = false // the line itself speaks of a negation
				}
			}
		}
	}
	cm.lines = append(cm.lines, l)
}

// fold maps each word of the vocabulary that is an inflection of another
// ("needed" of "need", written so in a phrase) to that word, so a phrase
// and a single word of one lemma meet. It runs once, after compiling.
func (cm *conceptMatcher) fold() {
	remap := map[int32]int32{}
	for w, id := range cm.vocab {
		l := lemmaOf(w, func(x string) bool { _, ok := cm.vocab[x]; return ok && x != w })
		if lid, ok := cm.vocab[l]; ok && l != w {
			remap[id] = lid
		}
	}
	if len(remap) == 0 {
		return
	}
	for w, id := range cm.vocab {
		if to, ok := remap[id]; ok {
			cm.vocab[w] = to
		}
	}
	cm.byFirst = map[int32][]int32{}
	for ti, t := range cm.terms {
		for k, id := range t {
			if to, ok := remap[id]; ok {
				t[k] = to
			}
		}
		cm.byFirst[t[0]] = append(cm.byFirst[t[0]], int32(ti))
	}
}

// negator reports whether a normalised word negates what follows it.
func negator(w string) bool { return negatorBytes([]byte(w)) }

// occurrence is one match of a term, for one element.
type occurrence struct {
	elem, start, end int32
	negated, hypo    bool
}

// conceptScratch holds the buffers one concept scan reuses.
type conceptScratch struct {
	lemma []int32
	neg   []bool
	hypo  []bool
	occ   []occurrence
	off   []int32
	buf   []byte
	kind  []uint8
	// cache maps a normalised word to its lemma id, for cacheFor
	cache    map[string]int32
	cacheFor *conceptMatcher
}

// scan appends a hit for every line that matches in toks.
// accept, when not nil, vets each candidate match by its spec and start.
func (cm *conceptMatcher) scan(text string, toks []Token, hits []hit, cs *conceptScratch, accept func(spec int32, at int) bool) []hit {
	if len(cm.lines) == 0 || len(toks) == 0 {
		return hits
	}
	cs.lemma = cs.lemma[:0]
	cs.neg = cs.neg[:0]
	cs.hypo = cs.hypo[:0]
	cs.kind = cs.kind[:0]
	if cs.cacheFor != cm || len(cs.cache) > maxLemmaCache {
		cs.cache, cs.cacheFor = map[string]int32{}, cm
	}
	known := func(w string) bool { _, ok := cm.vocab[w]; return ok }
	for _, t := range toks {
		cs.buf = normWord(cs.buf[:0], text[t.Start:t.End])
		id, ok := cs.cache[string(cs.buf)]
		if !ok {
			w := string(cs.buf)
			id = -1
			if l, ok := cm.vocab[lemmaOf(w, known)]; ok {
				id = l
			}
			cs.cache[w] = id
		}
		cs.lemma = append(cs.lemma, id)
		cs.neg = append(cs.neg, negatorBytes(cs.buf))
		cs.hypo = append(cs.hypo, false)
		cs.kind = append(cs.kind, hypoKind(cs.buf))
	}
	cm.markHypotheticals(text, toks, cs)
	cs.occ = cs.occ[:0]
	for i, id := range cs.lemma {
		if id < 0 {
			continue
		}
		for _, ti := range cm.byFirst[id] {
			end := cm.matchTerm(toks, cs.lemma, cm.terms[ti], i)
			if end < 0 {
				continue
			}
			neg := false
			neg = cs.negatedAt(toks, i)
			for _, e := range cm.termElems[ti] {
				cs.occ = append(cs.occ, occurrence{elem: e, start: int32(i), end: int32(end), negated: neg, hypo: cs.hypo[i]})
			}
		}
	}
	// group by element, each group in text order
	slices.SortStableFunc(cs.occ, func(a, b occurrence) int { return int(a.elem - b.elem) })
	n := int32(len(cm.elemIDs))
	cs.off = cs.off[:0]
	for i := int32(0); i <= n; i++ {
		cs.off = append(cs.off, 0)
	}
	for _, o := range cs.occ {
		cs.off[o.elem+1]++
	}
	for i := int32(1); i <= n; i++ {
		cs.off[i] += cs.off[i-1]
	}
	for li := range cm.lines {
		if h, ok := cm.matchLine(&cm.lines[li], toks, cs, accept); ok {
			hits = append(hits, h)
		}
	}
	return hits
}

// unreal reports whether the word at i, after a scan, is imagined (a
// hypothetical) or negated in its clause.
func (cs *conceptScratch) unreal(toks []Token, i int) bool {
	if i >= len(cs.hypo) {
		return false
	}
	if cs.hypo[i] {
		return true
	}
	return cs.negatedAt(toks, i)
}

// negatedAt reports whether a negation stands up to negationReach words
// before token i in its clause ("Instead of saying no, I explained" is not
// a negated "explained").
func (cs *conceptScratch) negatedAt(toks []Token, i int) bool {
	for j := i - 1; j >= 0 && j >= i-negationReach && toks[j].Sentence == toks[i].Sentence; j-- {
		if toks[j+1].Flags&ClauseStart != 0 {
			return false
		}
		if cs.neg[j] {
			return true
		}
	}
	return false
}

// matchTerm matches term at token i and returns the end token, or -1.
func (cm *conceptMatcher) matchTerm(toks []Token, lemma, term []int32, i int) int {
	if i+len(term) > len(toks) {
		return -1
	}
	for k, w := range term {
		if lemma[i+k] != w || toks[i+k].Sentence != toks[i].Sentence {
			return -1
		}
	}
	return i + len(term)
}

// markHypotheticals marks the words a "would have", "could have", "if I
// had" governs: what was not done, only imagined.
func (cm *conceptMatcher) markHypotheticals(text string, toks []Token, cs *conceptScratch) {
	for i := range toks {
		marker := false
		switch cs.kind[i] {
		case kindHave:
			// "would have offered", not "could have it ready"
			marker = i > 0 && i+1 < len(toks) && cs.kind[i-1] == kindModal &&
				participle(string(normWord(cs.buf[:0], text[toks[i+1].Start:toks[i+1].End])))
		case kindModalHave:
			marker = true
		case kindReflect:
			// hindsight, a wish: not what happened
			marker = true
		case kindNext, kindLooking:
			// "next time I'd give her options", "looking back, ..."
			if i+1 < len(toks) {
				marker = cs.kind[i] == kindNext && cs.kind[i+1] == kindTime ||
					cs.kind[i] == kindLooking && cs.kind[i+1] == kindBack
			}
		case kindIf:
			for j := i + 1; j < len(toks) && j <= i+4 && toks[j].Sentence == toks[i].Sentence; j++ {
				if cs.kind[j] == kindHad {
					marker = true
				}
			}
		}
		if !marker {
			continue
		}
		for j := max(0, i-hypoBefore); j < len(toks) && j <= i+hypoAfter; j++ {
			if toks[j].Sentence == toks[i].Sentence {
				cs.hypo[j] = true
			}
		}
	}
}

// Word kinds the hypothetical scope looks for.
const (
	kindOther     uint8 = iota
	kindHave            // have, 've
	kindModal           // would, could ... and their contractions (I'd)
	kindModalHave       // would've, could've ...
	kindIf              // if
	kindHad             // had, hadn't
	kindReflect         // hindsight, wish: what one would do, not what one did
	kindNext            // next (time)
	kindLooking         // looking (back)
	kindTime            // (next) time
	kindBack            // (looking) back
)

// maxLemmaCache bounds the per-scratch cache of word -> lemma id.
const maxLemmaCache = 20000

func hypoKind(w []byte) uint8 {
	switch string(w) {
	case "have", "'ve":
		return kindHave
	case "would", "could", "should", "might", "must", "i'd", "we'd", "he'd", "she'd", "they'd", "you'd":
		return kindModal
	case "would've", "could've", "should've", "might've":
		return kindModalHave
	case "if":
		return kindIf
	case "had", "hadn't":
		return kindHad
	case "hindsight", "wish", "retrospect", "regret":
		return kindReflect
	case "next":
		return kindNext
	case "looking":
		return kindLooking
	case "time":
		return kindTime
	case "back":
		return kindBack
	}
	return kindOther
}

func negatorBytes(w []byte) bool {
	switch string(w) {
	case "not", "never", "no", "without", "nothing", "nobody", "neither", "nor", "cannot":
		return true
	}
	n := len(w)
	return n > 3 && string(w[n-3:]) == "n't" || bareNegations[string(w)]
}

// participle reports whether w looks like a past participle ("offered",
// "given", "built", "been").
func participle(w string) bool {
	if w == "been" || irregular(w) != "" {
		return true
	}
	n := len(w)
	return n > 3 && (w[n-2:] == "ed" || w[n-2:] == "en" || w[n-2:] == "wn")
}

// matchLine finds the first window of the line's width that holds an
// occurrence of every element, and returns its hit.
func (cm *conceptMatcher) matchLine(l *conceptLine, toks []Token, cs *conceptScratch, accept func(int32, int) bool) (hit, bool) {
	usable := func(o *occurrence) bool { return !(o.negated && l.negatable) && !(o.hypo && l.real) }
	// anchors: every usable occurrence of the first element, in order; a
	// window may also start at another element's occurrence, so try each
	// element's occurrences as the window's first word
	best := hit{start: -1}
	anchors := l.elems
	if l.ordered {
		anchors = l.elems[:1]
	}
	for _, ea := range anchors {
		for k := cs.off[ea]; k < cs.off[ea+1]; k++ {
			a := &cs.occ[k]
			if !usable(a) {
				continue
			}
			h, ok := cm.windowFrom(l, a, toks, cs, usable)
			if ok && (best.start < 0 || h.at < best.at) && (accept == nil || accept(l.spec, int(h.at))) {
				best = h
			}
		}
	}
	if best.start < 0 {
		return best, false
	}
	best.start, best.end = clauseOf(toks, best.start, best.end)
	return best, true
}

// windowFrom looks for every element of l in the window starting at the
// occurrence a (in order, for an ordered line).
func (cm *conceptMatcher) windowFrom(l *conceptLine, a *occurrence, toks []Token, cs *conceptScratch, usable func(*occurrence) bool) (hit, bool) {
	hi, from, at := a.end, a.start, a.start
	for _, e := range l.elems {
		found := false
		group := cs.occ[cs.off[e]:cs.off[e+1]]
		k, _ := slices.BinarySearchFunc(group, from, func(o occurrence, at int32) int { return int(o.start - at) })
		for ; k < len(group) && int(group[k].start-a.start) < l.window; k++ {
			o := &group[k]
			if int(o.end-a.start) > l.window || !usable(o) {
				continue
			}
			if l.ordered && toks[o.start].Sentence != toks[a.start].Sentence {
				continue
			}
			hi = max(hi, o.end)
			if l.ordered {
				at = o.start // an ordered line stands where its last element does
				from = o.end
				if o == a {
					from = a.end
				}
			}
			found = true
			break
		}
		if !found {
			return hit{}, false
		}
	}
	return hit{spec: l.spec, at: at, start: a.start, end: hi}, true
}

// clauseOf widens tokens [a, b) to the clause they stand in, by at most
// clauseReach words each way.
func clauseOf(toks []Token, a, b int32) (int32, int32) {
	for k := 0; k < clauseReach && a > 0 && toks[a].Flags&(ClauseStart|SentenceStart) == 0; k++ {
		a--
	}
	for k := 0; k < clauseReach && int(b) < len(toks) && toks[b-1].Flags&(ClauseEnd|SentenceEnd) == 0; k++ {
		b++
	}
	return a, b
}
