package review

import (
	"encoding/json"
	"math"
)

// Input is what one review looks at. Question and Envelope may be nil.
type Input struct {
	Transcript *Transcript
	Question   *Question
	Envelope   *Envelope
	// Audio is the delivery measured from the recording, or nil. With no
	// words in the transcript the review is audio-only: delivery alone.
	Audio *AudioDelivery
}

// Report is the result of a review; its JSON form is the one DESIGN.md
// specifies, with compatible additions (score_reasons, pace, rates,
// reverse_questions and a few metrics).
type Report struct {
	Question      string            `json:"question"`
	Metrics       Metrics           `json:"metrics"`
	Findings      []Finding         `json:"findings"`
	TalkingPoints []TalkingPointHit `json:"talking_points"`
	Scores        Scores            `json:"scores"`
	ScoreReasons  ScoreReasons      `json:"score_reasons"`
	Pace          *PaceCheck        `json:"pace,omitempty"`
	Rates         []RuleRate        `json:"rates,omitempty"`
	Reverse       []AskedQuestion   `json:"reverse_questions,omitempty"`
	// Star is the STAR structure of a story, for questions whose rubric
	// asks for one.
	Star []StarHit `json:"star,omitempty"`
	// Rubric lists what the question's rubric assesses.
	Rubric []string `json:"rubric,omitempty"`
	// PaceSeries is the rate over time estimated from the recording.
	PaceSeries []PaceSample `json:"pace_series,omitempty"`
	Text       string       `json:"-"` // the text the spans point into
}

// MarshalJSON writes the report in DESIGN.md's shape; a score whose area
// the question's rubric does not assess is null ("not assessed").
func (r Report) MarshalJSON() ([]byte, error) {
	type plain Report
	score := func(v int, a AreaReasons) *int {
		if !a.Assessed {
			return nil
		}
		return &v
	}
	out := struct {
		plain
		Scores struct {
			Delivery  *int `json:"delivery"`
			Structure *int `json:"structure"`
			Agency    *int `json:"agency"`
			Content   *int `json:"content"`
		} `json:"scores"`
	}{plain: plain(r)}
	out.Scores.Delivery = score(r.Scores.Delivery, r.ScoreReasons.Delivery)
	out.Scores.Structure = score(r.Scores.Structure, r.ScoreReasons.Structure)
	out.Scores.Agency = score(r.Scores.Agency, r.ScoreReasons.Agency)
	out.Scores.Content = score(r.Scores.Content, r.ScoreReasons.Content)
	return json.Marshal(out)
}

// Metrics are the measured facts of an answer. Durations are in seconds.
type Metrics struct {
	Words              int     `json:"words"`
	DurationS          float64 `json:"duration_s"`
	SpeakingS          float64 `json:"speaking_s"`
	WPM                float64 `json:"wpm"`
	Fillers            int     `json:"fillers"`
	FillersPer100Words float64 `json:"fillers_per_100_words"`
	LongestPauseS      float64 `json:"longest_pause_s"`
	PausesOver2s       int     `json:"pauses_over_2s"`
	VoicedGaps         int     `json:"voiced_gaps"`
	Hedges             int     `json:"hedges"`
	HedgesPer100Words  float64 `json:"hedges_per_100_words"`
	// TargetS is the question's answer time; LengthPct the duration as a
	// percentage of it (0 when either is unknown).
	TargetS   int     `json:"target_s,omitempty"`
	LengthPct float64 `json:"length_pct_of_target,omitempty"`
	// From the recording (Input.Audio): the rate estimated from syllable
	// nuclei, the pauses inside the speech (count and total silent time),
	// the silence before the first sound, and likely voiced hesitations
	// not already counted as fillers or voiced gaps.
	WPMAudio float64 `json:"wpm_audio,omitempty"`
	// WPMAudioCalibratedFrom is how many of the speaker's transcribed
	// takes the estimate was calibrated on (0: not calibrated).
	WPMAudioCalibratedFrom int     `json:"wpm_audio_calibrated_from,omitempty"`
	Pauses                 int     `json:"pauses,omitempty"`
	SilentS                float64 `json:"silent_s,omitempty"`
	LeadingSilenceS        float64 `json:"leading_silence_s,omitempty"`
	LikelyHesitations      int     `json:"likely_hesitations,omitempty"`
	// InterviewerTurns is how many turns of the interviewer a transcript
	// of both sides held: left out, with the speakers' labels, so that
	// only the candidate's words are reviewed and counted.
	InterviewerTurns int `json:"interviewer_turns,omitempty"`
}

