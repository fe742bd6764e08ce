package audio

import (
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
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

// TestCalibrateInterview prints, for the dev radio interview cut into
// stretches of 2–8 s at the speakers' own pauses, how many syllables the
// detector finds against a vowel-group count of the words, for each reach
// of the nuclei's voicing check (nucleusVoicedReach), and the error of the
// words per minute per stretch, also with every syllable found ("exact
// count"), and over windows of 30 s or more, the length of an answer.
// Run it with REHEARSE_CALIBRATE=1 (it needs the go command, the
// module proxy and sox with MP3 support).
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
	stretches := interviewStretches(t, filepath.Join(mod.Dir, "testdata", "transcript", "completed.json"))
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

// interviewStretches cuts the transcript's words into stretches: a
// stretch ends at a pause of 400 ms, at a pause of 100 ms once it is 3.5 s
// long, or at 8 s; stretches under 2 s are dropped.
func interviewStretches(t *testing.T, path string) []stretch {
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
	var out []stretch
	cur := stretch{start: -1}
	for i, w := range tr.Words {
		if cur.start < 0 {
			cur.start = float64(w.Start) / 1000
		}
		cur.end = float64(w.End) / 1000
		cur.words++
		cur.syl += vowelGroups(w.Text)
		gap := math.Inf(1)
		if i+1 < len(tr.Words) {
			gap = float64(tr.Words[i+1].Start-w.End) / 1000
		}
		if l := cur.end - cur.start; gap >= 0.4 || (l >= 3.5 && gap >= 0.1) || l >= 8 {
			if l >= 2 {
				out = append(out, cur)
			}
			cur = stretch{start: -1}
		}
	}
	if len(out) == 0 {
		t.Fatalf("%s: no stretch of speech", path)
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
