package audio

import (
	"fmt"
	"math"
	"testing"
	"time"
)

// sentences spoken between the placed pauses (no commas, so espeak-ng adds
// no pauses of its own).
var pauseSentences = []string{
	"We looked at the pipeline by channel",
	"Paid search brought the most revenue last quarter",
	"Events cost twice as much for each lead",
	"So we moved part of the budget to search",
	"And we kept a small test running on events",
	"The result was a lower cost for each deal",
}

// placed is a recording built from pieces, with the truth of where things are.
type placed struct {
	pcm   *PCM
	marks []Span
}

// buildPauses joins trimmed sentences with silences of the given lengths.
func buildPauses(t *testing.T, voice string, gaps []float64) placed {
	var out placed
	var rate int
	var s []int16
	for i, text := range pauseSentences[:len(gaps)+1] {
		p := trim(espeak(t, voice, 165, text))
		rate = p.Rate
		s = append(s, p.Samples...)
		if i < len(gaps) {
			a := time.Duration(float64(len(s)) / float64(rate) * float64(time.Second))
			s = append(s, silence(rate, gaps[i])...)
			b := time.Duration(float64(len(s)) / float64(rate) * float64(time.Second))
			out.marks = append(out.marks, Span{a, b})
		}
	}
	lead := silence(rate, 0.5)
	out.pcm = &PCM{Rate: rate, Channels: 1, Samples: append(append(lead, s...), silence(rate, 0.5)...)}
	for i := range out.marks {
		out.marks[i].Start += 500 * time.Millisecond
		out.marks[i].End += 500 * time.Millisecond
	}
	return out
}

// matchSpans counts found spans whose start and end are both within tol of
// a true span's (each true span matched once).
func matchSpans(truth, found []Span, tol time.Duration) int {
	used := make([]bool, len(truth))
	n := 0
	for _, f := range found {
		for i, tr := range truth {
			if !used[i] && absDur(f.Start-tr.Start) <= tol && absDur(f.End-tr.End) <= tol {
				used[i] = true
				n++
				break
			}
		}
	}
	return n
}

func absDur(d time.Duration) time.Duration { return max(d, -d) }

// TestPauseDetection: silences of known length placed between espeak-ng
// sentences, clean and with white noise at 20 dB SNR, found with F1 ≥ 0.95
// at ±100 ms (both ends).
func TestPauseDetection(t *testing.T) {
	needTools(t, "espeak-ng")
	layouts := [][]float64{
		{0.5, 1.0, 2.5, 0.8, 3.0},
		{0.4, 1.5, 0.6, 2.2, 1.2},
	}
	var tp, nTruth, nFound int
	var log string
	for _, voice := range []string{"en", "en-us", "en-gb-x-rp"} {
		for li, gaps := range layouts {
			pl := buildPauses(t, voice, gaps)
			for _, noisy := range []bool{false, true} {
				pcm := pl.pcm
				if noisy {
					pcm = withNoise(pcm, 20, int64(li))
				}
				d := AnalyzeDelivery(pcm, DeliveryOptions{})
				m := matchSpans(pl.marks, d.Pauses, 100*time.Millisecond)
				tp += m
				nTruth += len(pl.marks)
				nFound += len(d.Pauses)
				log += fmt.Sprintf("%-11s layout %d noisy=%-5v placed %d found %d matched %d\n", voice, li, noisy, len(pl.marks), len(d.Pauses), m)
				if m < len(pl.marks) || len(d.Pauses) != len(pl.marks) {
					log += fmt.Sprintf("  placed %v\n  found  %v\n", pl.marks, d.Pauses)
				}
			}
		}
	}
	p, r := float64(tp)/float64(max(nFound, 1)), float64(tp)/float64(max(nTruth, 1))
	f1 := 2 * p * r / math.Max(p+r, 1e-9)
	t.Logf("\n%spauses: precision %.3f recall %.3f F1 %.3f (±100 ms)", log, p, r, f1)
	if f1 < 0.95 {
		t.Errorf("pause F1 %.3f < 0.95", f1)
	}
}
