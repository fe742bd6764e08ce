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

// PacePoint is the estimated rate over one window of the recording; WPM is
// 0 when the window holds less than a second of speaking time.
type PacePoint struct {
	Span
	WPM float64
}

// hop is the frame step of the delivery analysis.
const deliveryHop = 10 * time.Millisecond

// frames holds the per-hop features the delivery analysis shares.
type frames struct {
	hop    float64   // seconds
	ms     []float64 // mean square per frame
	db     []float64 // smoothed intensity, dB
	bright []float64 // log of differenced energy over energy: a spectral-centroid proxy
	rms    []float32 // RMS per frame (for VoiceActivity)
	syl    []float64 // smoothed intensity of the vowel band, dB (syllable nuclei)
}

func newFrames(x []int16, rate int) *frames {
	fr := frameBounds{rate: rate, n: len(x)}
	nf := fr.count()
	f := &frames{hop: deliveryHop.Seconds(), ms: make([]float64, nf), db: make([]float64, nf),
		bright: make([]float64, nf), rms: make([]float32, nf)}
	for i := range nf {
		a, b := fr.at(i)
		var e, d float64
		prev := float64(x[max(a-1, 0)]) / 32768
		for _, v := range x[a:b] {
			fv := float64(v) / 32768
			e += fv * fv
			d += (fv - prev) * (fv - prev)
			prev = fv
		}
		f.ms[i] = e / float64(b-a)
		f.rms[i] = float32(math.Sqrt(f.ms[i]))
		f.bright[i] = math.Log((d + 1e-12) / (e + 1e-12))
	}
	src := f.ms
	// 30 ms smoothing before taking dB, so that one syllable gives one
	// peak (chosen on the dev set among 10–50 ms windows).
	w := smoothW
	for i := range nf {
		var s, ws float64
		for k, wk := range w {
			j := i + k - len(w)/2
			if j >= 0 && j < nf {
				s += wk * src[j]
				ws += wk
			}
		}
		f.db[i] = 10 * math.Log10(s/ws+1e-10)
	}
	f.syl = bandContour(x, fr)
	return f
}

// sylBand is the band (Hz) whose intensity carries the syllable nuclei:
// vowels' first formants and the low second ones. Low-frequency voicing
// (nasals, voiced consonants) and high-frequency frication fill the dips
// between syllables in the whole-band contour, or add peaks of their own.
// Chosen on the dev half of the speech-rate evidence among a handful of
// bands by the detected syllable count against a hand count
// (audio/speechrate_test.go); the whole band counted 10–34% too many on
// espeak-ng, 300–2000 Hz within 5%.
var sylBand = [2]float64{300, 2000}

// bandContour is the smoothed dB intensity per frame of x band-passed to
// sylBand (two second-order Butterworth sections each side).
// The low-pass edge stays below 45% of the sample rate (a recording at
// 3 kHz keeps 300–1350 Hz); a filter is left out when its edge would not be.
func bandContour(x []int16, fr frameBounds) []float64 {
	fs := float64(fr.rate)
	nf := fr.count()
	pass := &biquad{b0: 1}
	hp, hp2, lp, lp2 := pass, pass, pass, pass
	if lo := sylBand[0]; lo < 0.45*fs {
		hp, hp2 = newBiquadHP(lo, fs), newBiquadHP(lo, fs)
	}
	if hi := min(sylBand[1], 0.45*fs); hi > sylBand[0] {
		lp, lp2 = newBiquadLP(hi, fs), newBiquadLP(hi, fs)
	}
	ms := make([]float64, nf)
	for i := range nf {
		a, b := fr.at(i)
		var e float64
		for _, v := range x[a:b] {
			y := lp2.step(lp.step(hp2.step(hp.step(float64(v) / 32768))))
			e += y * y
		}
		ms[i] = e / float64(b-a)
	}
	out := make([]float64, nf)
	for i := range nf {
		var s, ws float64
		for k, wk := range smoothW {
			j := i + k - len(smoothW)/2
			if j >= 0 && j < nf {
				s += wk * ms[j]
				ws += wk
			}
		}
		out[i] = 10 * math.Log10(s/ws+1e-10)
	}
	return out
}

type biquad struct{ b0, b1, b2, a1, a2, z1, z2 float64 }

func (q *biquad) step(x float64) float64 {
	y := q.b0*x + q.z1
	q.z1 = q.b1*x - q.a1*y + q.z2
	q.z2 = q.b2*x - q.a2*y
	return y
}

