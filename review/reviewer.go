package review

import (
	"reflect"
	"slices"
	"strings"
	"sync"
)

// Reviewer reviews transcripts against a rule set. It is safe for
// concurrent use; the matchers for each question's talking points are
// compiled once and cached.
type Reviewer struct {
	rules      *RuleSet
	mu         sync.Mutex
	byQuestion map[string]*questionMatcher
	pool       sync.Pool // *scratch
}

// questionMatcher is the matcher compiled with one question's talking
// points, and the talking points it was compiled for.
type questionMatcher struct {
	talkingPoints []TalkingPoint
	matcher       *matcher
}

// scratch holds the buffers one review reuses.
type scratch struct {
	tokenizer              // toks and sents of the text
	norm         normWords // the normalised tokens
	wordIDs      []int32   // per token: its matcher vocabulary id, or unknownID
	hits         []hit
	hitsByRule   []hit     // hits grouped by rule, each group in text order
	ruleStart    []int     // ruleStart[r]..ruleStart[r+1] is rule r's group in hitsByRule
	findingCount []int     // findings per rule index
	vetoes       []int     // per rule index: vetoed's answer, once asked (0: not yet, 1: no, 2: yes)
	findings     []Finding // the array findings are gathered in, kept for the next review
	findingOrder []int32   // findings' indexes, sorted by position
	tokenTimes   []span    // per token: its time, when the words are timed
	gaps         []gap
	wordBuf      []byte // timeTokens's buffer
	concepts     conceptScratch
}

// New returns a reviewer for the rules (nil: no rules at all).
func New(rules *RuleSet) *Reviewer {
	if rules == nil {
		rules = NewRuleSet(nil)
	}
	r := &Reviewer{rules: rules, byQuestion: map[string]*questionMatcher{}}
	r.pool.New = func() any { return new(scratch) }
	return r
}

// Rules returns the reviewer's rule set.
func (rv *Reviewer) Rules() *RuleSet { return rv.rules }

// matcherFor returns the compiled matcher including q's talking point cues.
func (rv *Reviewer) matcherFor(q *Question) *matcher {
	if q == nil || len(q.TalkingPoints) == 0 {
		return rv.rules.compiled
	}
	rv.mu.Lock()
	defer rv.mu.Unlock()
	if c, ok := rv.byQuestion[q.ID]; ok && reflect.DeepEqual(c.talkingPoints, q.TalkingPoints) {
		return c.matcher
	}
	m := compile(rv.rules.rules, rv.rules.concepts, q)
	rv.byQuestion[q.ID] = &questionMatcher{talkingPoints: slices.Clone(q.TalkingPoints), matcher: m}
	return m
}

// Review reviews one answer. A nil transcript reviews an empty answer.
// An answer with no words (none, or only filled pauses such as "um") and
// no recording's delivery to judge is not scored: its report holds one
// EmptyAnswerRule finding, and every score is unassessed (null in JSON).
func (rv *Reviewer) Review(in Input) *Report {
	t := in.Transcript
	if t == nil {
		t = &Transcript{}
	}
	text := answerText(t)
	read, turns := text, 0 // the words reviewed: the candidate's turns
	if len(t.Words) == 0 { // word timings come from a recording of the candidate alone
		read, turns = candidateTurns(text)
	}
	q := in.Question
	m := rv.matcherFor(q)
	sc := rv.pool.Get().(*scratch)
	defer rv.pool.Put(sc)

	sc.run(read)
	sc.findHits(m, read)
	sc.groupHits(m, len(rv.rules.rules))
	timed := len(t.Words) > 0
	if timed {
		sc.tokenTimes, sc.wordBuf = timeTokens(&sc.norm, t.Words, sc.tokenTimes, sc.wordBuf)
	}

	rep := &Report{Text: text, Findings: sc.findings[:0], TalkingPoints: []TalkingPointHit{}}
	if q != nil {
		rep.Question = q.ID
		rep.TalkingPoints = make([]TalkingPointHit, 0, len(q.TalkingPoints))
	}
	st := &reviewState{rv: rv, matcher: m, input: in, transcript: t, text: read, sc: sc, rep: rep, timed: timed, gaps: sc.gaps[:0]}
	st.metrics()
	rep.Metrics.InterviewerTurns = turns
	empty := in.Audio == nil && !sc.hasWord(read)
	if empty {
		st.emptyAnswer()
	} else {
		st.applyRules()
	}
	rep.Findings = sc.sortFindings(rep.Findings)
	if !empty {
		st.finish()
	}
	sc.gaps = st.gaps
	return rep
}