// Finding is one thing the reviewer flags (or praises, level "positive").
// Start/End are byte offsets into the transcript text (both 0 for a finding
// about the answer as a whole); times are in seconds, when known.
type Finding struct {
	Rule       string `json:"rule"`
	Level      string `json:"level"`
	Message    string `json:"message"`
	Suggestion string `json:"suggestion,omitempty"`
	Text       string `json:"text"`
	Start      int    `json:"start"`
	End        int    `json:"end"`
	// Ref names what an answer-level finding is about, e.g. the id of the
	// missing talking point.
	Ref       string  `json:"ref,omitempty"`
	TimeStart float64 `json:"-"`
	TimeEnd   float64 `json:"-"`
	HasTime   bool    `json:"-"`
}

// MarshalJSON writes time_start/time_end only when the finding has a time.
func (f Finding) MarshalJSON() ([]byte, error) {
	type plain Finding
	out := struct {
		plain
		TimeStart *float64 `json:"time_start,omitempty"`
		TimeEnd   *float64 `json:"time_end,omitempty"`
	}{plain: plain(f)}
	if f.HasTime {
		ts, te := round3(f.TimeStart), round3(f.TimeEnd)
		out.TimeStart, out.TimeEnd = &ts, &te
	}
	return json.Marshal(out)
}

// UnmarshalJSON reads a finding written by MarshalJSON.
func (f *Finding) UnmarshalJSON(data []byte) error {
	type plain Finding
	var in struct {
		plain
		TimeStart *float64 `json:"time_start"`
		TimeEnd   *float64 `json:"time_end"`
	}
	if err := json.Unmarshal(data, &in); err != nil {
		return err
	}
	*f = Finding(in.plain)
	if in.TimeStart != nil && in.TimeEnd != nil {
		f.TimeStart, f.TimeEnd, f.HasTime = *in.TimeStart, *in.TimeEnd, true
	}
	return nil
}

// TalkingPointHit says whether a talking point was covered, and where.
// Start/End span the evidence: the clause that covered it.
type TalkingPointHit struct {
	ID      string `json:"id"`
	Label   string `json:"label"`
	Covered bool   `json:"covered"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
	// Partial is set when the point has parts and only some are covered.
	Partial bool      `json:"partial,omitempty"`
	Parts   []PartHit `json:"parts,omitempty"`
	// Optional points count for nothing when missing.
	Optional bool `json:"optional,omitempty"`
}

// PartHit says whether one part of a talking point was covered, and where.
type PartHit struct {
	ID      string `json:"id"`
	Label   string `json:"label"`
	Covered bool   `json:"covered"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
}

