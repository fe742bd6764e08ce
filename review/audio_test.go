package review

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestAudioOnlyReview(t *testing.T) {
	rv := New(builtinRules(t))
	q := builtinBank(t).All()[0]
	cases := []struct {
		name      string
		audio     AudioDelivery
		wantRules map[string]int
		delivery  int
	}{
		{
			name: "steady pace, one long pause, two hesitations",
			audio: AudioDelivery{DurationS: 60, SpeechStartS: 1.2, SpeechEndS: 59, SpeakingS: 55, WPM: 140,
				Pauses:      []TimeSpan{{10, 10.5}, {20, 22.8}, {40, 40.4}},
				Hesitations: []TimeSpan{{5, 5.4}, {30, 30.6}},
				Pace:        []PaceSample{{0, 5, 120}, {5, 10, 150}}},
			wantRules: map[string]int{"long-pause": 1, "likely-hesitation": 2},
			delivery:  100 - 4 - 6,
		},
		{
			name:      "too fast, no pauses",
			audio:     AudioDelivery{DurationS: 30, SpeechStartS: 0.1, SpeechEndS: 29.9, SpeakingS: 29.8, WPM: 200},
			wantRules: map[string]int{"pace": 1},
			delivery:  90,
		},
		{
			name:      "stuck for a start: 4.2 s before the first word",
			audio:     AudioDelivery{DurationS: 40, SpeechStartS: 4.2, SpeechEndS: 39, SpeakingS: 34.8, WPM: 140},
			wantRules: map[string]int{"slow-start": 1},
			delivery:  95,
		},
		{
			name:      "a 2.5 s breath before starting is not a slow start",
			audio:     AudioDelivery{DurationS: 40, SpeechStartS: 2.5, SpeechEndS: 39, SpeakingS: 36.5, WPM: 140},
			wantRules: map[string]int{},
			delivery:  100,
		},
		{
			name:      "too short to judge pace",
			audio:     AudioDelivery{DurationS: 6, SpeechStartS: 0.5, SpeechEndS: 5, SpeakingS: 4.5, WPM: 250},
			wantRules: map[string]int{},
			delivery:  100,
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rep := rv.Review(Input{Transcript: &Transcript{}, Question: &q, Audio: &c.audio})
			got := map[string]int{}
			for _, f := range rep.Findings {
				got[f.Rule]++
				if !f.HasTime && f.Rule != "pace" {
					t.Errorf("finding %s has no time", f.Rule)
				}
			}
			for r, n := range c.wantRules {
				if got[r] != n {
					t.Errorf("%s findings: got %d, want %d (all: %v)", r, got[r], n, got)
				}
			}
			for r := range got {
				if _, ok := c.wantRules[r]; !ok {
					t.Errorf("unexpected %s finding (all: %v)", r, got)
				}
			}
			b, err := json.Marshal(rep)
			if err != nil {
				t.Fatal(err)
			}
			var out struct {
				Metrics map[string]any  `json:"metrics"`
				Scores  map[string]*int `json:"scores"`
			}
			if err := json.Unmarshal(b, &out); err != nil {
				t.Fatal(err)
			}
			if d := out.Scores["delivery"]; d == nil || *d != c.delivery {
				t.Errorf("delivery score %v, want %d; %s", d, c.delivery, b)
			}
			for _, a := range []string{"structure", "agency", "content"} {
				if out.Scores[a] != nil {
					t.Errorf("%s scored %d, want null (not assessed)", a, *out.Scores[a])
				}
			}
			if out.Metrics["wpm_audio"] != c.audio.WPM {
				t.Errorf("wpm_audio %v, want %v", out.Metrics["wpm_audio"], c.audio.WPM)
			}
			if n := len(c.audio.Pauses); n > 0 && out.Metrics["pauses"] != float64(n) {
				t.Errorf("pauses %v, want %d", out.Metrics["pauses"], n)
			}
			if out.Metrics["speaking_s"] != round1(c.audio.SpeakingS) {
				t.Errorf("speaking_s %v", out.Metrics["speaking_s"])
			}
		})
	}
}

// TestAudioOnlySilent: an audio-only review of a recording that holds no
// speech says so in one finding and assesses nothing, not a flawless
// delivery; beside a transcript the rule has nothing to say.
func TestAudioOnlySilent(t *testing.T) {
	rv := New(builtinRules(t))
	q := builtinBank(t).All()[0]
	silent := &AudioDelivery{DurationS: 5}
	rep := rv.Review(Input{Transcript: &Transcript{}, Question: &q, Audio: silent})
	if len(rep.Findings) != 1 || rep.Findings[0].Rule != "no-speech" || rep.Findings[0].Level != LevelWarning {
		t.Fatalf("findings %+v, want one no-speech warning", rep.Findings)
	}
	if f := rep.Findings[0]; !strings.Contains(f.Message, "5.0 s") || f.Suggestion == "" {
		t.Errorf("finding %q / %q: want the recording's length and a suggestion", f.Message, f.Suggestion)
	}
	b, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	var out struct {
		Scores map[string]*int `json:"scores"`
	}
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	for a, v := range out.Scores {
		if v != nil {
			t.Errorf("%s scored %d, want null (not assessed): %s", a, *v, b)
		}
	}
	text := &Transcript{Text: "I would start with the attribution data before moving any budget."}
	rep = rv.Review(Input{Transcript: text, Question: &q, Audio: silent})
	for _, f := range rep.Findings {
		if f.Rule == "no-speech" {
			t.Errorf("no-speech beside a transcript: %+v", f)
		}
	}
	if !rep.ScoreReasons.Delivery.Assessed {
		t.Error("delivery not assessed beside a transcript")
	}
}

