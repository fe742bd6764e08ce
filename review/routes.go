package review

import "slices"

// routeSentenceReach bounds the last route of an offer: it runs to the end
// of its sentence, but no further than this many words.
const routeSentenceReach = 40

// routeOpener is one word or phrase that opens a route, and which of the
// line's ways of opening a route it is (0: the joiner, "or").
type routeOpener struct {
	occurrence
	way int
}

// matchRoutes matches a routes line (MatchSpec.Routes): an offer laid out
// route by route. The line's last element is what a route costs; the ones
// before it are ways of opening a route, the first of them the joiner
// ("or ...") that continues a run of any way. Openers stand at a sentence or
// clause start (see opensRoute). A run of openers of one way (and joiners),
// each within the window of the one before, is an offer when it counts at
// least l.routes and one of its routes holds a cost. The hit stands at the
// first opener and spans to the cost or the last opener, whichever is
// further.
func (cm *conceptMatcher) matchRoutes(l *conceptLine, toks []Token, cs *conceptScratch, accept func(int32, int, int) bool) (hit, bool) {
	if len(l.elements) < 3 {
		return hit{}, false
	}
	usable := func(o *occurrence) bool {
		return !(o.negated && l.negatable) && !(o.hypothetical && l.real)
	}
	cost := l.elements[len(l.elements)-1]
	cs.openers = cs.openers[:0]
	for way, e := range l.elements[:len(l.elements)-1] {
		for k := cs.elementStart[e]; k < cs.elementStart[e+1]; k++ {
			if o := &cs.occurrences[k]; usable(o) && cm.opensRoute(toks, cs, o, way == 0) {
				cs.openers = append(cs.openers, routeOpener{*o, way})
			}
		}
	}
	cm.countedInRawText(toks, cs, l.window, usable)
	cs.labelled(toks, cm.firstID, usable)
	slices.SortStableFunc(cs.openers, func(a, b routeOpener) int { return int(a.start - b.start) })
	// one opener per word: "or we could" is one route, not "or we" and "we could"
	kept := cs.openers[:0]
	for _, o := range cs.openers {
		if n := len(kept); n > 0 && kept[n-1].end > o.start {
			continue
		}
		kept = append(kept, o)
	}
	cs.openers = kept
	costs := cs.occurrences[cs.elementStart[cost]:cs.elementStart[cost+1]]
	for i := range cs.openers {
		run := cs.runFrom(i, l.window)
		if len(run) < l.routes {
			continue
		}
		first, last := run[0], run[len(run)-1]
		end := cs.routeEnd(toks, int(last.start))
		for k := range costs {
			c := &costs[k]
			if c.start < first.end || int(c.end) > end || !usable(c) || overlapsOpener(c, run) {
				continue
			}
			if accept == nil || accept(l.spec, int(first.start), int(first.end)) {
				return hit{spec: l.spec, at: first.start, start: first.start, end: max(c.end, last.end)}, true
			}
		}
	}
	return hit{}, false
}

// runFrom returns the run of openers from cs.openers[i]: the openers of its
// way (or joiners), each within window words of the one before. A joiner
// that opens the run takes the way of the first other opener after it.
func (cs *conceptScratch) runFrom(i, window int) []routeOpener {
	cs.run = append(cs.run[:0], cs.openers[i])
	way := cs.openers[i].way
	for _, o := range cs.openers[i+1:] {
		if int(o.start-cs.run[len(cs.run)-1].start) > window {
			break
		}
		switch {
		case o.way == 0:
		case way == 0:
			way = o.way
		case o.way != way:
			continue // another way of speaking: not this run's
		}
		cs.run = append(cs.run, o)
	}
	return cs.run
}

// opensRoute reports whether the occurrence o opens a route. A phrase of
// the joiner ("or we", not the "or" of "a day or two"; "I laid it out")
// may stand anywhere, as speech-to-text drops commas, and so may any phrase
// in text with no punctuation at all; anything else stands at a sentence
// or clause start. A single word other than "or" and "either" must also be
// set off by a pause ("One, a reverse-IP tool"; not "One of you goes
// Tuesday", "First I'd check").
func (cm *conceptMatcher) opensRoute(toks []Token, cs *conceptScratch, o *occurrence, joiner bool) bool {
	id := cs.lemmaIDs[o.start]
	conj := id != unknownID && (id == cm.orID || id == cm.eitherID)
	phrase := o.end-o.start > 1
	if phrase && (joiner || unpunctuated(toks, int(o.start))) {
		return true
	}
	if toks[o.start].Flags&(ClauseStart|SentenceStart) == 0 {
		return false
	}
	return phrase || conj || toks[o.end-1].Flags&ClauseEnd != 0
}

