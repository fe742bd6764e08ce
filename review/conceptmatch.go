package review

import (
	"slices"
	"strings"
)

// Defaults of a concept match (MatchSpec.Concepts).
const (
	defaultWindow      = 20 // words all elements of a line must fall within
	negationReach      = 5  // words before a term, in its clause, a negation still applies to
	cueNegationReach   = 2  // ... for a talking point's cue: "no trade-off", not "wasn't possible in 24 hours"
	hypotheticalBefore = 10 // words before a term a "would have" / "if ... had" still governs
	hypotheticalAfter  = 20 // ... and after it, to the end of its sentence
	hindsightAfter     = 70 // a hindsight ("looking back", "if I did it again") frames more: the rest of its sentence
	clauseReach        = 14 // words evidence is widened by, at most, to its clause
)

// conceptLine is one compiled concept match: every element must occur
// within window words.
type conceptLine struct {
	spec      int32   // the compiledSpec (index into matcher.specs) the hit is reported for
	elements  []int32 // element ids
	window    int     // words all elements must fall within
	negatable bool    // a negation before an element's term cancels it
	// literal: only a negation right before a term cancels it (a cue
	// states a fact: see MatchSpec.literal)
	literal bool
	real    bool // a hypothetical ("I would have ...") does not count
	ordered bool // elements in the order given, in one sentence
	// subject: who must do the line's last element (a verb), a subj kind;
	// subjNone: whoever
	subject uint8
	// routes: the line is an offer laid out route by route, at least this
	// many (see MatchSpec.Routes); 0: an ordinary line
	routes int
	// latest: the line reports its last match, not its first (a need that
	// must come after the rule's match: MatchSpec.AfterMatch)
	latest bool
}

// conceptMatcher matches concept lines over lemmatised tokens. An element
// of a line ("@decide|leave it to") expands to terms (phrases of base-form
// words); a term may serve several elements.
type conceptMatcher struct {
	vocab            map[string]int32  // base-form word -> id
	terms            [][]int32         // term -> word ids
	termsByFirstWord map[int32][]int32 // word id -> the terms it starts
	termElements     [][]int32         // term -> elements it belongs to
	termByWords      map[string]int32  // a term's base words -> term
	elementIDs       map[string]int32  // element text -> id
	elementNegates   []bool            // element id -> one of its terms names a negation
	lines            []conceptLine
	concepts         *Concepts
	// the words routes.go reads by their ids: "or", "either" (unknownID
	// when no line names them) and the counting words with their rank
	orID, eitherID, firstID int32
	countRank               map[int32]int
	unitIDs                 map[int32]bool // what a number counts as a quantity ("three days"), see quantityUnits
	approxIDs               map[int32]bool // what makes the number after it a quantity ("about two"), see quantityBefore
}

// newConceptMatcher returns an empty concept matcher that expands elements
// with the concepts c.
func newConceptMatcher(c *Concepts) *conceptMatcher {
	cm := &conceptMatcher{vocab: map[string]int32{}, termsByFirstWord: map[int32][]int32{}, termByWords: map[string]int32{},
		elementIDs: map[string]int32{}, concepts: c}
	for _, w := range slices.Concat(quantityUnits, quantityBefore) {
		intern(cm.vocab, w) // read by id (routes.go), though no term may name them
	}
	return cm
}

// compileElement compiles one element ("@decide|leave it to") and returns
// its id.
func (cm *conceptMatcher) compileElement(e string) int32 {
	if id, ok := cm.elementIDs[e]; ok {
		return id
	}
	id := intern(cm.elementIDs, e)
	cm.elementNegates = append(cm.elementNegates, false)
	terms, _ := cm.concepts.Expand(e)
	for _, t := range terms {
		ws := wordsOf(t)
		if len(ws) == 0 {
			continue // "%": validation refuses it; never index an empty term
		}
		ids := make([]int32, len(ws))
		for i, w := range ws {
			if negator(w) {
				cm.elementNegates[id] = true
			}
			ws[i] = baseForm(w)
			ids[i] = intern(cm.vocab, ws[i])
		}
		key := strings.Join(ws, " ")
		ti, ok := cm.termByWords[key]
		if !ok {
			ti = int32(len(cm.terms))
			cm.termByWords[key] = ti
			cm.terms = append(cm.terms, ids)
			cm.termElements = append(cm.termElements, nil)
			cm.termsByFirstWord[ids[0]] = append(cm.termsByFirstWord[ids[0]], ti)
		}
		if !slices.Contains(cm.termElements[ti], id) {
			cm.termElements[ti] = append(cm.termElements[ti], id)
		}
	}
	return id
}