// TestAudioBesideTimedTranscript: with word timings the word-based pace is
// kept and the audio estimate reported beside it; a likely hesitation that
// a voiced-gap finding already covers is not counted again.
func TestAudioBesideTimedTranscript(t *testing.T) {
	rv := New(builtinRules(t))
	words := strings.Fields("I would start with the data and then look at the channels that brought the pipeline last quarter before we move any budget at all")
	tr := &Transcript{Text: strings.Join(words, " ")}
	at := 0.5
	for i, w := range words {
		if i == 4 {
			at += 1.0 // a gap with an "um" in it
		}
		tr.Words = append(tr.Words, Word{Word: w, Start: at, End: at + 0.3})
		at += 0.35
	}
	tr.Duration = at + 0.5
	// envelope: voiced over every word and inside the gap (2.05..3.05 s)
	env := &Envelope{Hop: 0.01, RMS: make([]float32, int(tr.Duration*100))}
	for i := range env.RMS {
		env.RMS[i] = 0.001
	}
	for _, w := range tr.Words {
		for k := int(w.Start * 100); k < int(w.End*100); k++ {
			env.RMS[k] = 0.2
		}
	}
	for k := 230; k < 280; k++ {
		env.RMS[k] = 0.2
	}
	audio := &AudioDelivery{DurationS: tr.Duration, SpeechStartS: 0.5, SpeechEndS: at, SpeakingS: at - 0.5, WPM: 180,
		Hesitations: []TimeSpan{{2.3, 2.8}, {6, 6.3}}}
	rep := rv.Review(Input{Transcript: tr, Envelope: env, Audio: audio})
	n := map[string]int{}
	for _, f := range rep.Findings {
		n[f.Rule]++
	}
	if n["voiced-gap"] != 1 || n["likely-hesitation"] != 1 {
		t.Errorf("voiced-gap %d, likely-hesitation %d; want 1 and 1 (the first hesitation is the voiced gap): %+v", n["voiced-gap"], n["likely-hesitation"], rep.Findings)
	}
	if rep.Metrics.WPM == 0 || rep.Metrics.WPM == 180 || rep.Metrics.WPMAudio != 180 {
		t.Errorf("wpm %v (from words), wpm_audio %v (want 180)", rep.Metrics.WPM, rep.Metrics.WPMAudio)
	}
	if !rep.ScoreReasons.Agency.Assessed && !rep.ScoreReasons.Delivery.Assessed {
		t.Errorf("text rules did not run beside the audio")
	}
}

// TestSlowStartFromTheWords: with no recording, the first timed word says
// when the answer started; an untimed transcript cannot tell.
func TestSlowStartFromTheWords(t *testing.T) {
	rv := New(builtinRules(t))
	q := builtinBank(t).All()[0]
	words := func(start float64) *Transcript {
		tr := &Transcript{Text: "I would start with the data"}
		for i, w := range strings.Fields(tr.Text) {
			tr.Words = append(tr.Words, Word{Word: w, Start: start + float64(i)*0.3, End: start + float64(i)*0.3 + 0.25})
		}
		return tr
	}
	for _, c := range []struct {
		name string
		tr   *Transcript
		want int
	}{
		{"first word at 3.6 s", words(3.6), 1},
		{"first word at 0.8 s", words(0.8), 0},
		{"no timings", &Transcript{Text: "I would start with the data"}, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			rep := rv.Review(Input{Transcript: c.tr, Question: &q})
			n := 0
			for _, f := range rep.Findings {
				if f.Rule == "slow-start" {
					n++
					if !f.HasTime || f.TimeStart != 0 || f.TimeEnd != c.tr.Words[0].Start {
						t.Errorf("slow-start at %v..%v (timed %v), want 0..%v", f.TimeStart, f.TimeEnd, f.HasTime, c.tr.Words[0].Start)
					}
					if !strings.Contains(f.Message, "3.6 s before the first word") {
						t.Errorf("message %q does not say how long", f.Message)
					}
				}
			}
			if n != c.want {
				t.Errorf("slow-start findings: got %d, want %d", n, c.want)
			}
		})
	}
}
