package audio

import (
	"math"
	"slices"
	"time"
)

// Envelope is the RMS amplitude (0..1) of pcm, mixed to mono, over
// consecutive windows of length hop: element i covers [i*hop, (i+1)*hop).
// A final partial window is included.
func Envelope(pcm *PCM, hop time.Duration) []float32 {
	if pcm == nil || pcm.Rate <= 0 || pcm.Channels <= 0 || hop <= 0 {
		return nil
	}
	n := int(int64(hop) * int64(pcm.Rate) / int64(time.Second))
	if n < 1 {
		n = 1
	}
	ch := pcm.Channels
	frames := len(pcm.Samples) / ch
	out := make([]float32, 0, (frames+n-1)/n)
	for start := 0; start < frames; start += n {
		end := min(start+n, frames)
		var sum float64
		for i := start; i < end; i++ {
			v := 0
			for c := 0; c < ch; c++ {
				v += int(pcm.Samples[i*ch+c])
			}
			x := float64(v) / float64(ch)
			sum += x * x
		}
		out = append(out, float32(math.Sqrt(sum/float64(end-start))/32768))
	}
	return out
}

// NoiseFloor estimates the background level of an envelope: its 10th
// percentile, which in a spoken answer falls in the pauses between words.
func NoiseFloor(rms []float32) float32 {
	if len(rms) == 0 {
		return 0
	}
	s := slices.Clone(rms)
	slices.Sort(s)
	return s[len(s)/10]
}

// Span is a stretch of a recording.
type Span struct {
	Start, End time.Duration
}

// VADOptions tunes VoiceActivity. Zero values pick the defaults.
type VADOptions struct {
	// Threshold is the RMS above which a window is voiced; 0 means
	// automatic: 3 times the noise floor (12 dB over it) and at least
	// 0.005 (-46 dBFS), so digital silence is never speech.
	Threshold float32
	// MinSilence is the shortest gap that splits speech (default 200 ms);
	// shorter gaps are bridged.
	MinSilence time.Duration
	// MinSpeech is the shortest span kept (default 60 ms); shorter bursts
	// (clicks) are dropped.
	MinSpeech time.Duration
}

// VoiceActivity finds the spans of speech in an envelope made with the given
// hop.
func VoiceActivity(rms []float32, hop time.Duration, opt VADOptions) []Span {
	if len(rms) == 0 || hop <= 0 {
		return nil
	}
	th := opt.Threshold
	if th <= 0 {
		th = max(3*NoiseFloor(rms), 0.005)
	}
	minSil := opt.MinSilence
	if minSil <= 0 {
		minSil = 200 * time.Millisecond
	}
	minSp := opt.MinSpeech
	if minSp <= 0 {
		minSp = 60 * time.Millisecond
	}
	var raw []Span
	start := -1
	for i, v := range rms {
		if v >= th && start < 0 {
			start = i
		} else if v < th && start >= 0 {
			raw = append(raw, Span{time.Duration(start) * hop, time.Duration(i) * hop})
			start = -1
		}
	}
	if start >= 0 {
		raw = append(raw, Span{time.Duration(start) * hop, time.Duration(len(rms)) * hop})
	}
	var out []Span
	for _, s := range raw {
		if n := len(out); n > 0 && s.Start-out[n-1].End < minSil {
			out[n-1].End = s.End
			continue
		}
		out = append(out, s)
	}
	kept := out[:0]
	for _, s := range out {
		if s.End-s.Start >= minSp {
			kept = append(kept, s)
		}
	}
	return kept
}