// Ways of opening a route that the text's shape finds, beside the line's
// elements.
const (
	wayLabel   = 1000 + iota // a label and a colon (labelled)
	wayCounted               // counting words in raw text (countedInRawText)
)

// labelMax is the most words a route's label may have ("Event first:",
// "Full database Monday at 8:").
const labelMax = 6

// labelled adds the routes opened by a label: a sentence that opens with a
// few words and a colon ("Event first: invites Tuesday, the nurture slips
// ... AWS first: ..."; "Then it's his pick: everything raw, ... or a fast
// lane ..."), or, two of them at least, with an order and a comma
// ("Roadshow first, the launch nurture slips ... Launch first, the invite
// goes out ..."; not "But first, I asked him why"). They are a way
// of their own: a label runs with labels and joiners ("Then I bring data:
// ... If they still want ..." is no offer).
func (cs *conceptScratch) labelled(toks []Token, firstID int32, usable func(*occurrence) bool) {
	label := func(i int) (o occurrence, order, ok bool) {
		if toks[i].Flags&SentenceStart == 0 {
			return o, false, false
		}
		end, order := cs.labelEnd(toks, i, firstID)
		// checked in place: an occurrence of its own would escape to the heap
		cs.label = occurrence{start: int32(i), end: int32(end), hypothetical: cs.hypothetical[i]}
		return cs.label, order, end > i && usable(&cs.label)
	}
	orders := 0 // "X first," labels open routes only in twos ("But first, I asked him" is none)
	for i := range toks {
		if _, order, ok := label(i); ok && order {
			orders++
		}
	}
	for i := range toks {
		if o, order, ok := label(i); ok && (!order || orders >= 2) {
			cs.openers = append(cs.openers, routeOpener{o, wayLabel})
		}
	}
}

// labelEnd returns the end of the label that opens the sentence at token
// i (i when there is none), and whether it is an order set off by a comma
// ("Roadshow first,") rather than words and a colon.
func (cs *conceptScratch) labelEnd(toks []Token, i int, firstID int32) (end int, order bool) {
	for j := i; j < len(toks) && j < i+labelMax; j++ {
		if cs.marked(j, markColon) {
			return j + 1, false
		}
		if j > i && j < i+3 && firstID != unknownID && cs.lemmaIDs[j] == firstID && toks[j].Flags&ClauseEnd != 0 {
			return j + 1, true
		}
		if toks[j].Flags&ClauseEnd != 0 {
			break
		}
	}
	return i, false
}

// colonAfter reports whether the first mark after byte end of text, past
// spaces and closing quotes, is a colon.
func colonAfter(text string, end int) bool {
	for ; end < len(text); end++ {
		switch text[end] {
		case ' ', '"', '\'', ')':
			continue
		case ':':
			return true
		}
		return false
	}
	return false
}

// counted are the words that count routes out in order, and their rank.
// Letters count apart from numbers, in tens ("a" then "two" is no count):
// "id lay it out a send monday ... b a full send wednesday ... c waves".
var counted = map[string]int{"one": 1, "two": 2, "three": 3, "four": 4, "first": 1, "second": 2, "third": 3, "fourth": 4,
	"a": 11, "b": 12, "c": 13, "d": 14}

// findRouteWords looks up, once the vocabulary is complete, the words the
// routes matcher reads by id.
func (cm *conceptMatcher) findRouteWords() {
	id := func(w string) int32 {
		if id, ok := cm.vocab[w]; ok {
			return id
		}
		return unknownID
	}
	cm.orID, cm.eitherID, cm.firstID = id("or"), id("either"), id("first")
	cm.countRank = map[int32]int{}
	for w, r := range counted {
		if id := id(w); id != unknownID {
			cm.countRank[id] = r
		}
	}
	cm.unitIDs, cm.approxIDs = map[int32]bool{}, map[int32]bool{}
	for _, w := range quantityUnits {
		if id := id(w); id != unknownID {
			cm.unitIDs[id] = true
		}
	}
	for _, w := range quantityBefore {
		if id := id(w); id != unknownID {
			cm.approxIDs[id] = true
		}
	}
}