// StarHit says whether one element of a STAR story is there, and where.
type StarHit struct {
	ID      string `json:"id"`
	Label   string `json:"label"`
	Present bool   `json:"present"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
}

// Scores are 0..100 per area; ScoreReasons says what moved each.
type Scores struct {
	Delivery  int `json:"delivery"`
	Structure int `json:"structure"`
	Agency    int `json:"agency"`
	Content   int `json:"content"`
}

// ScoreReasons explains each score.
type ScoreReasons struct {
	Delivery  AreaReasons `json:"delivery"`
	Structure AreaReasons `json:"structure"`
	Agency    AreaReasons `json:"agency"`
	Content   AreaReasons `json:"content"`
}

// AreaReasons explains one score: it starts at 100 and each reason moves it.
// Assessed is false when no rule of the area applied (e.g. content without
// a question); the score is then 100 and means nothing.
type AreaReasons struct {
	Assessed bool          `json:"assessed"`
	Reasons  []ScoreReason `json:"reasons"`
}

// ScoreReason is one rule's effect on a score: Count findings moved it by
// Points in total (after the rule's cap).
type ScoreReason struct {
	Rule   string `json:"rule"`
	Count  int    `json:"count"`
	Points int    `json:"points"`
}

// PaceCheck is the speaking rate against a stated comfortable range.
type PaceCheck struct {
	WPM    float64 `json:"wpm"`
	MinWPM float64 `json:"min_wpm"`
	MaxWPM float64 `json:"max_wpm"`
	Source string  `json:"source"` // where the range comes from
	Basis  string  `json:"basis"`  // what the speaking time was measured from
}

// RuleRate is how often an existence rule fired, per 100 words.
type RuleRate struct {
	Rule        string  `json:"rule"`
	Count       int     `json:"count"`
	Per100Words float64 `json:"per_100_words"`
}

// AskedQuestion is a question the candidate asked (a sentence ending in
// '?') and the reverse-interview themes it touches.
type AskedQuestion struct {
	Text   string   `json:"text"`
	Start  int      `json:"start"`
	End    int      `json:"end"`
	Themes []string `json:"themes"`
}

// Summary is the small part of a report the library's progress chart needs.
type Summary struct {
	Question  string  `json:"question"`
	Words     int     `json:"words"`
	DurationS float64 `json:"duration_s"`
	WPM       float64 `json:"wpm"`
	// WPMAudio is the rate estimated from the recording alone (0 when not
	// measured), so takes with no transcript still have a pace.
	WPMAudio           float64 `json:"wpm_audio,omitempty"`
	FillersPer100Words float64 `json:"fillers_per_100_words"`
	LongestPauseS      float64 `json:"longest_pause_s"`
	Scores             Scores  `json:"scores"`
	// Assessed says which scores mean something (see AreaReasons.Assessed).
	Assessed Assessed `json:"assessed"`
}

// Assessed says, per score area, whether any rule of the area applied.
type Assessed struct {
	Delivery  bool `json:"delivery"`
	Structure bool `json:"structure"`
	Agency    bool `json:"agency"`
	Content   bool `json:"content"`
}

// Summary returns the metrics and scores of the report.
func (r *Report) Summary() Summary {
	s := Summary{Question: r.Question, Words: r.Metrics.Words, DurationS: r.Metrics.DurationS,
		WPM: r.Metrics.WPM, WPMAudio: r.Metrics.WPMAudio, FillersPer100Words: r.Metrics.FillersPer100Words,
		LongestPauseS: r.Metrics.LongestPauseS, Scores: r.Scores}
	s.Assessed.Delivery = r.ScoreReasons.Delivery.Assessed
	s.Assessed.Structure = r.ScoreReasons.Structure.Assessed
	s.Assessed.Agency = r.ScoreReasons.Agency.Assessed
	s.Assessed.Content = r.ScoreReasons.Content.Assessed
	return s
}

func round1(x float64) float64 { return math.Round(x*10) / 10 }
func round3(x float64) float64 { return math.Round(x*1000) / 1000 }

// Span is a stretch of the transcript text to highlight: a finding's span
// (byte offsets), its rule id and level, the rule's human name, and the
// finding's index in Report.Findings.
type Span struct {
	Start   int    `json:"start"`
	End     int    `json:"end"`
	Rule    string `json:"rule"`
	Level   string `json:"level"`
	Title   string `json:"title"`
	Finding int    `json:"finding"`
}

// Spans returns the findings that point at words (not at the answer as a
// whole or at a gap), in the findings' order, for highlighting: the one
// place highlights are built from (report's exports pick from them).
// Titles come from RuleTitle.
func (r *Report) Spans() []Span {
	var out []Span
	for i, f := range r.Findings {
		if f.End > f.Start {
			out = append(out, Span{Start: f.Start, End: f.End, Rule: f.Rule, Level: f.Level, Title: RuleTitle(f.Rule), Finding: i})
		}
	}
	return out
}
