package review

import "math"

// AudioDelivery is what the recording alone says about the delivery of an
// answer, measured by the caller (package audio's AnalyzeDelivery; review
// imports no audio code) and handed in as plain data. Times are in seconds
// from the start of the recording.
type AudioDelivery struct {
	DurationS float64
	// SpeechStartS and SpeechEndS bound the speech; SpeakingS is that span
	// less the long pauses.
	SpeechStartS, SpeechEndS float64
	SpeakingS                float64
	// WPM is the rate estimated from syllable nuclei.
	WPM float64
	// Pauses are the silences inside the speech (of at least the
	// analysis's minimum pause, e.g. 0.3 s).
	Pauses []TimeSpan
	// Hesitations are likely voiced hesitations ("uh", "um").
	Hesitations []TimeSpan
	// Pace is the estimated rate at consecutive steps (e.g. 5 s), each
	// measured over the stretch around it (e.g. 10 s).
	Pace []PaceSample
	// CalibratedFrom is how many of the speaker's own transcribed takes
	// WPM and Pace were scaled on (0: the built-in syllables per word).
	CalibratedFrom int
}

// TimeSpan is a stretch of a recording, in seconds.
type TimeSpan struct {
	Start float64 `json:"start"`
	End   float64 `json:"end"`
}

// PaceSample is the estimated rate at one step [Start, End) of a recording,
// measured over the stretch around it; WPM is 0 when the step holds too
// little speech to tell.
type PaceSample struct {
	Start float64 `json:"start"`
	End   float64 `json:"end"`
	WPM   float64 `json:"wpm"`
}

// minAudioPaceS is the speaking time an audio-only pace check needs.
const minAudioPaceS = 10.0

// audioOnly says whether the review has a recording's delivery but no
// words to read.
func (st *reviewState) audioOnly() bool {
	return st.input.Audio != nil && len(st.sc.toks) == 0
}

// skip says whether rule r sits out this review: an audio-only review runs
// only the rules that read the recording (pause, slow start, pace,
// hesitation), so the other areas stay unassessed; of a recording with no
// speech, only the one that says so, so that none is assessed.
func (st *reviewState) skip(r *RuleSpec) bool {
	if !st.audioOnly() {
		return false
	}
	if st.silent() {
		return r.Kind != KindNoSpeech
	}
	switch r.Kind {
	case KindPause, KindSlowStart, KindPace, KindHesitation:
		return false
	}
	return true
}

// silent says whether the review's recording holds no speech.
func (st *reviewState) silent() bool {
	a := st.input.Audio
	return a != nil && a.SpeechEndS <= a.SpeechStartS
}

// noSpeech adds r's finding to an audio-only review of a recording that
// holds no speech: a silent take is not a flawless delivery.
func (st *reviewState) noSpeech(r *RuleSpec) {
	if !st.audioOnly() || !st.silent() {
		return
	}
	msg := r.Message + " (" + secs(st.input.Audio.DurationS) + " of recording)"
	st.add(Finding{Rule: r.ID, Level: r.Level, Message: msg, Suggestion: r.Suggestion})
}

// audioMetrics fills the metrics of an audio-only review.
func (st *reviewState) audioMetrics(limit float64) {
	a, m := st.input.Audio, &st.rep.Metrics
	m.DurationS = round1(max(m.DurationS, a.DurationS))
	m.SpeakingS = round1(a.SpeakingS)
	for _, p := range a.Pauses {
		st.gaps = append(st.gaps, gap{p.Start, p.End})
		if d := p.End - p.Start; d >= limit {
			m.PausesOver2s++
		}
	}
	st.audioExtras()
}

// audioExtras adds the recording's own measures to the metrics (both in an
// audio-only review and beside a transcript's).
func (st *reviewState) audioExtras() {
	a := st.input.Audio
	if a == nil {
		return
	}
	m := &st.rep.Metrics
	m.WPMAudio = round1(a.WPM)
	if m.WPMAudio > 0 {
		m.WPMAudioCalibratedFrom = a.CalibratedFrom
	}
	m.Pauses = len(a.Pauses)
	longest, silent := 0.0, 0.0
	for _, p := range a.Pauses {
		longest = max(longest, p.End-p.Start)
		silent += p.End - p.Start
	}
	m.SilentS = round1(silent)
	m.LeadingSilenceS = round1(a.SpeechStartS)
	if st.audioOnly() {
		m.LongestPauseS = round1(longest)
	}
	if len(a.Pace) > 0 {
		st.rep.PaceSeries = a.Pace
	}
}

// hesitations reports the recording's likely voiced hesitations. Beside a
// timed transcript, one that overlaps a voiced-gap or filler finding is the
// same sound and is not counted again; beside an untimed transcript they
// cannot be placed against its fillers and are left to the text rules.
func (st *reviewState) hesitations(r *RuleSpec) {
	a := st.input.Audio
	if a == nil || (!st.timed && !st.audioOnly()) {
		return
	}
	for _, h := range a.Hesitations {
		dup := false
		for _, f := range st.rep.Findings {
			if f.HasTime && (f.Rule == "voiced-gap" || f.Rule == "filler") &&
				math.Min(f.TimeEnd, h.End)-math.Max(f.TimeStart, h.Start) > -0.05 {
				dup = true
				break
			}
		}
		if dup {
			continue
		}
		st.add(st.gapFinding(r, gap{h.Start, h.End}, r.Message+" ("+secs(h.End-h.Start)+")"))
		st.rep.Metrics.LikelyHesitations++
	}
}