// answerText returns the text a review reads: the transcript's text, or
// its words joined by spaces when the text is blank.
func answerText(t *Transcript) string {
	if strings.TrimSpace(t.Text) != "" || len(t.Words) == 0 {
		return t.Text
	}
	parts := make([]string, 0, len(t.Words))
	for _, w := range t.Words {
		parts = append(parts, strings.TrimSpace(w.Word))
	}
	return strings.Join(parts, " ")
}

// findHits looks up the vocabulary id of each token of text (sc.toks) and
// finds every match of m: phrases, then concept lines.
func (sc *scratch) findHits(m *matcher, text string) {
	toks := sc.toks
	sc.norm.reset()
	sc.wordIDs = sc.wordIDs[:0]
	for k, tk := range toks {
		id, infl := m.lookupInflected(sc.norm.add(text[tk.Start:tk.End]))
		sc.wordIDs = append(sc.wordIDs, id)
		if infl {
			toks[k].Flags |= inflected
		}
	}
	sc.hits = m.scan(toks, sc.wordIDs, sc.hits[:0])
	if len(m.concepts.lines) == 0 {
		return
	}
	phrases := len(sc.hits)
	// a concept match honours its spec's position and neighbours too
	sc.hits = m.concepts.scan(text, toks, sc.hits, &sc.concepts, func(spec int32, at, atEnd int) bool {
		return m.inContext(toks, sc.wordIDs, &m.specs[spec], at, atEnd)
	})
	// a phrase that must have happened: not imagined, not negated
	happened := slices.DeleteFunc(sc.hits[:phrases], func(h hit) bool {
		return m.specs[h.spec].real && sc.concepts.unreal(toks, int(h.start))
	})
	sc.hits = append(happened, sc.hits[phrases:]...)
	if len(sc.hits) > len(happened) {
		slices.SortStableFunc(sc.hits, func(a, b hit) int { return int(a.start - b.start) })
	}
}

// hasWord reports whether text (tokenized into sc.toks) has a word that is
// not a filled pause: what CheckTranscriptText calls an answer.
func (sc *scratch) hasWord(text string) bool {
	for _, tk := range sc.toks {
		if !isFilledPause(text[tk.Start:tk.End]) {
			return true
		}
	}
	return false
}

// applyRules runs each rule that applies to the question, counting its
// findings in sc.findingCount.
func (st *reviewState) applyRules() {
	sc, q := st.sc, st.input.Question
	for i := range st.rv.rules.rules {
		r := &st.rv.rules.rules[i]
		if !r.applies(q) || st.skip(r) {
			sc.findingCount[i] = 0
			continue
		}
		n := len(st.rep.Findings)
		st.apply(i, r)
		sc.findingCount[i] = len(st.rep.Findings) - n
	}
}

// EmptyAnswerRule is the rule id of the one finding of an answer with no
// words (see Reviewer.Review).
const EmptyAnswerRule = "empty-answer"

// emptyAnswer fills the report of an answer with no words: one finding
// that says so, every talking point uncovered, and no score assessed, so
// nothing reads as a perfect answer.
func (st *reviewState) emptyAnswer() {
	st.add(Finding{Rule: EmptyAnswerRule, Level: LevelError, Message: "Nothing to review: the transcript is empty",
		Suggestion: "Record or type an answer, then review it."})
	if q := st.input.Question; q != nil {
		for _, tp := range q.TalkingPoints {
			st.rep.TalkingPoints = append(st.rep.TalkingPoints, TalkingPointHit{ID: tp.ID, Label: tp.Label, Optional: tp.Optional})
		}
	}
	st.rep.ScoreReasons.each(func(a *AreaReasons) { a.Reasons = []ScoreReason{} })
}

