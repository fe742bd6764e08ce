package audio

import (
	"math"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// needTools skips the test when one of the named programs is missing.
func needTools(t testing.TB, names ...string) {
	t.Helper()
	for _, n := range names {
		if _, err := exec.LookPath(n); err != nil {
			t.Skipf("%s is not installed (scripts/deps.sh installs it): %v", n, err)
		}
	}
}

// espeak renders text with espeak-ng's voice at rate words per minute.
func espeak(t testing.TB, voice string, rate int, text string) *PCM {
	t.Helper()
	out := filepath.Join(t.TempDir(), "s.wav")
	cmd := exec.Command("espeak-ng", "-v", voice, "-s", itoa(rate), "-w", out, text)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("espeak-ng -v %s -s %d: %v: %s", voice, rate, err, b)
	}
	pcm, err := ReadWAV(out)
	if err != nil {
		t.Fatal(err)
	}
	return pcm
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

// countWords counts the words of the text rendered.
func countWords(text string) int { return len(strings.Fields(text)) }

// activeSpan is the stretch from the first to the last 10 ms frame whose
// RMS is within 40 dB of the loudest and at least 15 dB above the
// recording's noise floor (its 5th-percentile frame): the truth's own trim,
// independent of the analysis under test. The floor matters for real
// recordings, whose background (25–40 dB below the loudest frame in the
// LibriVox files) is not speech; espeak-ng's digital silence has no floor.
func activeSpan(pcm *PCM) (a, b float64) {
	rms := Envelope(pcm, deliveryHop)
	var top float32
	for _, v := range rms {
		top = max(top, v)
	}
	sorted := slices.Clone(rms)
	slices.Sort(sorted)
	th := max(top/100, sorted[len(sorted)/20]*float32(math.Pow(10, 15.0/20)))
	first, last := -1, -1
	for i, v := range rms {
		if v >= th {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	return float64(first) * 0.01, float64(last+1) * 0.01
}

// trim cuts pcm to its active span.
func trim(pcm *PCM) *PCM {
	a, b := activeSpan(pcm)
	i, j := int(a*float64(pcm.Rate)), min(int(b*float64(pcm.Rate)), len(pcm.Samples))
	return &PCM{Rate: pcm.Rate, Channels: 1, Samples: pcm.Samples[i:j]}
}

// withNoise adds white Gaussian noise at snr dB below the RMS of the
// active part of the speech (deterministic seed).
func withNoise(pcm *PCM, snr float64, seed int64) *PCM {
	a, b := activeSpan(pcm)
	var e float64
	i0, i1 := int(a*float64(pcm.Rate)), min(int(b*float64(pcm.Rate)), len(pcm.Samples))
	for _, v := range pcm.Samples[i0:i1] {
		e += float64(v) * float64(v)
	}
	sig := math.Sqrt(e / float64(max(i1-i0, 1)))
	sd := sig / math.Pow(10, snr/20)
	rng := rand.New(rand.NewSource(seed))
	out := &PCM{Rate: pcm.Rate, Channels: 1, Samples: make([]int16, len(pcm.Samples))}
	for i, v := range pcm.Samples {
		out.Samples[i] = int16(max(-32768, min(32767, float64(v)+rng.NormFloat64()*sd)))
	}
	return out
}

// silence returns d seconds of digital silence at rate.
func silence(rate int, d float64) []int16 { return make([]int16, int(d*float64(rate))) }

// librivox lists Debian pocketsphinx-testdata's LibriVox utterances with
// their transcripts, or skips.
func librivox(t testing.TB) map[string]string {
	t.Helper()
	dir := "/usr/share/pocketsphinx/test/data/librivox"
	b, err := os.ReadFile(filepath.Join(dir, "transcription"))
	if err != nil {
		t.Skipf("Debian's pocketsphinx-testdata is not installed: %v", err)
	}
	out := map[string]string{}
	for _, line := range strings.Split(string(b), "\n") {
		i := strings.LastIndex(line, "(")
		if i < 0 {
			continue
		}
		id := strings.TrimSuffix(strings.TrimSpace(line[i+1:]), ")")
		text := strings.NewReplacer("<s>", "", "</s>", "").Replace(line[:i])
		out[filepath.Join(dir, id+".wav")] = strings.TrimSpace(text)
	}
	return out
}
