package audio

import (
	"math"
	"slices"
	"time"
)

// DefaultSyllablesPerWord is the ratio that turns syllables into words.
// 1.35 is the syllables per word of the interview answers in
// review/testdata/corpus2 (535 answers, 55,000 words, counted by vowel
// groups): what candidates say, not what the audio evidence's sentences
// happen to hold (1.22 and 1.26 for the espeak-ng texts, 1.13–1.63 for the
// LibriVox lines). A text denser or lighter than that moves the estimate by
// the same proportion; the detector's own error is in its syllable count.
const DefaultSyllablesPerWord = 1.35

// DeliveryOptions tunes AnalyzeDelivery. Zero values pick the defaults.
type DeliveryOptions struct {
	// MinPause is the shortest silence inside speech that counts as a
	// pause (default 300 ms).
	MinPause time.Duration
	// LongPause is the length from which a pause is not speaking time
	// (default 2 s), as the transcript-based pace does.
	LongPause time.Duration
	// SyllablesPerWord turns syllables into words (default
	// DefaultSyllablesPerWord).
	SyllablesPerWord float64
	// PaceWindow is the length of each step of the pace series (default 5 s).
	PaceWindow time.Duration
	// PaceSpan is the stretch, centred on each step, whose syllables and
	// speaking time give the step's rate (default 10 s, the live meter's
	// window). Over a 5 s step alone the estimate strays about a quarter
	// more from the words spoken: on the dev radio interview (see
	// TestCalibrateInterview) the mean error per step is 22% over 5 s,
	// 18% over 10 s, 13% over 20 s, a part of it that speech's longer words.
	PaceSpan time.Duration
}

func (o DeliveryOptions) withDefaults() DeliveryOptions {
	if o.MinPause <= 0 {
		o.MinPause = 300 * time.Millisecond
	}
	if o.LongPause <= 0 {
		o.LongPause = 2 * time.Second
	}
	if o.SyllablesPerWord <= 0 {
		o.SyllablesPerWord = DefaultSyllablesPerWord
	}
	if o.PaceWindow <= 0 {
		o.PaceWindow = 5 * time.Second
	}
	if o.PaceSpan <= 0 {
		o.PaceSpan = 10 * time.Second
	}
	o.PaceSpan = max(o.PaceSpan, o.PaceWindow)
	return o
}

// Delivery is what the recording alone says about how an answer was
// spoken: its rate, pauses and likely voiced hesitations.
type Delivery struct {
	// Duration is the length of the recording.
	Duration time.Duration
	// Speech runs from the first to the last sound of speech; it is zero
	// when the recording holds no speech.
	Speech Span
	// LeadingSilence is the silence before the first speech (Speech.Start).
	LeadingSilence time.Duration
	// SpeakingTime is Speech's length less the pauses of at least
	// LongPause.
	SpeakingTime time.Duration
	// Syllables are the times of the syllable nuclei found.
	Syllables []time.Duration
	// SyllablesPerSecond is len(Syllables) over SpeakingTime.
	SyllablesPerSecond float64
	// WPM is the estimated rate in words per minute of speaking time.
	WPM float64
	// Pauses are the silences of at least MinPause inside Speech.
	Pauses []Span
	// LongestPause and SilentTime are the longest and total of Pauses.
	LongestPause, SilentTime time.Duration
	// Hesitations are likely voiced hesitations ("uhh", "umm").
	Hesitations []Hesitation
	// Pace is the estimated rate over consecutive windows.
	Pace []PacePoint
}

// Hesitation is a sustained voiced sound with flat pitch and a steady
// spectrum: likely a filled pause.
type Hesitation struct {
	Span
	// PitchHz is its median pitch.
	PitchHz float64
}

// PacePoint is the estimated rate at one step of the recording, measured
// over DeliveryOptions.PaceSpan centred on it; WPM is 0 when the step itself
// holds less than a second of speaking time.
type PacePoint struct {
	Span
	WPM float64
}