// sortFindings returns findings sorted by position (then end, then the
// order found) in a new slice of exactly the right size that the report
// keeps. It sorts through an index, as moving whole findings is slow, and
// keeps findings' array for the next review.
func (sc *scratch) sortFindings(findings []Finding) []Finding {
	sc.findings = findings
	sc.findingOrder = sc.findingOrder[:0]
	for i := range sc.findings {
		sc.findingOrder = append(sc.findingOrder, int32(i))
	}
	slices.SortFunc(sc.findingOrder, func(a, b int32) int {
		fa, fb := &sc.findings[a], &sc.findings[b]
		if fa.Start != fb.Start {
			return fa.Start - fb.Start
		}
		if fa.End != fb.End {
			return fa.End - fb.End
		}
		return int(a - b)
	})
	sorted := make([]Finding, len(sc.findings))
	for i, k := range sc.findingOrder {
		sorted[i] = sc.findings[k]
	}
	clear(sc.findings) // drop references to this text
	return sorted
}

// reviewState is one review in progress: its input, the matcher and
// scratch it uses, and the report it fills in.
type reviewState struct {
	rv         *Reviewer
	matcher    *matcher
	input      Input
	transcript *Transcript
	text       string
	sc         *scratch
	rep        *Report
	timed      bool
	gaps       []gap // silences between timed words or in the envelope
}

// gap is a silence, in seconds from the start of the recording.
type gap struct{ start, end float64 }

// finding builds a finding of rule r over tokens [a, b).
func (st *reviewState) finding(r *RuleSpec, a, b int, msg string) Finding {
	toks := st.sc.toks
	f := Finding{Rule: r.ID, Level: r.Level, Message: msg, Suggestion: r.Suggestion}
	if msg == "" {
		f.Message = r.Message
	}
	if a < b && b <= len(toks) {
		f.Start, f.End = toks[a].Start, toks[b-1].End
		f.Text = st.text[f.Start:f.End]
		if st.timed {
			s, e := st.sc.tokenTimes[a], st.sc.tokenTimes[b-1]
			if s.ok && e.ok {
				f.TimeStart, f.TimeEnd, f.HasTime = s.s, e.e, true
			}
		}
	}
	return f
}

// add adds a finding to the report.
func (st *reviewState) add(f Finding) { st.rep.Findings = append(st.rep.Findings, f) }

// ruleHits returns the hits of rule ri, in text order.
func (st *reviewState) ruleHits(ri int) []hit {
	return st.sc.hitsByRule[st.sc.ruleStart[ri]:st.sc.ruleStart[ri+1]]
}

// eachHit calls fn for each hit of rule ri with the given role, skipping
// hits that overlap an earlier one of the same rule and role.
func (st *reviewState) eachHit(ri int, role uint8, fn func(h hit)) {
	lastEnd := int32(-1)
	hits := st.ruleHits(ri)
	for k := 0; k < len(hits); k++ {
		h := hits[k]
		if st.matcher.specs[h.spec].role != role || h.start < lastEnd {
			continue
		}
		// prefer the longest match starting at the same word
		for k2 := k + 1; k2 < len(hits) && hits[k2].start == h.start; k2++ {
			if st.matcher.specs[hits[k2].spec].role == role && hits[k2].end > h.end {
				h = hits[k2]
			}
		}
		lastEnd = h.end
		fn(h)
	}
}

// apply runs rule r (index ri) and adds its findings to the report.
func (st *reviewState) apply(ri int, r *RuleSpec) {
	switch r.Kind {
	case KindExistence:
		st.existence(ri, r)
	case KindOccurrence:
		st.occurrence(ri, r)
	case KindOrdering:
		st.ordering(ri, r)
	case KindCoverage:
		st.coverage(ri, r)
	case KindQuestions:
		st.questions(ri, r)
	case KindStar:
		st.star(ri, r)
	case KindPause:
		st.pauses(r)
	case KindSlowStart:
		st.slowStart(r)
	case KindVoicedGap:
		st.voicedGaps(r)
	case KindPace:
		st.pace(r)
	case KindHesitation:
		st.hesitations(r)
	case KindNoSpeech:
		st.noSpeech(r)
	}
}

