package ui

import (
	"math"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/rehearse-app/rehearse/review"
)

func TestReviewClickingSeeksThePlayer(t *testing.T) {
	f := newReviewFixture(t, reviewOpts{})
	tr := timedTranscript(answerText, -1)
	take := f.addTake(tr.Duration, tr)
	f.open(take)
	s, p := f.s, f.player()
	if p == nil {
		t.Fatal("no player opened")
	}
	// A finding in the list.
	i, fd := findingByRule(s.report, "hedge")
	if i < 0 {
		t.Fatalf("no hedge finding: %+v", s.report.Findings)
	}
	test.Tap(rowOfFinding(t, s, i))
	want := secDuration(fd.TimeStart)
	if got, ok := p.lastSeek(); !ok || reviewAbsDur(got-want) > time.Millisecond {
		t.Fatalf("after tapping the hedge finding, seek = %v, want %v (its time)", got, want)
	}
	if !p.Playing() {
		t.Error("tapping a finding should play from it")
	}
	if s.current != i {
		t.Errorf("current finding = %d, want %d", s.current, i)
	}
	if st, _ := cellStyle(s.text.view, fd.Start); st == nil || !st.Style().Underline {
		t.Error("the selected finding's words are not marked in the transcript")
	}
	// A word in the transcript: "attribution" is word 8.
	off := strings.Index(answerText, "attribution")
	pos, ok := cellPos(s.text.view, off)
	if !ok {
		t.Fatal("attribution is not in the grid")
	}
	test.TapAt(s.text.view, pos)
	wantWord := secDuration(tr.Words[indexOfWord(answerText, "attribution")].Start)
	if got, _ := p.lastSeek(); reviewAbsDur(got-wantWord) > time.Millisecond {
		t.Fatalf("tapping “attribution” seeks to %v, want %v", got, wantWord)
	}
	if s.selA != off || s.selB != off+len("attribution") {
		t.Errorf("selection = %d..%d, want the word %d..%d", s.selA, s.selB, off, off+len("attribution"))
	}
	if !strings.Contains(s.playback.seekNote.Text, string(review.BasisWord)) {
		t.Errorf("seek note %q should say word timings were used", s.playback.seekNote.Text)
	}
	// The waveform: a tap a third of the way in.
	w := s.playback.wave.Size().Width
	if w <= 0 {
		t.Fatal("waveform has no size")
	}
	test.TapAt(s.playback.wave, fyne.NewPos(w/3, 10))
	got, _ := p.lastSeek()
	if want := s.playback.duration / 3; math.Abs(got.Seconds()-want) > 4/float64(w)*s.playback.duration+0.01 {
		t.Errorf("waveform tap seeks to %v, want about %.2f s", got, want)
	}
}

func reviewAbsDur(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

func TestReviewShutdownClosesPlayer(t *testing.T) {
	f := newReviewFixture(t, reviewOpts{})
	tr := timedTranscript(answerText, -1)
	a := f.addTake(tr.Duration, tr)
	b := f.addTake(tr.Duration, tr)
	f.open(a)
	first := f.player()
	test.Tap(f.s.playback.playBtn)
	f.open(b)
	if !first.closed {
		t.Error("opening another take should close the first take's player")
	}
	second := f.player()
	if second == first {
		t.Fatal("no new player for the second take")
	}
	test.Tap(f.s.playback.playBtn)
	f.s.refresh()
	f.waitLoaded()
	if f.player() != second || second.closed || !second.Playing() {
		t.Error("refresh should keep the player of the same recording, playing")
	}
	f.s.shutdown()
	if !second.closed {
		t.Error("shutdown should close the player")
	}
}

func TestReviewWithoutAudioOutput(t *testing.T) {
	f := newReviewFixture(t, reviewOpts{noAudio: true})
	tr := timedTranscript(answerText, -1)
	f.open(f.addTake(tr.Duration, tr))
	s := f.s
	if !s.playback.playBtn.Disabled() || !strings.Contains(s.playback.seekNote.Text, "No audio output") {
		t.Fatalf("play enabled %v, note %q", !s.playback.playBtn.Disabled(), s.playback.seekNote.Text)
	}
	i, fd := findingByRule(s.report, "hedge")
	test.Tap(rowOfFinding(t, s, i))
	if math.Abs(s.playback.position-fd.TimeStart) > 0.001 || !strings.HasPrefix(s.playback.posLabel.Text, clock(secDuration(fd.TimeStart))) {
		t.Errorf("without a player the position still moves: %.2f / %q", s.playback.position, s.playback.posLabel.Text)
	}
}

func TestReviewMarksTheWordBeingPlayed(t *testing.T) {
	f := newReviewFixture(t, reviewOpts{})
	tr := timedTranscript(answerText, -1)
	f.open(f.addTake(tr.Duration, tr))
	s, p := f.s, f.player()
	test.Tap(s.playback.playBtn)
	w := indexOfWord(answerText, "attribution")
	p.Seek(secDuration(tr.Words[w].Start + 0.1))
	off := strings.Index(answerText, "attribution")
	// Marked: its cells are drawn in the playing style (a tint; no bold,
	// so the text does not reflow).
	playingStyled := func() bool {
		st, _ := cellStyle(s.text.view, off)
		k := s.text.view.keyAt(off)
		return k.playing && st == s.text.view.style(k) && st.BackgroundColor() != nil && !st.Style().Bold
	}
	f.q.until(t, "the played word to be marked", playingStyled)
	if s.text.view.playA != off || s.text.view.playB != off+len("attribution") {
		t.Errorf("playing span %d..%d, want %d..%d", s.text.view.playA, s.text.view.playB, off, off+len("attribution"))
	}
	// The previous word is back to normal once playback moves on.
	p.Seek(secDuration(tr.Words[w+1].Start + 0.1))
	f.q.until(t, "the next word to be marked", func() bool { return s.text.view.playA > off })
	if st, _ := cellStyle(s.text.view, off); s.text.view.keyAt(off).playing || st != s.text.view.style(s.text.view.keyAt(off)) {
		t.Error("the word played before is still marked")
	}
}
