package ui

import (
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
	"github.com/rehearse-app/rehearse/audio"
	"github.com/rehearse-app/rehearse/internal/testkit"
	"github.com/rehearse-app/rehearse/session"
)

// addSpokenTake records speech-like sound with a silence of gap seconds in
// the middle, and no transcript.
func (f *reviewFixture) addSpokenTake(gap float64) string {
	f.t.Helper()
	x := append(testkit.Syllables(10, 4), make([]int16, int(gap*audio.TakeRate))...)
	return f.addRecordedTake(append(x, testkit.Syllables(10, 4)...))
}

// addRecordedTake adds a take recording x (at the take rate), with no
// transcript.
func (f *reviewFixture) addRecordedTake(x []int16) string {
	f.t.Helper()
	id, path, err := f.store.NewTakePath(f.sessID, f.question.ID)
	if err != nil {
		f.t.Fatal(err)
	}
	if err := audio.WriteWAVFile(path, &audio.PCM{Rate: audio.TakeRate, Channels: 1, Samples: x}); err != nil {
		f.t.Fatal(err)
	}
	secs := float64(len(x)) / audio.TakeRate
	if err := f.store.AddTake(f.sessID, session.Take{ID: id, QuestionID: f.question.ID, Audio: filepath.Base(path),
		Duration: secs, Created: time.Now()}); err != nil {
		f.t.Fatal(err)
	}
	return id
}

// TestReviewAudioOnly: a take with no transcript shows the review from its
// recording: the estimated pace, the long pause at its time (a click seeks
// there), and the areas that need words "not assessed".
func TestReviewAudioOnly(t *testing.T) {
	f := newReviewFixture(t, reviewOpts{})
	f.open(f.addSpokenTake(4))
	rep := f.s.report
	if rep == nil {
		t.Fatalf("no review of a take with a recording and no transcript (err %v)", f.s.reportErr)
	}
	if rep.Metrics.WPMAudio <= 0 {
		t.Errorf("no pace estimated from the recording: %+v", rep.Metrics)
	}
	if len(f.s.playback.wave.pace.samples) == 0 {
		t.Error("no pace line under the waveform")
	}
	if m := f.s.findings.metrics.Text; !strings.Contains(m, "wpm") && !strings.Contains(m, "WPM") {
		t.Errorf("metrics %q: want the estimated pace", m)
	}
	row := -1
	for k, r := range f.s.findings.rows {
		if rep.Findings[r.index].Rule == "long-pause" {
			row = k
		}
	}
	if row < 0 {
		t.Fatalf("no long-pause row among %d findings: %+v", len(f.s.findings.rows), rep.Findings)
	}
	lp := rep.Findings[f.s.findings.rows[row].index]
	if !strings.Contains(f.s.findingWhere(lp), "at 0:1") {
		t.Errorf("long pause shown %q, want its time (about 0:10)", f.s.findingWhere(lp))
	}
	f.s.selectFinding(f.s.findings.rows[row].index, true)
	if at, ok := f.player().lastSeek(); !ok || at < 9*time.Second || at > 11*time.Second {
		t.Errorf("clicking the long pause seeks to %v (%v), want about 10 s", at, ok)
	}
	scores := labelsIn(f.s.findings.scoresBox) + labelsIn(f.s.findings.pointsBox)
	for _, want := range []string{"Delivery: ", "Agency: not assessed", "Talking points need a transcript"} {
		if !strings.Contains(scores, want) {
			t.Errorf("scores %q: want %q", scores, want)
		}
	}
	if dir := os.Getenv("REHEARSE_CAPTURE"); dir != "" {
		out, _ := os.Create(filepath.Join(dir, "review-audio-only.png"))
		png.Encode(out, f.win.Canvas().Capture())
		out.Close()
	}
}

// TestReviewSilentTake: a take whose recording holds no speech says so
// where the transcript would be, in the metrics and in its one finding,
// and scores nothing.
func TestReviewSilentTake(t *testing.T) {
	f := newReviewFixture(t, reviewOpts{})
	f.open(f.addRecordedTake(make([]int16, 5*audio.TakeRate)))
	rep := f.s.report
	if rep == nil {
		t.Fatalf("no review of a silent take (err %v)", f.s.reportErr)
	}
	if n := f.s.text.emptyNote.Text; !strings.Contains(n, "no speech") || strings.Contains(n, "words a minute") {
		t.Errorf("transcript area %q: want no speech said, no pace", n)
	}
	if m := f.s.findings.metrics.Text; !strings.Contains(m, "no speech found") {
		t.Errorf("metrics %q: want no speech found", m)
	}
	if len(f.s.findings.rows) != 1 || rep.Findings[f.s.findings.rows[0].index].Rule != "no-speech" {
		t.Errorf("findings %+v: want one no-speech row", rep.Findings)
	}
	scores := labelsIn(f.s.findings.scoresBox)
	if !strings.Contains(scores, "Delivery: not assessed") {
		t.Errorf("scores %q: want delivery not assessed", scores)
	}
}

// labelsIn is the text of every label inside o, one per line.
func labelsIn(o fyne.CanvasObject) string {
	var b strings.Builder
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Label:
			b.WriteString(w.Text + "\n")
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
		}
	}
	walk(o)
	return b.String()
}
