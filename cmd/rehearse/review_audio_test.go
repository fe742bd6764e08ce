package main

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestReviewAudioOnly: `review --audio F.wav` with no transcript reviews the
// delivery from the recording alone: espeak-ng speech with a placed 3 s
// silence gives a long-pause finding there, an estimated rate, and scores
// for delivery only.
func TestReviewAudioOnly(t *testing.T) {
	for _, tool := range []string{"espeak-ng", "sox"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed (scripts/deps.sh installs it): %v", tool, err)
		}
	}
	dir := t.TempDir()
	a, b, wav := filepath.Join(dir, "a.wav"), filepath.Join(dir, "b.wav"), filepath.Join(dir, "take.wav")
	const s1 = "When the campaign launched the sales team could not see which accounts had engaged"
	const s2 = "I sat down with them and mapped the fields they needed for a weekly report"
	for _, c := range [][]string{
		{"espeak-ng", "-s", "160", "-w", a, s1},
		{"espeak-ng", "-s", "160", "-w", b, s2},
		// trim each sentence, then join them around a 3 s silence
		{"sox", a, filepath.Join(dir, "a1.wav"), "silence", "1", "0.01", "1%", "reverse", "silence", "1", "0.01", "1%", "reverse"},
		{"sox", b, filepath.Join(dir, "b1.wav"), "silence", "1", "0.01", "1%", "reverse", "silence", "1", "0.01", "1%", "reverse", "pad", "3", "0.5"},
		{"sox", filepath.Join(dir, "a1.wav"), filepath.Join(dir, "b1.wav"), wav, "pad", "0.5", "0"},
	} {
		if out, err := exec.Command(c[0], c[1:]...).CombinedOutput(); err != nil {
			t.Fatalf("%v: %v\n%s", c, err, out)
		}
	}
	info, err := exec.Command("soxi", "-D", filepath.Join(dir, "a1.wav")).Output()
	if err != nil {
		t.Fatal(err)
	}
	var firstLen float64
	json.Unmarshal([]byte(strings.TrimSpace(string(info))), &firstLen)

	data := t.TempDir()
	out := mustRun(t, data, "review", "--format", "json", "--audio", wav)
	var rep struct {
		Metrics  map[string]float64 `json:"metrics"`
		Scores   map[string]*int    `json:"scores"`
		Findings []struct {
			Rule      string  `json:"rule"`
			TimeStart float64 `json:"time_start"`
			TimeEnd   float64 `json:"time_end"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("review --audio --format json: %v\n%s", err, out)
	}
	if rep.Scores["delivery"] == nil {
		t.Errorf("delivery not scored: %s", out)
	}
	for _, a := range []string{"structure", "agency", "content"} {
		if rep.Scores[a] != nil {
			t.Errorf("%s scored from audio alone, want null", a)
		}
	}
	words := float64(len(strings.Fields(s1 + " " + s2)))
	m := rep.Metrics
	truth := words / (m["speaking_s"] + 0) * 60
	if w := m["wpm_audio"]; w < 0.8*truth || w > 1.2*truth {
		t.Errorf("wpm_audio %.1f, want about %.1f (words over speaking time)", w, truth)
	}
	if m["pauses_over_2s"] != 1 || m["longest_pause_s"] < 2.9 || m["longest_pause_s"] > 3.2 {
		t.Errorf("pauses over 2 s %v, longest %v; want 1 of 3 s", m["pauses_over_2s"], m["longest_pause_s"])
	}
	found := false
	for _, f := range rep.Findings {
		if f.Rule == "long-pause" {
			found = true
			want := 0.5 + firstLen
			if d := f.TimeStart - want; d < -0.1 || d > 0.1 {
				t.Errorf("long pause starts at %.2f s, placed at %.2f s", f.TimeStart, want)
			}
		}
	}
	if !found {
		t.Errorf("no long-pause finding: %s", out)
	}
	text := mustRun(t, data, "review", "--audio", wav)
	if !strings.Contains(text, "estimated from the recording") || !strings.Contains(text, "not assessed") {
		t.Errorf("text review of audio alone:\n%s", text)
	}
	if md := mustRun(t, data, "review", "--format", "markdown", "--audio", wav); !strings.Contains(md, "ong pause") {
		t.Errorf("markdown review of audio alone:\n%s", md)
	}
	// without --audio a TRANSCRIPT is still required
	if r := rehearse(t, data, "review"); r.code == 0 || !strings.Contains(r.stderr, "TRANSCRIPT") {
		t.Errorf("review with nothing: exit %d, %s", r.code, r.stderr)
	}
}
