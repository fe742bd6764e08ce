package audio

import (
	"testing"
	"time"
)

// BenchmarkAnalyzeDelivery analyses a 10-minute take: espeak-ng speech
// (22.05 kHz) with pauses, repeated, plus white noise at 20 dB SNR.
func BenchmarkAnalyzeDelivery(b *testing.B) {
	needTools(b, "espeak-ng")
	p := espeak(b, "en-us", 160, devText+" "+heldText)
	var s []int16
	for len(s) < 600*p.Rate {
		s = append(s, p.Samples...)
		s = append(s, silence(p.Rate, 2.5)...)
	}
	pcm := withNoise(&PCM{Rate: p.Rate, Channels: 1, Samples: s[:600*p.Rate]}, 20, 1)
	b.ReportAllocs()
	b.ResetTimer()
	var d *Delivery
	for b.Loop() {
		d = AnalyzeDelivery(pcm, DeliveryOptions{})
	}
	b.StopTimer()
	if d.Duration != 10*time.Minute || d.WPM == 0 {
		b.Fatalf("duration %v, wpm %.1f", d.Duration, d.WPM)
	}
	b.ReportMetric(float64(len(d.Syllables)), "syllables")
}