// vetoed reports whether rule ri's matches count for nothing: an "unless"
// match stands (a final one, or the last one comes after every
// "revoked_by" match), or the rule lists "needs" and none of them matched
// (where they must, after the rule's first match). The answer is worked
// out once per review: the talking points ask it of the same rule many
// times.
func (st *reviewState) vetoed(ri int) bool {
	if v := st.sc.vetoes[ri]; v != 0 {
		return v == 2
	}
	v := st.vetoedNow(ri)
	st.sc.vetoes[ri] = 1
	if v {
		st.sc.vetoes[ri] = 2
	}
	return v
}

// vetoedNow works out vetoed for rule ri.
func (st *reviewState) vetoedNow(ri int) bool {
	var lastVeto, lastRevoke int32
	first, matched := st.firstHit(ri, roleMain, func(int32) bool { return true }) // hits come in text order
	veto, revoke, met := false, false, false
	for _, h := range st.ruleHits(ri) {
		switch spec := &st.matcher.specs[h.spec]; spec.role {
		case roleUnless:
			if spec.final {
				return true
			}
			lastVeto, veto = max(lastVeto, h.at), true
		case roleRevoke:
			lastRevoke, revoke = max(lastRevoke, h.at), true
		case roleNeed:
			met = met || !spec.afterMatch || matched && h.at > first.start
		}
	}
	if !met && len(st.rv.rules.needs(ri)) > 0 {
		return true
	}
	return veto && (!revoke || lastRevoke < lastVeto)
}

// existence adds a finding for each match of an existence rule, unless an
// "unless" match vetoes them all, and records the rule's rate.
func (st *reviewState) existence(ri int, r *RuleSpec) {
	rep := st.rep
	n := 0
	vetoed := st.vetoed(ri)
	st.eachHit(ri, roleMain, func(h hit) {
		if vetoed {
			return
		}
		st.add(st.finding(r, int(h.start), int(h.end), ""))
		n++
	})
	if r.Level != LevelPositive {
		rep.Rates = append(rep.Rates, RuleRate{Rule: r.ID, Count: n, Per100Words: per100(n, rep.Metrics.Words)})
	}
}

// occurrence counts the matches of an occurrence rule in its stretch of
// the answer and adds one finding when the count is out of range: at the
// first anchor match, else at the first match over the maximum, else about
// the answer as a whole.
func (st *reviewState) occurrence(ri int, r *RuleSpec) {
	limit := len(st.sc.toks)
	if r.OpeningWords > 0 {
		limit = min(limit, r.OpeningWords)
	}
	if r.OpeningSentences > 0 && r.OpeningSentences < len(st.sc.sents) {
		limit = min(limit, st.sc.sents[r.OpeningSentences-1].Last)
	}
	n := 0
	vetoed := st.vetoed(ri)
	st.eachHit(ri, roleMain, func(h hit) {
		if int(h.end) <= limit && !vetoed {
			n++
		}
	})
	if (r.Min == nil || n >= *r.Min) && (r.Max == nil || n <= *r.Max) {
		return
	}
	var anchor hit
	anchored := false
	st.eachHit(ri, roleAnchor, func(h hit) {
		if !anchored {
			anchor, anchored = h, true
		}
	})
	if anchored {
		st.add(st.finding(r, int(anchor.start), int(anchor.end), r.AnchorMessage))
	} else if r.Max != nil && n > *r.Max {
		// point at the first match over the limit
		k := 0
		st.eachHit(ri, roleMain, func(h hit) {
			if k == *r.Max {
				st.add(st.finding(r, int(h.start), int(h.end), ""))
			}
			k++
		})
	} else {
		st.add(st.finding(r, 0, 0, ""))
	}
}

// ordering flags the first "then" match that comes before every "first"
// match. Further "then" matches that follow it within three words, in its
// sentence, widen the span to the whole tactic ("I'd do" + "LinkedIn
// Ads"), until one does not.
func (st *reviewState) ordering(ri int, r *RuleSpec) {
	first, hasFirst := int32(0), false
	st.eachHit(ri, roleFirst, func(h hit) {
		if !hasFirst || h.at < first {
			first, hasFirst = h.at, true
		}
	})
	var start, end int32
	found, widening := false, false
	st.eachHit(ri, roleThen, func(h hit) {
		switch {
		case !found && (!hasFirst || h.at < first):
			start, end, found, widening = h.start, h.end, true, true
		case widening && h.start >= end && h.start <= end+3 &&
			st.sc.toks[h.start].Sentence == st.sc.toks[start].Sentence:
			end = h.end
		default:
			widening = false
		}
	})
	if found {
		st.add(st.finding(r, int(start), int(end), ""))
	}
}