// AnalyzeDelivery measures the delivery of a spoken answer from its
// recording alone: speech rate from syllable nuclei (in the manner of de
// Jong & Wempe 2009), pauses, and likely voiced hesitations.
func AnalyzeDelivery(pcm *PCM, opt DeliveryOptions) *Delivery {
	opt = opt.withDefaults()
	d := &Delivery{}
	if pcm == nil || pcm.Rate <= 0 || len(pcm.Samples) == 0 {
		return d
	}
	x := pcm.Mono().Samples
	d.Duration = time.Duration(float64(len(x)) / float64(pcm.Rate) * float64(time.Second))
	f := newFrames(x, pcm.Rate)
	defer func() { <-f.sylReady }() // the band filter reads x: done before the caller reuses it
	spans := VoiceActivity(f.rms, deliveryHop, VADOptions{MinSilence: opt.MinPause})
	if len(spans) == 0 {
		return d
	}
	d.Speech = Span{spans[0].Start, spans[len(spans)-1].End}
	d.LeadingSilence = d.Speech.Start
	d.SpeakingTime = d.Speech.End - d.Speech.Start
	for i := 1; i < len(spans); i++ {
		p := Span{spans[i-1].End, spans[i].Start}
		l := p.End - p.Start
		d.Pauses = append(d.Pauses, p)
		d.SilentTime += l
		d.LongestPause = max(d.LongestPause, l)
		if l >= opt.LongPause {
			d.SpeakingTime -= l
		}
	}
	pt := newPitchTrack(x, pcm.Rate)
	d.Syllables = syllableNuclei(f, pt, spans)
	if s := d.SpeakingTime.Seconds(); s > 0 {
		d.SyllablesPerSecond = float64(len(d.Syllables)) / s
		d.WPM = round1(d.SyllablesPerSecond * 60 / opt.SyllablesPerWord)
	}
	d.Hesitations = hesitations(f, pt, spans)
	d.Pace = paceSeries(d, opt)
	return d
}

func round1(x float64) float64 { return math.Round(x*10) / 10 }

// speakingIn is the speaking time inside w: the speech less the pauses of
// at least longPause, as SpeakingTime counts it for the whole recording.
func (d *Delivery) speakingIn(w Span, longPause time.Duration) time.Duration {
	t := overlap(w, d.Speech)
	for _, p := range d.Pauses {
		if p.End-p.Start >= longPause {
			t -= overlap(w, p)
		}
	}
	return t
}

// paceSeries estimates the rate at consecutive steps of the speech, each
// over the span centred on it.
func paceSeries(d *Delivery, opt DeliveryOptions) []PacePoint {
	var out []PacePoint
	lo, hi := 0, 0 // the syllables inside the current span: d.Syllables[lo:hi]
	margin := (opt.PaceSpan - opt.PaceWindow) / 2
	for a := time.Duration(0); a < d.Duration; a += opt.PaceWindow {
		w := Span{a, min(a+opt.PaceWindow, d.Duration)}
		span := Span{max(w.Start-margin, 0), min(w.End+margin, d.Duration)}
		for lo < len(d.Syllables) && d.Syllables[lo] < span.Start {
			lo++
		}
		for hi < len(d.Syllables) && d.Syllables[hi] < span.End {
			hi++
		}
		p := PacePoint{Span: w}
		if d.speakingIn(w, opt.LongPause) >= time.Second {
			p.WPM = round1(float64(hi-lo) / d.speakingIn(span, opt.LongPause).Seconds() * 60 / opt.SyllablesPerWord)
		}
		out = append(out, p)
	}
	return out
}

func overlap(a, b Span) time.Duration {
	return max(0, min(a.End, b.End)-max(a.Start, b.Start))
}

// percentile returns the q-quantile (0..1) of xs without changing it.
func percentile(xs []float64, q float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[min(int(q*float64(len(s))), len(s)-1)]
}
