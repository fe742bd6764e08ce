package audio

import (
	"math"
	"testing"
	"time"
)

// burst is a synthetic syllable: a 120 Hz buzz under a raised-cosine
// envelope of length d seconds.
func burst(rate int, d float64) []int16 {
	n := int(d * float64(rate))
	out := make([]int16, n)
	for i := range out {
		env := 0.5 - 0.5*math.Cos(2*math.Pi*float64(i)/float64(n))
		out[i] = int16(20000 * env * harmonic(120+10*float64(i)/float64(n), float64(i)/float64(rate)))
	}
	return out
}

// TestAnalyzeDeliverySynthetic: trains of synthetic syllables (no external
// tools) with placed silences: the syllables, pauses, leading silence,
// speaking time and pace series come out as placed.
func TestAnalyzeDeliverySynthetic(t *testing.T) {
	const rate = 16000
	cases := []struct {
		name      string
		lead      float64
		groups    []int     // syllables per group
		gaps      []float64 // silence after each group but the last
		pauses    int
		long      int // pauses of at least 2 s
		syllables int
	}{
		{"one run", 0.5, []int{12}, nil, 0, 0, 12},
		{"short pauses", 1.0, []int{6, 6, 6}, []float64{0.5, 0.8}, 2, 0, 18},
		{"a long pause", 0.2, []int{8, 8}, []float64{2.5}, 1, 1, 16},
		{"long lead", 4.0, []int{10}, nil, 0, 0, 10},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := silence(rate, c.lead)
			for gi, n := range c.groups {
				for k := 0; k < n; k++ {
					s = append(s, burst(rate, 0.16)...)
					s = append(s, silence(rate, 0.06)...)
				}
				if gi < len(c.gaps) {
					s = append(s, silence(rate, c.gaps[gi])...)
				}
			}
			s = append(s, silence(rate, 0.5)...)
			d := AnalyzeDelivery(&PCM{Rate: rate, Channels: 1, Samples: s}, DeliveryOptions{})
			if len(d.Syllables) != c.syllables {
				t.Errorf("syllables %d, want %d", len(d.Syllables), c.syllables)
			}
			if len(d.Pauses) != c.pauses {
				t.Errorf("pauses %v, want %d", d.Pauses, c.pauses)
			}
			if lead := d.LeadingSilence.Seconds(); math.Abs(lead-c.lead) > 0.05 {
				t.Errorf("leading silence %.2f s, want %.2f", lead, c.lead)
			}
			var long time.Duration
			nLong := 0
			for _, p := range d.Pauses {
				if p.End-p.Start >= 2*time.Second {
					long += p.End - p.Start
					nLong++
				}
			}
			if nLong != c.long || d.SpeakingTime != d.Speech.End-d.Speech.Start-long {
				t.Errorf("long pauses %d (want %d), speaking %v of speech %v", nLong, c.long, d.SpeakingTime, d.Speech)
			}
			if len(d.Hesitations) != 0 {
				t.Errorf("hesitations in syllable trains: %v", d.Hesitations)
			}
			if len(d.Pace) != int(math.Ceil(d.Duration.Seconds()/5)) {
				t.Errorf("pace points %d for %v", len(d.Pace), d.Duration)
			}
		})
	}
}

func TestAnalyzeDeliveryEmpty(t *testing.T) {
	for _, pcm := range []*PCM{nil, {Rate: 16000, Channels: 1}, {Rate: 16000, Channels: 1, Samples: make([]int16, 16000)}} {
		d := AnalyzeDelivery(pcm, DeliveryOptions{})
		if d.WPM != 0 || len(d.Syllables) != 0 || len(d.Pauses) != 0 {
			t.Errorf("silence or nothing gave %+v", d)
		}
	}
}

