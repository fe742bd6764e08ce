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
