package audio

import (
	"fmt"
	"math"
)

// Resampler converts a mono stream of 16-bit samples from one rate to
// another with a Kaiser-windowed sinc filter (polyphase, exact for rational
// ratios with up to maxPhases phases, which covers every common device
// rate). Its low-pass sits at 0.92 of the lower Nyquist frequency with about
// 80 dB of stop-band attenuation, so nothing above the new Nyquist folds
// back. Output is aligned with input: sample k of the output is at time
// k/outRate. It does not allocate once its buffers have grown.
type Resampler struct {
	l, m    int64     // out/in = l/m, reduced
	phases  int64     // rows in the filter table
	half    int       // filter half-width in input samples
	table   []float32 // phases rows of 2*half taps
	hist    []float32 // pending input, hist[0] is input sample base
	base    int64     // index of hist[0] in the whole input
	nextOut int64     // index of the next output sample
	inSeen  int64     // input samples seen
}

const (
	maxPhases     = 4096
	zeroCrossings = 24
	kaiserBeta    = 8.6
	rolloff       = 0.92
)

// NewResampler returns a resampler from inRate to outRate (both in Hz).
func NewResampler(inRate, outRate int) (*Resampler, error) {
	if inRate <= 0 || outRate <= 0 {
		return nil, fmt.Errorf("resampler: rates %d -> %d Hz must be positive", inRate, outRate)
	}
	g := gcd(int64(inRate), int64(outRate))
	r := &Resampler{l: int64(outRate) / g, m: int64(inRate) / g}
	r.phases = r.l
	if r.phases > maxPhases {
		r.phases = maxPhases
	}
	// Cut-off in cycles per input sample.
	fc := 0.5 * rolloff
	if outRate < inRate {
		fc *= float64(outRate) / float64(inRate)
	}
	r.half = int(math.Ceil(zeroCrossings / (2 * fc)))
	taps := 2 * r.half
	r.table = make([]float32, int(r.phases)*taps)
	i0b := besselI0(kaiserBeta)
	for p := int64(0); p < r.phases; p++ {
		frac := float64(p) / float64(r.phases) // output time minus floor, in input samples
		row := r.table[int(p)*taps : int(p+1)*taps]
		sum := 0.0
		for j := 0; j < taps; j++ {
			// tap j weighs input sample floor(t) - half + 1 + j.
			x := frac - float64(j-r.half+1)
			w := 0.0
			if u := x / float64(r.half); u > -1 && u < 1 {
				w = besselI0(kaiserBeta*math.Sqrt(1-u*u)) / i0b
			}
			v := 2 * fc * sinc(2*fc*x) * w
			row[j] = float32(v)
			sum += v
		}
		if sum != 0 { // unity gain at DC for every phase
			for j := range row {
				row[j] = float32(float64(row[j]) / sum)
			}
		}
	}
	r.hist = make([]float32, r.half-1, 4096)
	r.base = -int64(r.half - 1)
	return r, nil
}

// MaxOut is the most output samples Process can produce for n input samples.
func (r *Resampler) MaxOut(n int) int { return int(int64(n)*r.l/r.m) + 2 }

// Process feeds in and appends every output sample that can be computed to
// out[:0], returning it. Give out a capacity of MaxOut(len(in)) to avoid
// allocation.
func (r *Resampler) Process(in []int16, out []int16) []int16 {
	for _, s := range in {
		r.hist = append(r.hist, float32(s))
	}
	r.inSeen += int64(len(in))
	return r.drain(out[:0], r.base+int64(len(r.hist)))
}

// Flush produces the remaining output, treating the input as followed by
// silence, so the total output is ceil(inputs*outRate/inRate) samples.
func (r *Resampler) Flush(out []int16) []int16 {
	want := (r.inSeen*r.l + r.m - 1) / r.m
	for i := 0; i < r.half+1; i++ {
		r.hist = append(r.hist, 0)
	}
	out = r.drain(out[:0], r.base+int64(len(r.hist)))
	if extra := r.nextOut - want; extra > 0 && int64(len(out)) >= extra {
		out = out[:int64(len(out))-extra]
		r.nextOut = want
	}
	return out
}

// drain computes outputs whose filter lies within inputs below avail.
func (r *Resampler) drain(out []int16, avail int64) []int16 {
	taps := 2 * r.half
	for {
		num := r.nextOut * r.m // output time in input samples = num / l
		fl := num / r.l
		first := fl - int64(r.half) + 1
		if first+int64(taps) > avail {
			break
		}
		p := (num % r.l) * r.phases / r.l
		row := r.table[int(p)*taps : int(p+1)*taps]
		x := r.hist[first-r.base : first-r.base+int64(taps)]
		var acc float32
		for j, c := range row {
			acc += c * x[j]
		}
		out = append(out, clip16(acc))
		r.nextOut++
	}
	// Drop input no longer needed.
	keep := r.nextOut*r.m/r.l - int64(r.half) + 1
	if d := keep - r.base; d > 0 {
		if d > int64(len(r.hist)) {
			d = int64(len(r.hist))
		}
		n := copy(r.hist, r.hist[d:])
		r.hist = r.hist[:n]
		r.base += d
	}
	return out
}

// clip16 rounds and saturates to int16.
func clip16(v float32) int16 {
	if v >= 32767 {
		return 32767
	}
	if v <= -32768 {
		return -32768
	}
	return int16(math.Round(float64(v)))
}

func sinc(x float64) float64 {
	if x == 0 {
		return 1
	}
	return math.Sin(math.Pi*x) / (math.Pi * x)
}

// besselI0 is the modified Bessel function of the first kind, order 0.
func besselI0(x float64) float64 {
	sum, term := 1.0, 1.0
	for k := 1; k < 50; k++ {
		term *= (x / (2 * float64(k))) * (x / (2 * float64(k)))
		sum += term
		if term < sum*1e-12 {
			break
		}
	}
	return sum
}

func gcd(a, b int64) int64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// ResamplePCM converts p (mixed down to mono) to rate.
func ResamplePCM(p *PCM, rate int) (*PCM, error) {
	m := p.Mono()
	if m.Rate == rate {
		return m, nil
	}
	r, err := NewResampler(m.Rate, rate)
	if err != nil {
		return nil, err
	}
	out := r.Process(m.Samples, make([]int16, 0, r.MaxOut(len(m.Samples))+r.half))
	tail := r.Flush(make([]int16, 0, r.MaxOut(r.half+1)+2))
	out = append(out, tail...)
	return &PCM{Rate: rate, Channels: 1, Samples: out}, nil
}