func newBiquadLP(fc, fs float64) *biquad {
	w := 2 * math.Pi * fc / fs
	al := math.Sin(w) / math.Sqrt2 // Q = 1/√2
	c := math.Cos(w)
	a0 := 1 + al
	return &biquad{b0: (1 - c) / 2 / a0, b1: (1 - c) / a0, b2: (1 - c) / 2 / a0, a1: -2 * c / a0, a2: (1 - al) / a0}
}

func newBiquadHP(fc, fs float64) *biquad {
	w := 2 * math.Pi * fc / fs
	al := math.Sin(w) / math.Sqrt2 // Q = 1/√2
	c := math.Cos(w)
	a0 := 1 + al
	return &biquad{b0: (1 + c) / 2 / a0, b1: -(1 + c) / a0, b2: (1 + c) / 2 / a0, a1: -2 * c / a0, a2: (1 - al) / a0}
}

// frameBounds cuts n samples at rate into deliveryHop frames whose
// boundaries fall on the nearest sample to each 10 ms mark, so frame i
// starts at i × 10 ms at any rate (22,050 Hz has 220.5 samples per frame:
// whole frames of 220 would drift 37 ms behind over 16 s).
type frameBounds struct{ rate, n int }

// perSecond is the number of frames in a second.
const perSecond = int(time.Second / deliveryHop)

func (fr frameBounds) start(i int) int { return min((i*fr.rate+perSecond/2)/perSecond, fr.n) }

// count is the number of frames that hold a sample, the last one
// possibly short.
func (fr frameBounds) count() int {
	c := (fr.n*perSecond + fr.rate - 1) / fr.rate
	for c > 0 && fr.start(c-1) >= fr.n {
		c--
	}
	return c
}

// at returns the sample range of frame i < count(): never empty.
func (fr frameBounds) at(i int) (a, b int) {
	a = fr.start(i)
	return a, min(max(fr.start(i+1), a+1), fr.n)
}

func (f *frames) at(i int) time.Duration { return time.Duration(i) * deliveryHop }

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
	spans := VoiceActivity(f.rms, deliveryHop, VADOptions{MinSilence: opt.MinPause})
	if len(spans) == 0 {
		return d
	}
	d.Speech = Span{spans[0].Start, spans[len(spans)-1].End}
	d.LeadingSilence = d.Speech.Start
	d.SpeakingTime = d.Speech.End - d.Speech.Start
	var long []Span
	for i := 1; i < len(spans); i++ {
		p := Span{spans[i-1].End, spans[i].Start}
		l := p.End - p.Start
		d.Pauses = append(d.Pauses, p)
		d.SilentTime += l
		d.LongestPause = max(d.LongestPause, l)
		if l >= opt.LongPause {
			d.SpeakingTime -= l
			long = append(long, p)
		}
	}
	pt := newPitchTrack(x, pcm.Rate)
	d.Syllables = syllableNuclei(f, pt, spans)
	if s := d.SpeakingTime.Seconds(); s > 0 {
		d.SyllablesPerSecond = float64(len(d.Syllables)) / s
		d.WPM = round1(d.SyllablesPerSecond * 60 / opt.SyllablesPerWord)
	}
	d.Hesitations = hesitations(f, pt, spans)
	d.Pace = paceSeries(d, long, opt)
	return d
}

func round1(x float64) float64 { return math.Round(x*10) / 10 }

// paceSeries estimates the rate over consecutive windows of the speech.
func paceSeries(d *Delivery, long []Span, opt DeliveryOptions) []PacePoint {
	var out []PacePoint
	k := 0
	for a := time.Duration(0); a < d.Duration; a += opt.PaceWindow {
		w := Span{a, min(a+opt.PaceWindow, d.Duration)}
		speak := overlap(w, d.Speech)
		for _, p := range long {
			speak -= overlap(w, p)
		}
		n := 0
		for k < len(d.Syllables) && d.Syllables[k] < w.End {
			if d.Syllables[k] >= w.Start {
				n++
			}
			k++
		}
		p := PacePoint{Span: w}
		if speak >= time.Second {
			p.WPM = round1(float64(n) / speak.Seconds() * 60 / opt.SyllablesPerWord)
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

// smoothW is the smoothing of the intensity contour, in 10 ms frames.
var smoothW = []float64{1, 1, 1}
