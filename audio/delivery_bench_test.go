package audio

import (
	"testing"
	"time"

	"github.com/rehearse-app/rehearse/internal/testkit"
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
	cpu0, n := testkit.CPUTime(), 0
	for b.Loop() {
		d = AnalyzeDelivery(pcm, DeliveryOptions{})
		n++
	}
	b.StopTimer()
	// ns/op is the wall time (the band filter runs on a second core);
	// cpu-ns/op is what the analysis costs in all
	b.ReportMetric(float64((testkit.CPUTime()-cpu0).Nanoseconds())/float64(n), "cpu-ns/op")
	if d.Duration != 10*time.Minute || d.WPM == 0 {
		b.Fatalf("duration %v, wpm %.1f", d.Duration, d.WPM)
	}
	b.ReportMetric(float64(len(d.Syllables)), "syllables")
}