// per100 returns n per 100 words, to one decimal (0 for no words).
func per100(n, words int) float64 {
	if words == 0 {
		return 0
	}
	return round1(float64(n) * 100 / float64(words))
}

// coverage records which of the question's talking points the answer
// covers, and adds a finding for each required one it misses.
func (st *reviewState) coverage(ri int, r *RuleSpec) {
	q := st.input.Question
	if q == nil {
		return
	}
	for j, tp := range q.TalkingPoints {
		res := TalkingPointHit{ID: tp.ID, Label: tp.Label}
		if h, ok := st.firstHit(ri, roleCue, func(item int32) bool { return int(item) == j }); ok {
			res.Covered = true
			res.Start, res.End = st.span(h)
		}
		// a point that defers to a verdict is covered by none of its parts
		// either when the verdict says no
		deferred := (res.Covered || len(tp.Parts) > 0) && (st.pointVetoed(tp) || st.pointUnmet(tp))
		if deferred {
			res.Covered, res.Start, res.End = false, 0, 0
		}
		if len(tp.Parts) > 0 && !res.Covered && !deferred {
			st.parts(ri, j, tp, &res)
		}
		// a point that restates a verdict, or follows from it, is covered
		// where the verdict is, in whatever words earned it
		for _, id := range [2]string{tp.Requires, tp.ImpliedBy} {
			if h, ok := st.verdictHit(id); ok && !res.Covered && !deferred {
				res.Covered = true
				res.Start, res.End = st.span(h)
			}
		}
		res.Optional = tp.Optional
		if !res.Covered && !tp.Optional {
			msg := r.Message + ": " + tp.Label
			if res.Partial {
				var missing []string
				for _, p := range res.Parts {
					if !p.Covered {
						missing = append(missing, p.Label)
					}
				}
				msg = "Talking point partly covered: " + tp.Label + "; nothing on " + strings.Join(missing, ", ")
			}
			f := st.finding(r, 0, 0, msg)
			f.Ref = tp.ID
			st.add(f)
		}
		st.rep.TalkingPoints = append(st.rep.TalkingPoints, res)
	}
}

// applyingRule returns the index of the rule id when the rule set has it
// and it applies to the question.
func (st *reviewState) applyingRule(id string) (int, bool) {
	i, ok := st.rv.rules.byID[id]
	return i, ok && st.rv.rules.rules[i].applies(st.input.Question)
}

// pointVetoed reports whether the rule tp.VetoedBy names applies to the
// question and its matches count for nothing (see vetoed): the speaker
// picked for the stakeholder, or nothing was put to anyone (its needs).
func (st *reviewState) pointVetoed(tp TalkingPoint) bool {
	i, ok := st.applyingRule(tp.VetoedBy)
	return ok && st.vetoed(i)
}

// pointUnmet reports whether the rule tp.Requires names applies to the
// question and finds nothing in the answer: no match, or its veto stands.
func (st *reviewState) pointUnmet(tp TalkingPoint) bool {
	_, applies := st.applyingRule(tp.Requires)
	_, met := st.verdictHit(tp.Requires)
	return applies && !met
}

// verdictHit returns the first match of the rule id when that rule applies to
// the question, matches and is not vetoed.
func (st *reviewState) verdictHit(id string) (hit, bool) {
	i, ok := st.applyingRule(id)
	if !ok {
		return hit{}, false
	}
	h, found := st.firstHit(i, roleMain, func(int32) bool { return true })
	return h, found && !st.vetoed(i)
}

