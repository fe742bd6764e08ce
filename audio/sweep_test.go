package audio

import (
	"fmt"
	"math"
	"os"
	"testing"
)

func TestSweepDev(t *testing.T) {
	if os.Getenv("SWEEP") == "" {
		t.Skip()
	}
	type c struct {
		pcm   *PCM
		words int
	}
	var cs []c
	for _, r := range rates {
		p := espeak(t, "en", r, devText)
		cs = append(cs, c{p, countWords(devText)}, c{withNoise(p, 20, int64(r)), countWords(devText)})
	}
	lv := librivox(t)
	for _, d := range devLibri {
		path := "/usr/share/pocketsphinx/test/data/librivox/sense_and_sensibility_01_austen_64kb-" + d + ".wav"
		p, _ := ReadWAV(path)
		cs = append(cs, c{p, countWords(lv[path])})
	}
	for _, ud := range []bool{false, true} {
		_ = ud
		fmt.Println("useDiff", ud)
		for _, w := range [][]float64{{1, 1, 1}, {1, 2, 1}, {1, 2, 2, 1}, {1, 2, 3, 2, 1}} {
			for _, dip := range []float64{1, 1.5, 2, 3} {
				smoothW, nucleusMinDip = w, dip
				var ratios, xs, ys []float64
				for _, k := range cs {
					a, b := activeSpan(k.pcm)
					d := AnalyzeDelivery(k.pcm, DeliveryOptions{})
					truth := float64(k.words) / (b - a) * 60
					ratios = append(ratios, d.SyllablesPerSecond*60/truth)
					xs = append(xs, d.SyllablesPerSecond)
					ys = append(ys, truth/60)
				}
				// best ratio = mean; spread
				var m, v float64
				for _, r := range ratios {
					m += r
				}
				m /= float64(len(ratios))
				worst := 0.0
				for _, r := range ratios {
					v += (r - m) * (r - m)
					worst = max(worst, math.Abs(r/m-1))
				}
				// affine fit ys = a + b xs
				var sx, sy, sxx, sxy float64
				for i := range xs {
					sx += xs[i]
					sy += ys[i]
					sxx += xs[i] * xs[i]
					sxy += xs[i] * ys[i]
				}
				nn := float64(len(xs))
				bb := (nn*sxy - sx*sy) / (nn*sxx - sx*sx)
				aa := (sy - bb*sx) / nn
				wa := 0.0
				for i := range xs {
					wa = max(wa, math.Abs((aa+bb*xs[i])/ys[i]-1))
				}
				fmt.Printf("affine a=%.3f b=%.3f worst=%.3f\n", aa, bb, wa)
				fmt.Printf("w=%v dip=%.1f spw=%.3f cv=%.3f worst=%.3f %v\n", w, dip, m, math.Sqrt(v/float64(len(ratios)))/m, worst, fmtr(ratios))
			}
		}
	}

}
func fmtr(r []float64) string {
	s := ""
	for _, x := range r {
		s += fmt.Sprintf("%.2f ", x)
	}
	return s
}
