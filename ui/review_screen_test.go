package ui

import (
	"math"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"github.com/rehearse-app/rehearse/audio"
	"github.com/rehearse-app/rehearse/review"
	"github.com/rehearse-app/rehearse/session"
	"github.com/rehearse-app/rehearse/transcribe"
)

// The answer the tests review: a filler, a hedge, a jump to a solution, a
// trade-off, two talking points and a long pause before "Then".
const answerText = "Um, I think we should just do LinkedIn Ads. " +
	"I'd start with the attribution data, uh, and look at velocity to revenue. " +
	"Then I'd align with sales leadership. We could launch a simple version this week, " +
	"or the full one next month; it's your call."

// timedTranscript gives every word of text 0.3 s, 0.4 s apart, with a 3 s
// silence before the word pauseBefore (index; -1 for none).
func timedTranscript(text string, pauseBefore int) *review.Transcript {
	tr := &review.Transcript{Text: text, Language: "en", Words: []review.Word{}, Segments: []review.Segment{},
		Source: &review.Source{Model: "whisper-1", Server: "api.openai.com"}}
	t := 0.5
	for i, w := range strings.Fields(text) {
		if i == pauseBefore {
			t += 3
		}
		tr.Words = append(tr.Words, review.Word{Word: strings.Trim(w, ".,;"), Start: reviewRound3(t), End: reviewRound3(t + 0.3)})
		t += 0.4
	}
	tr.Duration = reviewRound3(t + 0.5)
	tr.Segments = append(tr.Segments, review.Segment{Start: 0.5, End: t, Text: text})
	return tr
}

func reviewRound3(x float64) float64 { return math.Round(x*1000) / 1000 }

func indexOfWord(text, word string) int {
	for i, w := range strings.Fields(text) {
		if w == word {
			return i
		}
	}
	return -1
}

// reviewFixture is the review screen alone in a window, on a uiFixture,
// with a session of one question (budget-prioritization) to add takes to.
type reviewFixture struct {
	*uiFixture
	win      fyne.Window
	s        *reviewScreen
	queue    *reviewFakeQueue
	mu       sync.Mutex
	players  []*reviewFakePlayer
	question review.Question
	sessID   string
	retakes  []string
}

type reviewOpts struct {
	queue   bool
	noAudio bool
}

func newReviewFixture(t testing.TB, o reviewOpts) *reviewFixture {
	t.Helper()
	base := newUIFixture(t, nil)
	q, ok := base.deps.Bank.ByID("budget-prioritization")
	if !ok {
		t.Fatal("question budget-prioritization is not in the bank")
	}
	f := &reviewFixture{uiFixture: base, question: q}
	deps := f.deps
	if !o.noAudio {
		deps.NewPlayer = func(string) (Player, error) {
			p := &reviewFakePlayer{}
			f.mu.Lock()
			f.players = append(f.players, p)
			f.mu.Unlock()
			return p, nil
		}
	}
	if o.queue {
		f.queue = &reviewFakeQueue{status: map[string]transcribe.JobStatus{}}
		deps.Transcription = f.queue
	}
	f.win = f.app.NewWindow("review")
	f.s = newReviewScreen(deps, f.win, f.notify)
	f.s.do = f.q.do
	f.s.onRetake = func(sessID, qid string) { f.retakes = append(f.retakes, sessID+"/"+qid) }
	f.win.SetContent(f.s.content)
	f.win.Resize(fyne.NewSize(1200, 800))
	sess, err := f.store.Create("review test", []review.Question{q})
	if err != nil {
		t.Fatal(err)
	}
	f.sessID = sess.ID
	t.Cleanup(f.s.shutdown)
	return f
}

