package audio

import (
	"math"
	"os"
	"testing"
)

// TestCalibrateSyllablesPerWord prints, for the dev set only (espeak-ng voice
// "en" at five rates, clean and at 20 dB SNR, and the dev LibriVox
// utterances), the mean ratio of detected syllables to words, and how
// widely it varies, for the smoothing windows and dip depths tried when
// DefaultSyllablesPerWord and nucleusMinDip were chosen. Run it with
// REHEARSE_CALIBRATE=1; the held-out set is never read here.
func TestCalibrateSyllablesPerWord(t *testing.T) {
	if os.Getenv("REHEARSE_CALIBRATE") == "" {
		t.Skip("set REHEARSE_CALIBRATE=1 to print the dev-set calibration")
	}
	needTools(t, "espeak-ng")
	type item struct {
		pcm   *PCM
		words int
	}
	var dev []item
	for _, v := range devVoices {
		for _, r := range rates {
			p := espeak(t, v, r, devText)
			dev = append(dev, item{p, countWords(devText)}, item{withNoise(p, 20, int64(r)), countWords(devText)})
		}
	}
	lv := librivox(t)
	for path, text := range lv {
		for _, d := range devLibri {
			if len(path) > 8 && path[len(path)-8:] == d+".wav" {
				p, err := ReadWAV(path)
				if err != nil {
					t.Fatal(err)
				}
				dev = append(dev, item{p, countWords(text)})
			}
		}
	}
	saveW, saveDip := smoothW, nucleusMinDip
	defer func() { smoothW, nucleusMinDip = saveW, saveDip }()
	for _, w := range [][]float64{{1}, {1, 1, 1}, {1, 2, 1}, {1, 2, 3, 2, 1}} {
		for _, dip := range []float64{1, 1.5, 2, 3} {
			smoothW, nucleusMinDip = w, dip
			var rs []float64
			for _, it := range dev {
				a, b := activeSpan(it.pcm)
				d := AnalyzeDelivery(it.pcm, DeliveryOptions{})
				rs = append(rs, d.SyllablesPerSecond*60/(float64(it.words)/(b-a)*60))
			}
			var m, worst float64
			for _, r := range rs {
				m += r
			}
			m /= float64(len(rs))
			for _, r := range rs {
				worst = max(worst, math.Abs(r/m-1))
			}
			t.Logf("smoothing %v dip %.1f dB: syllables/word %.3f, worst deviation %.1f%%", w, dip, m, 100*worst)
		}
	}
}
