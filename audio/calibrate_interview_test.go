package audio

import (
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// interviewModule ships a real radio interview with word timings in its
// test data (testdata/wildfires.mp3, 4 min 41 s, two speakers, and the
// engine's transcript of it): dev data for the syllable detector, fetched
// from the Go module proxy when the calibration runs, never committed
// here (the recording is the broadcaster's).
const interviewModule = "github.com/AssemblyAI/assemblyai-go-sdk@v1.3.0"

// stretch is a run of the interview's words between pauses.
type stretch struct {
	start, end float64 // seconds, from the word timings
	words, syl int     // syl: vowel groups, see vowelGroups
}

// TestCalibrateInterview prints the delivery analysis's calibration on a
// dev radio interview. Run it with REHEARSE_CALIBRATE=1 (it needs the go
// command, the module proxy and sox with MP3 support).
//   - syllables: the interview cut into stretches of 2–8 s at the
//     speakers' own pauses; how many syllables the detector finds against
//     a vowel-group count of the words, for each reach of the nuclei's
//     voicing check (nucleusVoicedReach), and the error of the words per
//     minute per stretch, also with every syllable found ("exact count"),
//     and over windows of 30 s or more, the length of an answer;
//   - pace line: the error of each 5 s step of the pace series against
//     the words spoken around it, for each PaceSpan;
//   - live light: the live pace meter fed the interview second by second;
//     how often its verdict changes, and how often it agrees with the
//     verdict of the words of the same 10 s, for each hysteresis.
func TestCalibrateInterview(t *testing.T) {
	if os.Getenv("REHEARSE_CALIBRATE") == "" {
		t.Skip("set REHEARSE_CALIBRATE=1 to print the dev-set calibration on a radio interview")
	}
	needTools(t, "go", "sox")
	out, err := exec.Command("go", "mod", "download", "-json", interviewModule).Output()
	if err != nil {
		t.Skipf("go mod download %s: %v", interviewModule, err)
	}
	var mod struct{ Dir string }
	if err := json.Unmarshal(out, &mod); err != nil {
		t.Fatalf("go mod download -json: %v", err)
	}
	wav := filepath.Join(t.TempDir(), "interview.wav")
	if b, err := exec.Command("sox", filepath.Join(mod.Dir, "testdata", "wildfires.mp3"), "-r", "16000", "-c", "1", "-b", "16", wav).CombinedOutput(); err != nil {
		t.Skipf("sox cannot decode the MP3 (libsox-fmt-mp3): %v: %s", err, b)
	}
	pcm, err := ReadWAV(wav)
	if err != nil {
		t.Fatal(err)
	}
	words := interviewWords(t, filepath.Join(mod.Dir, "testdata", "transcript", "completed.json"))
	t.Run("syllables", func(t *testing.T) { calibrateSyllables(t, pcm, interviewStretches(t, words)) })
	t.Run("pace line", func(t *testing.T) { calibratePaceLine(t, pcm, words) })
	t.Run("live light", func(t *testing.T) { calibrateLiveLight(t, pcm, words) })
}

func calibrateSyllables(t *testing.T, pcm *PCM, stretches []stretch) {
	save := nucleusVoicedReach
	defer func() { nucleusVoicedReach = save }()
	for _, reach := range []int{0, 1, 2} {
		nucleusVoicedReach = reach
		var found, counted int
		var sylAbs, wpmAbs, exactAbs float64
		var wpmOut, exactOut int
		for _, s := range stretches {
			i := max(0, int((s.start-0.05)*float64(pcm.Rate)))
			j := min(len(pcm.Samples), int((s.end+0.05)*float64(pcm.Rate)))
			d := AnalyzeDelivery(&PCM{Rate: pcm.Rate, Channels: 1, Samples: pcm.Samples[i:j]}, DeliveryOptions{})
			truth := float64(s.words) / (s.end - s.start) * 60
			e := d.WPM/truth - 1
			exact := float64(s.syl)/DefaultSyllablesPerWord/float64(s.words) - 1
			found += len(d.Syllables)
			counted += s.syl
			sylAbs += math.Abs(float64(len(d.Syllables))/float64(s.syl) - 1)
			wpmAbs += math.Abs(e)
			exactAbs += math.Abs(exact)
			if math.Abs(e) > 0.15 {
				wpmOut++
			}
			if math.Abs(exact) > 0.15 {
				exactOut++
			}
		}
		// answer-length windows: consecutive stretches joined to 30 s or more
		var winAbs, winWorst, winExact float64
		nw := 0
		for k := 0; k < len(stretches); {
			a, words, syl := k, 0, 0
			for ; k < len(stretches) && (k == a || stretches[k-1].end-stretches[a].start < 30); k++ {
				words += stretches[k].words
				syl += stretches[k].syl
			}
			s0, s1 := stretches[a].start, stretches[k-1].end
			if s1-s0 < 30 {
				break
			}
			i, j := int(s0*float64(pcm.Rate)), min(len(pcm.Samples), int(s1*float64(pcm.Rate)))
			d := AnalyzeDelivery(&PCM{Rate: pcm.Rate, Channels: 1, Samples: pcm.Samples[i:j]}, DeliveryOptions{})
			e := math.Abs(d.WPM/(float64(words)/d.SpeakingTime.Minutes()) - 1)
			winAbs += e
			winWorst = max(winWorst, e)
			winExact += math.Abs(float64(syl)/DefaultSyllablesPerWord/float64(words) - 1)
			nw++
		}
		n := float64(len(stretches))
		t.Logf("reach %d: %d stretches; syllables found %d of %d (%+.1f%%), mean |error| per stretch %.1f%%; "+
			"words per minute mean |error| %.1f%%, %d outside ±15%%; with every syllable found (exact count) %.1f%%, %d outside ±15%%; "+
			"over %d windows of 30 s or more (words over the estimate's speaking time) mean |error| %.1f%%, worst %.1f%% (exact count %.1f%%)",
			reach, len(stretches), found, counted, 100*(float64(found)/float64(counted)-1), 100*sylAbs/n,
			100*wpmAbs/n, wpmOut, 100*exactAbs/n, exactOut, nw, 100*winAbs/float64(nw), 100*winWorst, 100*winExact/float64(nw))
	}
}

// interviewWord is a word of the interview's transcript, timed in seconds.
type interviewWord struct {
	text       string
	start, end float64
}

// interviewWords reads the transcript's timed words.
func interviewWords(t *testing.T, path string) []interviewWord {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var tr struct {
		Words []struct {
			Text       string
			Start, End int // ms
		}
	}
	if err := json.Unmarshal(b, &tr); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if len(tr.Words) == 0 {
		t.Fatalf("%s: no words", path)
	}
	out := make([]interviewWord, len(tr.Words))
	for i, w := range tr.Words {
		out[i] = interviewWord{w.Text, float64(w.Start) / 1000, float64(w.End) / 1000}
	}
	return out
}

// wordsIn counts the words whose middle lies in [a, b) seconds.
func wordsIn(words []interviewWord, a, b float64) int {
	n := 0
	for _, w := range words {
		if m := (w.start + w.end) / 2; m >= a && m < b {
			n++
		}
	}
	return n
}

func calibratePaceLine(t *testing.T, pcm *PCM, words []interviewWord) {
	for _, span := range []time.Duration{5 * time.Second, 10 * time.Second, 20 * time.Second} {
		opt := DeliveryOptions{PaceSpan: span}.withDefaults()
		d := AnalyzeDelivery(pcm, opt)
		margin := (opt.PaceSpan - opt.PaceWindow) / 2
		var sum float64
		n := 0
		for _, p := range d.Pace {
			w := Span{max(p.Start-margin, 0), min(p.End+margin, d.Duration)}
			truth := float64(wordsIn(words, w.Start.Seconds(), w.End.Seconds())) / d.speakingIn(w, opt.LongPause).Minutes()
			if p.WPM == 0 || truth == 0 {
				continue
			}
			sum += math.Abs(p.WPM/truth - 1)
			n++
		}
		t.Logf("pace span %v: %d steps of %v, mean |error| against the words spoken %.1f%%", span, n, opt.PaceWindow, 100*sum/float64(n))
	}
}

func calibrateLiveLight(t *testing.T, pcm *PCM, words []interviewWord) {
	for _, lim := range [][2]float64{{110, 170}, {110, 200}} {
		for _, h := range []float64{-1, 5, 10, 20} {
			opt := PaceOptions{SlowBelow: lim[0], FastAbove: lim[1], Hysteresis: h}
			changes, known, agree := 0, 0, 0
			var last PaceVerdict
			for _, lp := range feedMeter(t, pcm.Samples, opt) {
				if lp.Verdict == PaceUnknown {
					continue
				}
				e := lp.Elapsed.Seconds()
				var seen []interviewWord
				for _, w := range words {
					if w.end > e-10 && w.end <= e {
						seen = append(seen, w)
					}
				}
				if len(seen) < 2 {
					continue
				}
				wpm := float64(len(seen)) / (seen[len(seen)-1].end - max(seen[0].start, e-10)) * 60
				want := PaceGood
				if wpm < lim[0] {
					want = PaceSlow
				} else if wpm > lim[1] {
					want = PaceFast
				}
				known++
				if lp.Verdict == want {
					agree++
				}
				if last != PaceUnknown && lp.Verdict != last {
					changes++
				}
				last = lp.Verdict
			}
			t.Logf("live light, limits %v, hysteresis %v: %d readings, %d changes, agrees with the words %.2f",
				lim, h, known, changes, float64(agree)/float64(max(known, 1)))
		}
	}
}

// interviewStretches cuts the words into stretches: a stretch ends at a
// pause of 400 ms, at a pause of 100 ms once it is 3.5 s long, or at 8 s;
// stretches under 2 s are dropped.
func interviewStretches(t *testing.T, words []interviewWord) []stretch {
	t.Helper()
	var out []stretch
	cur := stretch{start: -1}
	for i, w := range words {
		if cur.start < 0 {
			cur.start = w.start
		}
		cur.end = w.end
		cur.words++
		cur.syl += vowelGroups(w.text)
		gap := math.Inf(1)
		if i+1 < len(words) {
			gap = words[i+1].start - w.end
		}
		if l := cur.end - cur.start; gap >= 0.4 || (l >= 3.5 && gap >= 0.1) || l >= 8 {
			if l >= 2 {
				out = append(out, cur)
			}
			cur = stretch{start: -1}
		}
	}
	if len(out) == 0 {
		t.Fatal("the interview has no stretch of speech")
	}
	return out
}

// vowelGroups counts a word's syllables as its groups of vowel letters,
// less a silent final "e" or "-ed" (not after t or d); a word without
// letters (a number) counts one.
func vowelGroups(word string) int {
	w := strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' {
			return r
		}
		if r >= 'A' && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return -1
	}, word)
	n, in := 0, false
	for _, r := range w {
		v := strings.ContainsRune("aeiouy", r)
		if v && !in {
			n++
		}
		in = v
	}
	if n > 1 && strings.HasSuffix(w, "e") && !strings.HasSuffix(w, "le") && !strings.HasSuffix(w, "ee") && !strings.HasSuffix(w, "ye") {
		n--
	}
	if n > 1 && strings.HasSuffix(w, "ed") && !strings.HasSuffix(w, "ted") && !strings.HasSuffix(w, "ded") {
		n--
	}
	return max(n, 1)
}

// TestVowelGroups pins the syllable count the interview calibration uses.
func TestVowelGroups(t *testing.T) {
	for word, want := range map[string]int{"Smoke": 1, "hundreds": 2, "particulate": 4, "triggering": 3,
		"Maryland": 3, "people": 2, "asked": 1, "wanted": 2, "150": 1, "you're": 1, "air": 1} {
		if got := vowelGroups(word); got != want {
			t.Errorf("vowelGroups(%q) = %d, want %d", word, got, want)
		}
	}
}
