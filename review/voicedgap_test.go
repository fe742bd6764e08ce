package review

import (
	"encoding/binary"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

const testRate = 16000

// speakWord renders one word with espeak-ng and returns it as 16 kHz mono
// samples in -1..1, with leading and trailing silence trimmed by sox.
func speakWord(t *testing.T, dir, word string) []float64 {
	t.Helper()
	wav := filepath.Join(dir, word+".wav")
	raw := filepath.Join(dir, word+".raw")
	if out, err := exec.Command("espeak-ng", "-w", wav, word).CombinedOutput(); err != nil {
		t.Fatalf("espeak-ng %q: %v\n%s", word, err, out)
	}
	if out, err := exec.Command("sox", wav, "-r", "16000", "-c", "1", "-b", "16", "-e", "signed-integer", "-t", "raw", raw,
		"silence", "1", "0.01", "1%", "reverse", "silence", "1", "0.01", "1%", "reverse").CombinedOutput(); err != nil {
		t.Fatalf("sox %q: %v\n%s", word, err, out)
	}
	data, err := os.ReadFile(raw)
	if err != nil {
		t.Fatal(err)
	}
	s := make([]float64, len(data)/2)
	for i := range s {
		s[i] = float64(int16(binary.LittleEndian.Uint16(data[2*i:]))) / 32768
	}
	if len(s) < testRate/20 {
		t.Fatalf("espeak-ng rendered %q as %d samples", word, len(s))
	}
	return s
}

// TestVoicedGapOnSpeech builds a recording from espeak-ng words placed at
// known times, with "um" and "uh" in some gaps and silence in others, over a
// faint noise floor. The reviewer gets word timings without the fillers and
// the recording's RMS envelope, and must find each filler gap and no silent
// gap.
func TestVoicedGapOnSpeech(t *testing.T) {
	for _, tool := range []string{"espeak-ng", "sox"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed (CI installs espeak-ng and sox)", tool)
		}
	}
	dir := t.TempDir()
	type piece struct {
		word   string
		filler bool
		gap    float64 // silence before the piece, seconds
	}
	script := []piece{
		{"I", false, 0.5}, {"would", false, 0.05}, {"start", false, 0.05},
		{"um", true, 0.25}, {"with", false, 0.25}, {"the", false, 0.05}, {"data", false, 0.05},
		{"then", false, 0.6}, // a silent gap
		{"uh", true, 0.3}, {"align", false, 0.3}, {"with", false, 0.05}, {"sales", false, 0.05},
		{"and", false, 0.8}, // a silent gap
		{"audit", false, 0.05}, {"um", true, 0.35}, {"the", false, 0.35}, {"pipeline", false, 0.05},
	}
	cache := map[string][]float64{}
	var audio []float64
	var words []Word
	type span2 struct{ s, e float64 }
	var fillers []span2
	for _, p := range script {
		s, ok := cache[p.word]
		if !ok {
			s = speakWord(t, dir, p.word)
			cache[p.word] = s
		}
		audio = append(audio, make([]float64, int(p.gap*testRate))...)
		start := float64(len(audio)) / testRate
		audio = append(audio, s...)
		end := float64(len(audio)) / testRate
		if p.filler {
			fillers = append(fillers, span2{start, end})
		} else {
			words = append(words, Word{Word: p.word, Start: start, End: end})
		}
	}
	audio = append(audio, make([]float64, testRate/2)...)
	// a faint deterministic noise floor, as a real room has
	seed := uint32(1)
	for i := range audio {
		seed = seed*1664525 + 1013904223
		audio[i] += (float64(seed>>16)/65536 - 0.5) * 0.004
	}
	const hop = 0.01
	n := int(hop * testRate)
	env := &Envelope{Hop: hop}
	for i := 0; i+n <= len(audio); i += n {
		sum := 0.0
		for _, x := range audio[i : i+n] {
			sum += x * x
		}
		env.RMS = append(env.RMS, float32(math.Sqrt(sum/float64(n))))
	}
	text := ""
	for i, w := range words {
		if i > 0 {
			text += " "
		}
		text += w.Word
	}
	tr := &Transcript{Text: text, Duration: float64(len(audio)) / testRate, Words: words}
	rep := New(builtinRules(t)).Review(Input{Transcript: tr, Envelope: env})
	var found []Finding
	for _, f := range rep.Findings {
		if f.Rule == "voiced-gap" {
			found = append(found, f)
		}
	}
	for _, fl := range fillers {
		hit := false
		for _, f := range found {
			if f.HasTime && f.TimeStart < fl.e && f.TimeEnd > fl.s {
				hit = true
			}
		}
		if !hit {
			t.Errorf("filler at %.2f–%.2f s not found; voiced-gap findings: %+v", fl.s, fl.e, found)
		}
	}
	for _, f := range found {
		inFiller := false
		for _, fl := range fillers {
			if f.TimeStart < fl.e && f.TimeEnd > fl.s {
				inFiller = true
			}
		}
		if !inFiller {
			t.Errorf("voiced-gap at %.2f–%.2f s is in a silent gap", f.TimeStart, f.TimeEnd)
		}
	}
	if rep.Metrics.VoicedGaps != len(fillers) {
		t.Errorf("metrics.voiced_gaps = %d, want %d", rep.Metrics.VoicedGaps, len(fillers))
	}

	// Without word timings, pauses come from the envelope: the 0.8 s and
	// 0.6 s silences are under 2 s, so no long-pause; a 2.5 s silence is one.
	long := append(append(append([]float32{}, env.RMS...), make([]float32, 250)...), env.RMS...)
	for i := len(env.RMS); i < len(env.RMS)+250; i++ {
		long[i] = env.RMS[5] // the noise floor at the start
	}
	rep2 := New(builtinRules(t)).Review(Input{Transcript: &Transcript{Text: text + " " + text}, Envelope: &Envelope{Hop: hop, RMS: long}})
	if n := countRule(rep2, "long-pause"); n != 1 {
		t.Errorf("envelope pauses: %d long-pause findings, want 1: %+v", n, rep2.Findings)
	}
	if rep2.Metrics.LongestPauseS < 2.4 {
		t.Errorf("longest pause %.1f s, want about 2.5 + the trailing silence", rep2.Metrics.LongestPauseS)
	}
}
