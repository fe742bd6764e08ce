package review

import (
	"math"
	"slices"
	"strconv"
)

const defaultPause = 2.0 // seconds, when no pause rule is loaded

// pauseLimit returns the pause rule's minimum pause, or defaultPause.
func (st *reviewState) pauseLimit() float64 {
	for _, r := range st.rv.rules.rules {
		if r.Kind == KindPause {
			return r.MinSeconds
		}
	}
	return defaultPause
}

// voice is the envelope's own speech/noise split.
type voice struct {
	ok        bool
	threshold float32
	floor     float32
}

// envelopeVoice estimates the recording's noise floor (10th percentile of
// frame energy) and speech level (90th percentile); a frame is voiced above
// a quarter of the way from floor to speech.
func envelopeVoice(e *Envelope) voice {
	if e == nil || len(e.RMS) < 10 || e.Hop <= 0 {
		return voice{}
	}
	s := slices.Clone(e.RMS)
	slices.Sort(s)
	floor := s[len(s)/10]
	speech := s[len(s)*9/10]
	if speech <= floor*2 || speech < 1e-4 {
		return voice{floor: floor}
	}
	return voice{ok: true, floor: floor, threshold: floor + (speech-floor)/4}
}

// metrics measures the answer: words, durations, pauses and rate, from
// the word timings, the envelope or the recording's delivery.
func (st *reviewState) metrics() {
	rep, t := st.rep, st.transcript
	m := &rep.Metrics
	m.Words = len(st.sc.toks)
	m.DurationS = t.Duration
	if m.DurationS == 0 && st.input.Envelope != nil {
		m.DurationS = st.input.Envelope.Duration()
	}
	if m.DurationS == 0 && st.timed {
		m.DurationS = t.Words[len(t.Words)-1].End
	}
	limit := st.pauseLimit()
	switch {
	case st.audioOnly():
		st.audioMetrics(limit)
		return
	case st.timed:
		ws := t.Words
		for i := 1; i < len(ws); i++ {
			if d := ws[i].Start - ws[i-1].End; d > 0.01 {
				st.gaps = append(st.gaps, gap{ws[i-1].End, ws[i].Start})
			}
		}
		m.SpeakingS = ws[len(ws)-1].End - ws[0].Start
	case st.input.Envelope != nil:
		st.envelopeGaps(limit)
	default:
		m.SpeakingS = m.DurationS
	}
	for _, g := range st.gaps {
		d := g.end - g.start
		m.LongestPauseS = max(m.LongestPauseS, d)
		if d >= limit {
			m.PausesOver2s++
			if st.timed {
				m.SpeakingS -= d
			}
		}
	}
	if m.SpeakingS > 0 {
		m.WPM = round1(float64(m.Words) * 60 / m.SpeakingS)
	}
	if q := st.input.Question; q != nil && q.AnswerSeconds > 0 {
		m.TargetS = q.AnswerSeconds
		if m.DurationS > 0 {
			m.LengthPct = round1(m.DurationS * 100 / float64(q.AnswerSeconds))
		}
	}
	m.DurationS, m.SpeakingS = round1(m.DurationS), round1(m.SpeakingS)
	m.LongestPauseS = round1(m.LongestPauseS)
	st.audioExtras()
}