// parts fills in the parts of talking point j: covered when every part is,
// partly covered when some are.
func (st *reviewState) parts(ri, j int, tp TalkingPoint, res *TalkingPointHit) {
	n := 0
	for k, p := range tp.Parts {
		ph := PartHit{ID: p.ID, Label: p.Label}
		if h, ok := st.firstHit(ri, rolePart, func(item int32) bool {
			ref := st.matcher.parts[item]
			return ref.point == j && ref.part == k
		}); ok {
			ph.Covered = true
			ph.Start, ph.End = st.span(h)
			if n == 0 {
				res.Start, res.End = ph.Start, ph.End
			}
			n++
		}
		res.Parts = append(res.Parts, ph)
	}
	res.Covered = n == len(tp.Parts)
	res.Partial = n > 0 && !res.Covered
}

// hasHit reports whether rule ri has a hit with the role.
func (st *reviewState) hasHit(ri int, role uint8) bool {
	_, ok := st.firstHit(ri, role, func(int32) bool { return true })
	return ok
}

// firstHit returns the first hit of rule ri with the role whose item
// passes want.
func (st *reviewState) firstHit(ri int, role uint8, want func(item int32) bool) (hit, bool) {
	for _, h := range st.ruleHits(ri) {
		if s := &st.matcher.specs[h.spec]; s.role == role && want(s.item) {
			return h, true
		}
	}
	return hit{}, false
}

// span returns the byte span of a hit's evidence: the clause it stands
// in, never a lone word.
func (st *reviewState) span(h hit) (int, int) {
	a, b := clauseOf(st.sc.toks, h.start, h.end)
	return st.sc.toks[a].Start, st.sc.toks[b-1].End
}

// star finds the elements of a story; each missing one is a finding.
func (st *reviewState) star(ri int, r *RuleSpec) {
	for j, e := range r.Elements {
		res := StarHit{ID: e.ID, Label: e.Label}
		if h, ok := st.firstHit(ri, roleStar, func(item int32) bool { return int(item) == j }); ok {
			res.Present = true
			res.Start, res.End = st.span(h)
		} else {
			f := st.finding(r, 0, 0, e.Message)
			f.Rule, f.Suggestion, f.Ref = e.Rule, e.Suggestion, e.ID
			st.add(f)
		}
		st.rep.Star = append(st.rep.Star, res)
	}
}

// questions lists the questions the candidate asked and the themes each
// touches.
func (st *reviewState) questions(ri int, r *RuleSpec) {
	for _, s := range st.sc.sents {
		if !s.Question {
			continue
		}
		aq := AskedQuestion{Text: st.text[s.Start:s.End], Start: s.Start, End: s.End, Themes: []string{}}
		for _, h := range st.ruleHits(ri) {
			sp := &st.matcher.specs[h.spec]
			if sp.role != roleTheme || int(h.start) < s.First || int(h.end) > s.Last {
				continue
			}
			id := r.Themes[sp.item].ID
			if !slices.Contains(aq.Themes, id) {
				aq.Themes = append(aq.Themes, id)
			}
		}
		st.rep.Reverse = append(st.rep.Reverse, aq)
	}
}

// groupHits orders the hits by rule (a counting sort, stable, so each
// rule's hits stay in text order) and zeroes the per-rule finding counts
// and vetoes.
func (sc *scratch) groupHits(m *matcher, nRules int) {
	sc.ruleStart = resize(sc.ruleStart, nRules+1)
	sc.findingCount = resize(sc.findingCount, nRules)
	sc.vetoes = resize(sc.vetoes, nRules)
	for _, h := range sc.hits {
		sc.ruleStart[m.specs[h.spec].rule+1]++
	}
	for i := 1; i <= nRules; i++ {
		sc.ruleStart[i] += sc.ruleStart[i-1]
	}
	sc.hitsByRule = append(sc.hitsByRule[:0], sc.hits...)
	fill := sc.findingCount // reuse as cursor, reset after
	copy(fill, sc.ruleStart[:nRules])
	for _, h := range sc.hits {
		r := m.specs[h.spec].rule
		sc.hitsByRule[fill[r]] = h
		fill[r]++
	}
	clear(sc.findingCount)
}

// resize returns s with length n, zeroed, reusing its array when it can.
func resize(s []int, n int) []int {
	if cap(s) < n {
		return make([]int, n)
	}
	s = s[:n]
	clear(s)
	return s
}
