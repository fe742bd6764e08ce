package audio

import (
	"math"
	"slices"
	"time"
)

// Likely voiced hesitations ("uhh", "umm"): stretches of 250–1200 ms whose
// spectrum stays steady (a held vowel or nasal, not the changing formants of
// words), which are voiced throughout with a flat pitch.
const (
	hesMin = 250 * time.Millisecond
	hesMax = 1200 * time.Millisecond
	// hesPart is the shortest steady stretch that can be half of an "umm".
	hesPart = 100 * time.Millisecond
	// hesBrightTol is how far a frame's spectral-centroid proxy (log of
	// differenced over plain energy) may stray from the stretch's mean.
	hesBrightTol = 0.18
	// hesLevelTol is how far (dB) a frame's intensity may stray.
	hesLevelTol = 6.0
	// hesPitchSD is the largest pitch spread (semitones) of a hesitation.
	hesPitchSD = 0.5
	// hesVoiced is the share of pitch frames that must be voiced.
	hesVoiced = 0.8
)

// hesitations finds likely voiced hesitations inside spans.
func hesitations(f *frames, pt *pitchTrack, spans []Span) []Hesitation {
	var out []Hesitation
	minN := int(hesMin / deliveryHop)
	partN := int(hesPart / deliveryHop)
	maxN := int(hesMax / deliveryHop)
	for _, s := range spans {
		a := int(s.Start / deliveryHop)
		b := min(int(s.End/deliveryHop), len(f.db))
		peak := -1e9
		for i := a; i < b; i++ {
			peak = max(peak, f.db[i])
		}
		loud := peak - 20 // the stretch must be part of the speech, not its tail
		// steady stretches of at least hesPart, each grown greedily
		var parts [][2]int
		for i := a; i < b; {
			if f.db[i] < loud {
				i++
				continue
			}
			var sb, sl float64
			j := i
			for ; j < b; j++ {
				n := float64(j - i)
				if j > i && (math.Abs(f.bright[j]-sb/n) > hesBrightTol || math.Abs(f.db[j]-sl/n) > hesLevelTol || f.db[j] < loud) {
					break
				}
				sb += f.bright[j]
				sl += f.db[j]
			}
			if j-i >= partN {
				parts = append(parts, [2]int{i, j})
				i = j
				continue
			}
			i++
		}
		// a hesitation is one steady stretch, or two adjacent ones (the
		// vowel and nasal of "umm"), 250–1200 ms long, voiced with a flat pitch
		for k := 0; k < len(parts); k++ {
			i, j := parts[k][0], parts[k][1]
			two := k+1 < len(parts) && parts[k+1][0]-j <= 2
			if two {
				if n := parts[k+1][1] - i; n >= minN && n <= maxN {
					if hz, ok := flatPitch(pt, f, i, parts[k+1][1]); ok {
						out = appendHes(out, Hesitation{Span{f.at(i), f.at(parts[k+1][1])}, hz})
						k++
						continue
					}
				}
			}
			if n := j - i; n >= minN && n <= maxN {
				if hz, ok := flatPitch(pt, f, i, j); ok {
					out = appendHes(out, Hesitation{Span{f.at(i), f.at(j)}, hz})
				}
			}
		}
	}
	return out
}

// appendHes appends h, joining it to the last one when they are at most
// 100 ms apart.
func appendHes(out []Hesitation, h Hesitation) []Hesitation {
	if k := len(out); k > 0 && h.Start-out[k-1].End <= 100*time.Millisecond {
		out[k-1].End = h.End
		return out
	}
	return append(out, h)
}

// flatPitch says whether frames [a, b) are voiced throughout with a flat
// pitch, and returns the median pitch. Pitch is taken every 20 ms, 30 ms in
// from each edge; a reading an octave off the median counts in its octave.
func flatPitch(pt *pitchTrack, f *frames, a, b int) (float64, bool) {
	var st []float64
	n := 0
	for i := a + 3; i < b-3; i += 2 {
		n++
		if f0, _ := pt.at((float64(i) + 0.5) * f.hop); f0 > 0 {
			st = append(st, 12*math.Log2(f0))
		}
	}
	if n == 0 || float64(len(st)) < hesVoiced*float64(n) {
		return 0, false
	}
	// fold octave errors (a period doubled or halved at a vowel-to-nasal
	// joint is the autocorrelation's classic slip) into the median's octave
	med := slices.Clone(st)
	slices.Sort(med)
	mid := med[len(med)/2]
	for i, x := range st {
		st[i] = x - 12*math.Round((x-mid)/12)
	}
	var m, v float64
	for _, x := range st {
		m += x
	}
	m /= float64(len(st))
	for _, x := range st {
		v += (x - m) * (x - m)
	}
	if math.Sqrt(v/float64(len(st))) > hesPitchSD {
		return 0, false
	}
	slices.Sort(st)
	return math.Pow(2, st[len(st)/2]/12), true
}