// envelopeGaps finds silences of at least limit seconds between the first
// and last voiced frame, and the speaking time, from the envelope alone.
func (st *reviewState) envelopeGaps(limit float64) {
	e := st.input.Envelope
	v := envelopeVoice(e)
	m := &st.rep.Metrics
	if !v.ok {
		m.SpeakingS = m.DurationS
		return
	}
	first, last := -1, -1
	for i, x := range e.RMS {
		if x > v.threshold {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if first < 0 {
		return
	}
	m.SpeakingS = float64(last-first+1) * e.Hop
	run := -1
	for i := first; i <= last; i++ {
		if e.RMS[i] <= v.threshold {
			if run < 0 {
				run = i
			}
			continue
		}
		if run >= 0 {
			s, en := float64(run)*e.Hop, float64(i)*e.Hop
			if en-s >= limit {
				st.gaps = append(st.gaps, gap{s, en})
				m.SpeakingS -= en - s
			}
			run = -1
		}
	}
}

// tokenAt returns the first token whose time starts at or after sec.
func (st *reviewState) tokenAt(sec float64) int {
	for i, s := range st.sc.tokenTimes {
		if s.ok && s.s >= sec-0.001 {
			return i
		}
	}
	return len(st.sc.toks)
}

// gapFinding builds a finding of rule r about the silence or sound g,
// placed before the first word after it when the words are timed.
func (st *reviewState) gapFinding(r *RuleSpec, g gap, msg string) Finding {
	f := Finding{Rule: r.ID, Level: r.Level, Message: msg, Suggestion: r.Suggestion,
		TimeStart: g.start, TimeEnd: g.end, HasTime: true}
	if st.timed {
		if i := st.tokenAt(g.end); i < len(st.sc.toks) {
			f.Start, f.End = st.sc.toks[i].Start, st.sc.toks[i].Start
		} else {
			f.Start, f.End = len(st.text), len(st.text)
		}
	}
	return f
}

// secs formats seconds with one decimal: "2.5 s".
func secs(x float64) string { return strconv.FormatFloat(x, 'f', 1, 64) + " s" }

// pauses adds a finding for each silence of at least r.MinSeconds.
func (st *reviewState) pauses(r *RuleSpec) {
	for _, g := range st.gaps {
		if g.end-g.start >= r.MinSeconds {
			st.add(st.gapFinding(r, g, r.Message+" ("+secs(g.end-g.start)+")"))
		}
	}
}

// slowStart reports a long silence before the first word, as if stuck for
// a start: measured from the recording when there is one, else from the
// envelope, else from the first timed word.
func (st *reviewState) slowStart(r *RuleSpec) {
	lead, ok := st.leadingSilence()
	if !ok || lead < r.MinSeconds {
		return
	}
	st.add(st.gapFinding(r, gap{0, lead}, r.Message+" ("+secs(lead)+" before the first word)"))
}

// leadingSilence returns the seconds from the start of the recording to
// the first speech, and whether any speech was found to measure it by.
func (st *reviewState) leadingSilence() (float64, bool) {
	if a := st.input.Audio; a != nil && a.SpeechEndS > a.SpeechStartS {
		return a.SpeechStartS, true
	}
	if e := st.input.Envelope; e != nil {
		if v := envelopeVoice(e); v.ok {
			for i, x := range e.RMS {
				if x > v.threshold {
					return float64(i) * e.Hop, true
				}
			}
		}
	}
	if st.timed {
		return st.transcript.Words[0].Start, true
	}
	return 0, false
}

// voicedGaps reports gaps between timed words of at least r.MinGap seconds
// in which the envelope holds voiced sound for at least 80 ms.
func (st *reviewState) voicedGaps(r *RuleSpec) {
	e := st.input.Envelope
	if !st.timed || e == nil {
		return
	}
	v := envelopeVoice(e)
	if !v.ok {
		return
	}
	cands := st.gaps
	if w0 := st.transcript.Words[0].Start; w0 > 0 {
		cands = append([]gap{{0, w0}}, cands...)
	}
	const edge, need = 0.05, 0.08
	for _, g := range cands {
		if g.end-g.start < r.MinGap {
			continue
		}
		a := int(math.Ceil((g.start + edge) / e.Hop))
		b := int(math.Floor((g.end - edge) / e.Hop))
		run, best, bestEnd := 0, 0, 0
		for i := max(a, 0); i < min(b, len(e.RMS)); i++ {
			if e.RMS[i] > v.threshold {
				run++
				if run > best {
					best, bestEnd = run, i+1
				}
			} else {
				run = 0
			}
		}
		if float64(best)*e.Hop >= need {
			f := st.gapFinding(r, g, r.Message)
			f.TimeStart, f.TimeEnd = float64(bestEnd-best)*e.Hop, float64(bestEnd)*e.Hop
			st.add(f)
			st.rep.Metrics.VoicedGaps++
		}
	}
}

// pace checks the speaking rate against r's range and adds a finding when
// it is outside.
func (st *reviewState) pace(r *RuleSpec) {
	m := st.rep.Metrics
	if st.audioOnly() {
		// the rate from syllable nuclei stands in for the word count
		if m.SpeakingS < minAudioPaceS || m.WPMAudio <= 0 {
			return
		}
		m.WPM = m.WPMAudio
	} else if m.SpeakingS <= 0 || m.Words < 20 {
		return
	}
	basis := "transcript duration"
	switch {
	case st.audioOnly():
		basis = "syllables in the recording (estimated)"
	case st.timed:
		basis = "word timings"
	case st.input.Envelope != nil && st.transcript.Duration == 0:
		basis = "voice activity in the recording"
	}
	st.rep.Pace = &PaceCheck{WPM: m.WPM, MinWPM: r.MinWPM, MaxWPM: r.MaxWPM, Source: r.Source, Basis: basis}
	rng := strconv.FormatFloat(r.MinWPM, 'f', 0, 64) + "–" + strconv.FormatFloat(r.MaxWPM, 'f', 0, 64) + " wpm"
	wpm := strconv.FormatFloat(m.WPM, 'f', 0, 64) + " wpm"
	switch {
	case m.WPM < r.MinWPM:
		st.add(Finding{Rule: r.ID, Level: r.Level, Message: r.Message + ": " + wpm + ", slower than " + rng, Suggestion: r.Suggestion})
	case m.WPM > r.MaxWPM:
		st.add(Finding{Rule: r.ID, Level: r.Level, Message: r.Message + ": " + wpm + ", faster than " + rng, Suggestion: r.Suggestion})
	}
}

// finish counts findings into metrics and computes the scores.
func (st *reviewState) finish() {
	rep := st.rep
	m := &rep.Metrics
	m.Fillers, m.Hedges = 0, 0
	for _, f := range rep.Findings {
		switch f.Rule {
		case "filler":
			m.Fillers++
		case "hedge":
			m.Hedges++
		}
	}
	m.FillersPer100Words = per100(m.Fillers, m.Words)
	m.HedgesPer100Words = per100(m.Hedges, m.Words)

	var total [4]int // points per area, in the order of ScoreReasons.area
	q := st.input.Question
	for i := range st.rv.rules.rules {
		r := &st.rv.rules.rules[i]
		if !r.applies(q) || st.skip(r) {
			continue
		}
		switch {
		case r.Kind == KindCoverage:
			st.scoreCoverage(r, st.sc.findingCount[i], &total)
		case r.Kind == KindStar:
			st.scoreStar(r, &total)
		case r.Score != nil:
			st.scoreRule(r, st.sc.findingCount[i], &total)
		}
	}
	score := func(k int) int { return min(100, max(0, 100+total[k])) }
	rep.Scores = Scores{Delivery: score(0), Structure: score(1), Agency: score(2), Content: score(3)}
	rep.ScoreReasons.each(func(a *AreaReasons) {
		if a.Reasons == nil {
			a.Reasons = []ScoreReason{}
		}
	})
}

// scoreCoverage scores content by the share of the question's required
// talking points covered (a partly covered one counts half); n is the
// rule's finding count.
func (st *reviewState) scoreCoverage(r *RuleSpec, n int, total *[4]int) {
	q := st.input.Question
	if q == nil || len(q.TalkingPoints) == 0 {
		return
	}
	a, k := st.rep.ScoreReasons.area(AreaContent)
	a.Assessed = true
	covered, counted := 0.0, 0
	for _, tp := range st.rep.TalkingPoints {
		if tp.Optional {
			continue
		}
		counted++
		if tp.Covered {
			covered++
		} else if tp.Partial {
			covered += 0.5
		}
	}
	pts := 0
	if counted > 0 {
		pts = int(math.Round(100*covered/float64(counted))) - 100
	}
	a.Reasons = append(a.Reasons, ScoreReason{Rule: r.ID, Count: n, Points: pts})
	total[k] += pts
}

// scoreStar lowers structure by the points of each missing STAR element.
func (st *reviewState) scoreStar(r *RuleSpec, total *[4]int) {
	a, k := st.rep.ScoreReasons.area(AreaStructure)
	a.Assessed = true
	for _, e := range r.Elements {
		for _, h := range st.rep.Star {
			if h.ID == e.ID && !h.Present && e.Points != 0 {
				a.Reasons = append(a.Reasons, ScoreReason{Rule: e.Rule, Count: 1, Points: e.Points})
				total[k] += e.Points
			}
		}
	}
}

// scoreRule moves the rule's score area by its points per finding (n
// findings), within its cap.
func (st *reviewState) scoreRule(r *RuleSpec, n int, total *[4]int) {
	a, k := st.rep.ScoreReasons.area(r.Score.Area)
	a.Assessed = true
	if n == 0 {
		return
	}
	pts := n * r.Score.Points
	if c := r.Score.Cap; c < 0 {
		pts = max(pts, c)
	} else if c > 0 {
		pts = min(pts, c)
	}
	a.Reasons = append(a.Reasons, ScoreReason{Rule: r.ID, Count: n, Points: pts})
	total[k] += pts
}

// area returns the reasons of a score area and its index (delivery,
// structure, agency, content).
func (s *ScoreReasons) area(name string) (*AreaReasons, int) {
	switch name {
	case AreaStructure:
		return &s.Structure, 1
	case AreaAgency:
		return &s.Agency, 2
	case AreaContent:
		return &s.Content, 3
	}
	return &s.Delivery, 0
}

// each calls fn with the reasons of each score area.
func (s *ScoreReasons) each(fn func(a *AreaReasons)) {
	for _, a := range []*AreaReasons{&s.Delivery, &s.Structure, &s.Agency, &s.Content} {
		fn(a)
	}
}