// TestHesitationNotInLibriVox: real read speech holds no flagged hesitation.
func TestHesitationNotInLibriVox(t *testing.T) {
	for path := range librivox(t) {
		pcm, err := ReadWAV(path)
		if err != nil {
			t.Fatal(err)
		}
		if h := AnalyzeDelivery(pcm, DeliveryOptions{}).Hesitations; len(h) > 0 {
			t.Errorf("%s: %d hesitations flagged in read speech: %v", path, len(h), h)
		}
	}
}

// TestSyllablesAtAnySampleRate: the same speech at telephone, take and CD
// rates gives the same syllable count within one; at 3 kHz, below the
// syllable band's upper edge, within 10% (the band's filters stay below
// Nyquist there).
func TestSyllablesAtAnySampleRate(t *testing.T) {
	needTools(t, "espeak-ng")
	src := espeak(t, "en-us", 160, heldText)
	want := len(AnalyzeDelivery(src, DeliveryOptions{}).Syllables)
	if want < 40 {
		t.Fatalf("%d syllables at %d Hz; want about %d", want, src.Rate, heldSyllables)
	}
	for _, rate := range []int{3000, 8000, 16000, 44100} {
		p, err := ResamplePCM(src, rate)
		if err != nil {
			t.Fatal(err)
		}
		d := AnalyzeDelivery(p, DeliveryOptions{})
		tol := 1
		if rate < 2*int(sylBand[1]) {
			tol = want / 10
		}
		if got := len(d.Syllables); got < want-tol || got > want+tol {
			t.Errorf("%d Hz: %d syllables; at %d Hz %d", rate, got, src.Rate, want)
		}
		if math.IsNaN(d.WPM) || d.WPM <= 0 {
			t.Errorf("%d Hz: estimated %v wpm", rate, d.WPM)
		}
	}
}

// TestFrameBounds: frames tile the samples without gaps or empty frames at
// rates with a fractional number of samples per 10 ms.
func TestFrameBounds(t *testing.T) {
	for _, rate := range []int{8000, 11025, 16000, 22050, 44100, 3001} {
		for _, n := range []int{0, 1, 79, 220, 221, 222, 22050, 100003} {
			fr := frameBounds{rate: rate, n: n}
			next := 0
			for i := range fr.count() {
				a, b := fr.at(i)
				if a != next || b <= a || b > n {
					t.Fatalf("rate %d, %d samples: frame %d is [%d,%d), want it to start at %d and hold a sample", rate, n, i, a, b, next)
				}
				next = b
			}
			if next != n {
				t.Errorf("rate %d, %d samples: frames end at %d", rate, n, next)
			}
		}
	}
}

// TestPaceSeriesSpan: each step's rate counts the syllables and speaking
// time of the span centred on it, clipped to the recording; with a span as
// long as the step, of the step alone.
func TestPaceSeriesSpan(t *testing.T) {
	s := time.Second
	d := &Delivery{Duration: 20 * s, Speech: Span{0, 20 * s}}
	for at := time.Duration(0); at < 10*s; at += s / 4 { // 4 a second, then 2
		d.Syllables = append(d.Syllables, at)
	}
	for at := 10 * s; at < 20*s; at += s / 2 {
		d.Syllables = append(d.Syllables, at)
	}
	perMin := func(syl, sec float64) float64 { return round1(syl / sec * 60 / DefaultSyllablesPerWord) }
	for _, c := range []struct {
		span time.Duration
		want []float64
	}{
		{10 * s, []float64{perMin(30, 7.5), perMin(35, 10), perMin(25, 10), perMin(15, 7.5)}},
		{5 * s, []float64{perMin(20, 5), perMin(20, 5), perMin(10, 5), perMin(10, 5)}},
	} {
		got := paceSeries(d, DeliveryOptions{PaceSpan: c.span}.withDefaults())
		if len(got) != len(c.want) {
			t.Fatalf("span %v: %d steps, want %d", c.span, len(got), len(c.want))
		}
		for i, p := range got {
			if p.WPM != c.want[i] || p.Start != time.Duration(i)*5*s {
				t.Errorf("span %v, step %d: %v at %v, want %v", c.span, i, p.WPM, p.Start, c.want[i])
			}
		}
	}
}