// addTake records a take of secs seconds of tone, with transcript tr (nil
// for none).
func (f *reviewFixture) addTake(secs float64, tr *review.Transcript) string {
	f.t.Helper()
	id, path, err := f.store.NewTakePath(f.sessID, f.question.ID)
	if err != nil {
		f.t.Fatal(err)
	}
	samples := tone(secs)
	if tr != nil {
		// Silence where the transcript has no words, so pauses are real.
		voiced := make([]bool, len(samples))
		for _, w := range tr.Words {
			for i := max(int(w.Start*16000), 0); i < min(int((w.End+0.1)*16000), len(samples)); i++ {
				voiced[i] = true
			}
		}
		for i, v := range voiced {
			if !v {
				samples[i] = 0
			}
		}
	}
	if err := audio.WriteWAVFile(path, &audio.PCM{Rate: 16000, Channels: 1, Samples: samples}); err != nil {
		f.t.Fatal(err)
	}
	if err := f.store.AddTake(f.sessID, session.Take{ID: id, QuestionID: f.question.ID, Audio: filepath.Base(path),
		Duration: secs, Created: time.Now()}); err != nil {
		f.t.Fatal(err)
	}
	if tr != nil {
		if err := f.store.SaveTranscript(f.sessID, id, tr); err != nil {
			f.t.Fatal(err)
		}
	}
	return id
}

// open opens a take and waits until it is shown.
func (f *reviewFixture) open(takeID string) {
	f.t.Helper()
	f.s.open(f.sessID, takeID)
	f.waitLoaded()
}

func (f *reviewFixture) waitLoaded() {
	f.t.Helper()
	f.q.until(f.t, "the take to load", func() bool { return f.s.loaded })
}

func (f *reviewFixture) player() *reviewFakePlayer {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.players) == 0 {
		return nil
	}
	return f.players[len(f.players)-1]
}

func findingByRule(r *review.Report, rule string) (int, review.Finding) {
	for i, f := range r.Findings {
		if f.Rule == rule {
			return i, f
		}
	}
	return -1, review.Finding{}
}

func TestReviewKeys(t *testing.T) {
	f := newReviewFixture(t, reviewOpts{})
	tr := timedTranscript(answerText, -1)
	take := f.addTake(tr.Duration, tr)
	f.open(take)
	s, p := f.s, f.player()
	space := &fyne.KeyEvent{Name: fyne.KeySpace}
	s.onKey(space)
	if !p.Playing() || s.playback.playBtn.Text != "Pause" {
		t.Fatalf("Space should play (playing %v, button %q)", p.Playing(), s.playback.playBtn.Text)
	}
	// The ticker shows the position while playing.
	p.Seek(3 * time.Second)
	f.q.until(t, "the position to show 0:03", func() bool { return strings.HasPrefix(s.playback.posLabel.Text, "0:03") })
	s.onKey(space)
	if p.Playing() || s.playback.playBtn.Text != "Play" {
		t.Fatal("Space again should pause")
	}
	s.onKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	if got := p.Position(); got != 8*time.Second {
		t.Errorf("Right from 3 s: position %v, want 8 s", got)
	}
	s.onKey(&fyne.KeyEvent{Name: fyne.KeyLeft})
	s.onKey(&fyne.KeyEvent{Name: fyne.KeyLeft})
	if got := p.Position(); got != 0 {
		t.Errorf("Left twice from 8 s: position %v, want 0 (clamped)", got)
	}
	// N / P walk through the findings that have a place.
	// In text order, as the list shows them.
	var placed []int
	last := -1
	for _, r := range s.findings.rows {
		fd := s.report.Findings[r.index]
		if fd.End > fd.Start || fd.HasTime {
			if fd.Start < last {
				t.Errorf("findings list out of text order at %q", fd.Text)
			}
			last = fd.Start
			placed = append(placed, r.index)
		}
	}
	if len(placed) < 2 {
		t.Fatalf("want at least two placed findings: %+v", s.report.Findings)
	}
	s.onKey(&fyne.KeyEvent{Name: fyne.KeyN})
	s.onKey(&fyne.KeyEvent{Name: fyne.KeyN})
	if s.current != placed[1] {
		t.Errorf("N twice: finding %d, want %d", s.current, placed[1])
	}
	s.onKey(&fyne.KeyEvent{Name: fyne.KeyP})
	if s.current != placed[0] {
		t.Errorf("then P: finding %d, want %d", s.current, placed[0])
	}
	want, _ := s.tl.FindingTime(s.report.Findings[placed[0]])
	if got := p.Position(); reviewAbsDur(got-secDuration(want)) > time.Millisecond {
		t.Errorf("P seeks to %v, want %.2f s", got, want)
	}
}