// addLine compiles the concept match ms of spec index spec into a line.
func (cm *conceptMatcher) addLine(spec int32, ms MatchSpec) {
	l := conceptLine{spec: spec, window: ms.Window, real: ms.Real, ordered: ms.Ordered, negatable: !ms.literal, literal: ms.literal,
		subject: subjectKind(ms.Subject), routes: ms.Routes, latest: ms.AfterMatch}
	if l.window <= 0 {
		l.window = defaultWindow
	}
	for _, e := range ms.Concepts {
		id := cm.compileElement(e)
		l.elements = append(l.elements, id)
		if cm.elementNegates[id] {
			l.negatable = false // the line itself speaks of a negation
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
	cm.termsByFirstWord = map[int32][]int32{}
	for ti, t := range cm.terms {
		for k, id := range t {
			if to, ok := remap[id]; ok {
				t[k] = to
			}
		}
		cm.termsByFirstWord[t[0]] = append(cm.termsByFirstWord[t[0]], int32(ti))
	}
}

// negator reports whether a normalised word negates what follows it.
func negator(w string) bool { return negatorBytes([]byte(w)) }

// occurrence is one match of a term, for one element.
type occurrence struct {
	element, start, end   int32
	negated, hypothetical bool
	negatedNear           bool // a negation right before it ("no trade-off")
}

// conceptScratch holds the buffers one concept scan reuses; the slices
// named per token are indexed like the scan's tokens.
type conceptScratch struct {
	lemmaIDs     []int32 // per token: its lemma's vocabulary id, or unknownID
	isNegator    []bool  // per token: the word negates what follows
	hypothetical []bool  // per token: the word is only imagined ("would have")
	wordKinds    []uint8 // per token: its kind for the hypothetical scope (kindHave ...)
	subjects     []uint8 // per token: its subject kind (subjSpeaker ...)
	marks        []uint8 // per token: markPronoun, markRefersBack, markColon
	// occurrences of terms, grouped by element: element e's occurrences
	// are occurrences[elementStart[e]:elementStart[e+1]], in text order
	occurrences  []occurrence
	elementStart []int32
	wordBuf      []byte // the normalised word being looked up
	// taken holds the occurrences a window has chosen so far, one per
	// element, so that no two elements stand on the same words
	taken []*occurrence
	// openers holds the route openers a routes line found, and run the
	// run of them being tested (routes.go)
	openers []routeOpener
	run     []routeOpener
	counts  []rankAt   // counting words in raw text (countedInRawText)
	label   occurrence // the label labelled is checking
	// cache maps a normalised word to its lemma id, for cacheFor
	cache    map[string]int32
	cacheFor *conceptMatcher
}

// scan appends a hit for every line that matches in toks.
// accept, when not nil, vets each candidate match by its spec and the
// tokens [at, atEnd) of the element it stands on (see windowFrom).
func (cm *conceptMatcher) scan(text string, toks []Token, hits []hit, cs *conceptScratch, accept func(spec int32, at, atEnd int) bool) []hit {
	if len(cm.lines) == 0 || len(toks) == 0 {
		return hits
	}
	cs.lemmaIDs = cs.lemmaIDs[:0]
	cs.isNegator = cs.isNegator[:0]
	cs.hypothetical = cs.hypothetical[:0]
	cs.wordKinds = cs.wordKinds[:0]
	cs.subjects = cs.subjects[:0]
	cs.marks = cs.marks[:0]
	if cs.cacheFor != cm || len(cs.cache) > maxLemmaCache {
		cs.cache, cs.cacheFor = map[string]int32{}, cm
	}
	known := func(w string) bool { _, ok := cm.vocab[w]; return ok }
	for _, t := range toks {
		cs.wordBuf = normWord(cs.wordBuf[:0], text[t.Start:t.End])
		id, ok := cs.cache[string(cs.wordBuf)]
		if !ok {
			w := string(cs.wordBuf)
			id = unknownID
			if l, ok := cm.vocab[lemmaOf(w, known)]; ok {
				id = l
			}
			cs.cache[w] = id
		}
		cs.lemmaIDs = append(cs.lemmaIDs, id)
		cs.isNegator = append(cs.isNegator, negatorBytes(cs.wordBuf))
		cs.hypothetical = append(cs.hypothetical, false)
		cs.wordKinds = append(cs.wordKinds, hypotheticalWordKind(cs.wordBuf))
		kind := subjectWordKind(cs.wordBuf)
		if kind == subjNone && t.Flags&SentenceStart == 0 && personName(text[t.Start:t.End], cs.wordBuf) {
			kind = subjOther // "Dan and Tom went back and forth and landed on the first"
		}
		cs.subjects = append(cs.subjects, kind)
		cs.marks = append(cs.marks, wordMarks(cs.wordBuf, text, t.End))
	}
	cm.markHypotheticals(text, toks, cs)
	cs.occurrences = cs.occurrences[:0]
	for i, id := range cs.lemmaIDs {
		if id < 0 {
			continue
		}
		for _, ti := range cm.termsByFirstWord[id] {
			end, ok := cm.matchTerm(toks, cs.lemmaIDs, cm.terms[ti], i)
			if !ok {
				continue
			}
			back := cs.negationBack(toks, i)
			neg, near := back > 0, back > 0 && back <= cueNegationReach
			for _, e := range cm.termElements[ti] {
				cs.occurrences = append(cs.occurrences, occurrence{element: e, start: int32(i), end: int32(end),
					negated: neg, negatedNear: near, hypothetical: cs.hypothetical[i]})
			}
		}
	}
	// group by element, each group in text order
	slices.SortStableFunc(cs.occurrences, func(a, b occurrence) int { return int(a.element - b.element) })
	n := int32(len(cm.elementIDs))
	cs.elementStart = cs.elementStart[:0]
	for i := int32(0); i <= n; i++ {
		cs.elementStart = append(cs.elementStart, 0)
	}
	for _, o := range cs.occurrences {
		cs.elementStart[o.element+1]++
	}
	for i := int32(1); i <= n; i++ {
		cs.elementStart[i] += cs.elementStart[i-1]
	}
	for li := range cm.lines {
		match := cm.matchLine
		if cm.lines[li].routes > 0 {
			match = cm.matchRoutes
		}
		if h, ok := match(&cm.lines[li], toks, cs, accept); ok {
			hits = append(hits, h)
		}
	}
	return hits
}

// unreal reports whether the word at i, after a scan, is imagined (a
// hypothetical) or negated in its clause.
func (cs *conceptScratch) unreal(toks []Token, i int) bool {
	if i >= len(cs.hypothetical) {
		return false
	}
	if cs.hypothetical[i] {
		return true
	}
	return cs.negationBack(toks, i) > 0
}

// negationBack returns how many words before token i the nearest negation
// in its clause stands, up to negationReach; 0 when there is none
// ("Instead of saying no, I explained" is not a negated "explained"). A
// subject pronoun after the negation (the term's own, or one between them)
// starts a clause of its own, as when speech-to-text drops the commas ("the
// data gets worse not better she picked the 40 fields").
func (cs *conceptScratch) negationBack(toks []Token, i int) int {
	for j := i - 1; j >= 0 && j >= i-negationReach && toks[j].Sentence == toks[i].Sentence; j-- {
		if toks[j+1].Flags&ClauseStart != 0 || cs.marked(j+1, markPronoun) {
			return 0
		}
		if cs.isNegator[j] {
			return i - j
		}
	}
	return 0
}

// matchTerm matches term at token i, on lemma ids, and returns the token
// just after it.
func (cm *conceptMatcher) matchTerm(toks []Token, lemmaIDs, term []int32, i int) (end int, ok bool) {
	if i+len(term) > len(toks) {
		return 0, false
	}
	for k, w := range term {
		if lemmaIDs[i+k] != w || toks[i+k].Sentence != toks[i].Sentence {
			return 0, false
		}
	}
	return i + len(term), true
}

// markHypotheticals marks the words a "would have", "could have", "if I
// had" governs: what was not done, only imagined.
func (cm *conceptMatcher) markHypotheticals(text string, toks []Token, cs *conceptScratch) {
	for i := range toks {
		marker, long := false, false
		switch cs.wordKinds[i] {
		case kindHave:
			// "would have offered", not "could have it ready"
			marker = i > 0 && i+1 < len(toks) && cs.wordKinds[i-1] == kindModal &&
				participle(string(cs.normAt(text, toks, i+1)))
		case kindModalHave:
			marker = true
		case kindReflect:
			// hindsight, a wish: not what happened
			marker, long = true, true
		case kindNext:
			marker = cs.nextTime(text, toks, i)
			long = marker
		case kindLooking:
			marker = cs.lookingBack(text, toks, i)
			long = marker
		case kindIf:
			marker, long = cs.ifHindsight(toks, i)
			if !marker {
				marker = cs.sameAgain(text, toks, i)
				long = marker
			}
		}
		if !marker {
			continue
		}
		// a hindsight ("if I did it again", "looking back") frames its whole
		// sentence: "... I'd bring her a couple of versions and say what each one
		// costs her"; a "would have" governs the words near it
		after := hypotheticalAfter
		if long {
			after = hindsightAfter
		}
		for j := max(0, i-hypotheticalBefore); j < len(toks) && j <= i+after; j++ {
			if toks[j].Sentence == toks[i].Sentence {
				cs.hypothetical[j] = true
			}
		}
		if long {
			cs.continueHindsight(toks, i)
		}
	}
}

// continueHindsight carries the hindsight at token i into the sentences
// after its own that open in the same mood, or go on with the one before:
// "If I did it again I wouldn't just flag the risk. I'd give her a real
// choice: ..."; "Looking back, I should have given him options. Like a
// list on Friday ... And let him choose." (each up to hindsightAfter words;
// the first sentence that opens otherwise ends it).
func (cs *conceptScratch) continueHindsight(toks []Token, i int) {
	j := i
	for j < len(toks) && toks[j].Sentence == toks[i].Sentence {
		j++
	}
	for j < len(toks) && (cs.wordKinds[j] == kindModal || cs.wordKinds[j] == kindOn) {
		start := j
		for j < len(toks) && toks[j].Sentence == toks[start].Sentence {
			if j-start <= hindsightAfter {
				cs.hypothetical[j] = true
			}
			j++
		}
	}
}

// ifHindsight reports whether the "if" at token i opens a hindsight:
// "if I had asked", or "if I did it again" (a past form or "had", then
// "again", or "again" and then a modal: "if I do it again, I would ...",
// "if I had it to do again"); again tells the second, which frames the
// rest of its sentence.
func (cs *conceptScratch) ifHindsight(toks []Token, i int) (hindsight, again bool) {
	past, had := false, false
	for j := i + 1; j < len(toks) && j <= i+6 && toks[j].Sentence == toks[i].Sentence; j++ {
		switch k := cs.wordKinds[j]; {
		case k == kindHad && j <= i+4:
			had = true // "if I had asked"; with "again", "if I had it to do again"
		case k == kindAgain && had:
			return true, true
		case k == kindPast:
			past = true
		case k == kindAgain && past:
			return true, true
		case k == kindAgain && cs.modalWithin(toks, j, 5):
			// "if I do it again, maybe I would ...": the present of a
			// non-native speaker, the mood of the clause after it
			return true, true
		}
	}
	return had, false
}

// nextTime reports whether the "next" at token i opens a hindsight: "next
// time I'd give her options", not "the next time we ask for budget they'll
// discount it", a time.
func (cs *conceptScratch) nextTime(text string, toks []Token, i int) bool {
	return i+1 < len(toks) && cs.wordKinds[i+1] == kindTime &&
		!(i > 0 && toks[i-1].Sentence == toks[i].Sentence && string(cs.normAt(text, toks, i-1)) == "the")
}

// lookingBack reports whether the "look(ing)" at token i opens a hindsight:
// "looking back, ...", "now when I look back, I should give him some
// choice", not "I'd look back at the data".
func (cs *conceptScratch) lookingBack(text string, toks []Token, i int) bool {
	return i+1 < len(toks) && cs.wordKinds[i+1] == kindBack &&
		!(i+2 < len(toks) && toks[i+2].Sentence == toks[i].Sentence && lookBackAt(cs.normAt(text, toks, i+2)))
}

// normAt returns the normalised word of token i, in cs.wordBuf (valid
// until the next call).
func (cs *conceptScratch) normAt(text string, toks []Token, i int) []byte {
	cs.wordBuf = normWord(cs.wordBuf[:0], text[toks[i].Start:toks[i].End])
	return cs.wordBuf
}

// sameAgain reports whether the "if" at token i opens "if the same thing
// comes to me", "if the same situation happens": a hindsight, as "if I did
// it again" is ("Now if same thing is coming to me, I will give him two
// options").
func (cs *conceptScratch) sameAgain(text string, toks []Token, i int) bool {
	for j := i + 1; j < len(toks) && j <= i+3 && toks[j].Sentence == toks[i].Sentence; j++ {
		if string(cs.normAt(text, toks, j)) != "same" || j+1 >= len(toks) {
			continue
		}
		switch string(cs.normAt(text, toks, j+1)) {
		case "thing", "situation", "request", "scenario":
			return true
		}
	}
	return false
}

// modalWithin reports whether a modal ("would", "I'd", "I will") follows
// token i within n words of its sentence.
func (cs *conceptScratch) modalWithin(toks []Token, i, n int) bool {
	for j := i + 1; j < len(toks) && j <= i+n && toks[j].Sentence == toks[i].Sentence; j++ {
		if k := cs.wordKinds[j]; k == kindModal || k == kindWill {
			return true
		}
	}
	return false
}

// Marks of a token (conceptScratch.marks) that the negation scope and
// the routes reader look up.
const (
	markPronoun    uint8 = 1 << iota // a subject pronoun (subjectPronoun)
	markRefersBack                   // opening a sentence, goes on about the last (refersBack)
	markColon                        // a colon follows it ("Event first: ...")
)

// wordMarks returns the marks of a normalised word w whose text ends at
// byte end of text.
func wordMarks(w []byte, text string, end int) uint8 {
	var m uint8
	if subjectPronoun(w) {
		m |= markPronoun
	}
	if refersBack(w) {
		m |= markRefersBack
	}
	if colonAfter(text, end) {
		m |= markColon
	}
	return m
}

// marked reports whether token i, after a scan, carries mark.
func (cs *conceptScratch) marked(i int, mark uint8) bool {
	return i < len(cs.marks) && cs.marks[i]&mark != 0
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
	kindPast            // did, were, was (in "if I did it again")
	kindAgain           // again
	kindOn              // and, or, like ...: a sentence that goes on with the one before
	kindWill            // will, I'll ...: after "if I do it again", the mood of a hindsight
)

// maxLemmaCache bounds the per-scratch cache of word -> lemma id.
const maxLemmaCache = 20000

// hypotheticalWordKind returns the kind of a normalised word for the
// hypothetical scope (kindOther for most words).
func hypotheticalWordKind(w []byte) uint8 {
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
	case "did", "were", "was":
		return kindPast
	case "again":
		return kindAgain
	case "hindsight", "wish", "retrospect", "regret":
		return kindReflect
	case "next":
		return kindNext
	case "looking", "look", "looked":
		return kindLooking
	case "time":
		return kindTime
	case "back":
		return kindBack
	case "and", "or", "like", "say", "either", "instead", "maybe":
		return kindOn
	case "will", "i'll", "we'll", "he'll", "she'll", "they'll", "you'll":
		return kindWill
	}
	return kindOther
}

// lookBackAt reports whether w, after "look back", makes it a look at
// something ("look back at the data", "over the quarter"), not hindsight.
func lookBackAt(w []byte) bool {
	switch string(w) {
	case "at", "over", "through", "into", "to", "in", "for":
		return true
	}
	return false
}

// negatorBytes reports whether a normalised word negates what follows it.
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
// occurrence of every element (the last, for a latest line), and returns
// its hit.
func (cm *conceptMatcher) matchLine(l *conceptLine, toks []Token, cs *conceptScratch, accept func(int32, int, int) bool) (hit, bool) {
	last := l.elements[len(l.elements)-1]
	usable := func(o *occurrence) bool {
		return !(o.negated && l.negatable) && !(o.negatedNear && l.literal) && !(o.hypothetical && l.real) &&
			(l.subject == subjNone || o.element != last || subjectFits(l.subject, cs.subjectOf(toks, int(o.start))))
	}
	// anchors: every usable occurrence of the first element, in order; a
	// window may also start at another element's occurrence, so try each
	// element's occurrences as the window's first word
	var best hit
	found := false
	anchors := l.elements
	if l.ordered {
		anchors = l.elements[:1]
	}
	for _, anchorElem := range anchors {
		for k := cs.elementStart[anchorElem]; k < cs.elementStart[anchorElem+1]; k++ {
			anchor := &cs.occurrences[k]
			if !usable(anchor) {
				continue
			}
			h, atEnd, ok := cm.windowFrom(l, anchor, toks, cs, usable)
			better := !found || (h.at > best.at) == l.latest && h.at != best.at
			if ok && better && (accept == nil || accept(l.spec, int(h.at), int(atEnd))) {
				best, found = h, true
			}
		}
	}
	if !found {
		return hit{}, false
	}
	best.start, best.end = clauseOf(toks, best.start, best.end)
	return best, true
}

// windowFrom looks for every element of l in the window starting at the
// occurrence a (in order, for an ordered line). The hit spans a to the
// furthest element found; from is where the next element's search starts.
// atEnd is the end of the occurrence the hit stands at: an ordered line's
// last element, whose words its neighbour conditions follow ("I go with"
// + "it").
func (cm *conceptMatcher) windowFrom(l *conceptLine, a *occurrence, toks []Token, cs *conceptScratch, usable func(*occurrence) bool) (h hit, atEnd int32, ok bool) {
	spanEnd, from, at := a.end, a.start, a.start
	atEnd = a.end
	cs.taken = append(cs.taken[:0], a)
	for _, e := range l.elements {
		found := false
		group := cs.occurrences[cs.elementStart[e]:cs.elementStart[e+1]]
		k, _ := slices.BinarySearchFunc(group, from, func(o occurrence, at int32) int { return int(o.start - at) })
		for ; k < len(group) && int(group[k].start-a.start) < l.window; k++ {
			o := &group[k]
			if int(o.end-a.start) > l.window || !usable(o) || (o != a && overlapsTaken(o, cs.taken)) {
				continue
			}
			if o != a {
				cs.taken = append(cs.taken, o)
			}
			if l.ordered && toks[o.start].Sentence != toks[a.start].Sentence {
				continue
			}
			spanEnd = max(spanEnd, o.end)
			if l.ordered {
				at, atEnd = o.start, o.end // an ordered line stands where its last element does
				from = o.end
				if o == a {
					from = a.end
				}
			}
			found = true
			break
		}
		if !found {
			return hit{}, 0, false
		}
	}
	return hit{spec: l.spec, at: at, start: a.start, end: spanEnd}, atEnd, true
}

// overlapsTaken reports whether o shares a word with an occurrence already
// standing for another element of the line: "or push back" is an
// alternative or a cost, not both.
func overlapsTaken(o *occurrence, taken []*occurrence) bool {
	for _, t := range taken {
		if o.start < t.end && t.start < o.end {
			return true
		}
	}
	return false
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