// quantityUnits (lemmas) make the number before them a quantity, not a
// route counted out: "each was about three days of build and we had maybe
// four days of capacity".
var quantityUnits = []string{"minute", "hour", "day", "week", "month", "quarter", "year", "percent",
	"people", "person", "thousand", "hundred", "million", "grand", "dollar", "euro", "pound", "time", "of"}

// quantityBefore make the number after them a quantity: "the volunteer
// thing about two".
var quantityBefore = []string{"about", "around", "maybe", "roughly", "approximately", "nearly", "almost",
	"only", "just", "over", "under"}

// countedInRawText adds, in text with no punctuation, the counting words
// that follow each other in order within window words ("three ways one we
// show sourced only ... two we show influenced ... three keep 28"): where
// no pause sets a single word off, the count itself says it opens a route.
// They are a way of their own, as labels are.
func (cm *conceptMatcher) countedInRawText(toks []Token, cs *conceptScratch, window int, usable func(*occurrence) bool) {
	if len(cm.countRank) == 0 {
		return
	}
	seq := cs.counts[:0]
	for i, id := range cs.lemmaIDs {
		if r, ok := cm.countRank[id]; ok && unpunctuated(toks, i) && !cm.quantity(toks, cs, i) {
			seq = append(seq, rankAt{i, r})
		}
	}
	cs.counts = seq
	// the count before and after c of its own kind (numbers, letters)
	sameKind := func(k, step int) (rankAt, bool) {
		for j := k + step; j >= 0 && j < len(seq); j += step {
			if seq[j].rank/10 == seq[k].rank/10 {
				return seq[j], true
			}
		}
		return rankAt{}, false
	}
	for k, c := range seq {
		n, okN := sameKind(k, 1)
		p, okP := sameKind(k, -1)
		next := okN && n.rank == c.rank+1 && n.at-c.at <= window
		prev := okP && p.rank == c.rank-1 && c.at-p.at <= window
		if !next && !prev {
			continue
		}
		cs.openers = append(cs.openers, routeOpener{occurrence{start: int32(c.at), end: int32(c.at + 1),
			hypothetical: cs.hypothetical[c.at], negated: cs.negationBack(toks, c.at) > 0}, wayCounted})
		if n := len(cs.openers); !usable(&cs.openers[n-1].occurrence) {
			cs.openers = cs.openers[:n-1]
		}
	}
}

// quantity reports whether the number at token i is a quantity: it counts
// a unit ("three days", "one of them"), or a word says it is about so many
// ("about two").
func (cm *conceptMatcher) quantity(toks []Token, cs *conceptScratch, i int) bool {
	return i+1 < len(toks) && toks[i+1].Sentence == toks[i].Sentence && cm.unitIDs[cs.lemmaIDs[i+1]] ||
		i > 0 && toks[i-1].Sentence == toks[i].Sentence && cm.approxIDs[cs.lemmaIDs[i-1]]
}

// rankAt is a counting word at token at, and its rank.
type rankAt struct{ at, rank int }

// routeEnd is where the route opened at token i ends, at the latest: the
// end of its sentence, or of the next when that one opens on the route
// ("Or we build a fast lane. That one is two weeks of my team's time."),
// at most routeSentenceReach words on.
func (cs *conceptScratch) routeEnd(toks []Token, i int) int {
	end, sentences := i, 0
	for end < len(toks) && end-i < routeSentenceReach {
		end++
		if toks[end-1].Flags&SentenceEnd == 0 {
			continue
		}
		sentences++
		if sentences == 2 || end >= len(toks) || !cs.marked(end, markRefersBack) {
			break
		}
	}
	return end
}

// refersBack reports whether a normalised word, opening a sentence, goes on
// about what came before ("That one is two weeks", "It takes a day").
func refersBack(w []byte) bool {
	switch string(w) {
	case "that", "that's", "this", "it", "it's", "which", "that'll", "it'll", "that'd", "it'd":
		return true
	}
	return false
}

// overlapsOpener reports whether the cost c shares a word with an opener:
// "or wait" opens a route; it is not also its cost.
func overlapsOpener(c *occurrence, openers []routeOpener) bool {
	for i := range openers {
		if c.start < openers[i].end && openers[i].start < c.end {
			return true
		}
	}
	return false
}
