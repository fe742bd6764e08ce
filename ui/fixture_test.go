package ui

import (
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/rehearse-app/rehearse/app"
	"github.com/rehearse-app/rehearse/assets"
	"github.com/rehearse-app/rehearse/audio"
	"github.com/rehearse-app/rehearse/review"
	"github.com/rehearse-app/rehearse/session"
	"github.com/rehearse-app/rehearse/transcribe"
)

// uiFixture is what every UI test starts from (the practice, review,
// library and settings fixtures build on it): a test app, a library, the
// Deps the screens get (the built-in bank, the real reviewer and the
// review of takes the app wires) and a queue standing in for fyne.Do.
type uiFixture struct {
	t     testing.TB
	app   fyne.App
	store *session.Store
	deps  Deps
	q     *uiQueue
	errs  []error
}

// newUIFixture opens a library (its clock now, nil for time.Now) and
// builds the Deps.
func newUIFixture(t testing.TB, now func() time.Time) *uiFixture {
	t.Helper()
	a := test.NewTempApp(t)
	f := &uiFixture{t: t, app: a, store: openStore(t, now), q: newUIQueue()}
	rv := review.New(testRules(t))
	f.deps = Deps{Bank: testBank(t), Reviewer: rv, Store: f.store, Prefs: a.Preferences(),
		Envelope: reviewEnvelopeOf, ReviewTake: reviewTakeWith(rv, f.store), UserBankDir: t.TempDir()}
	return f
}

// notify collects the errors a screen shows.
func (f *uiFixture) notify(err error) { f.errs = append(f.errs, err) }

// testRules loads the built-in rules.
func testRules(t testing.TB) *review.RuleSet {
	t.Helper()
	rules, errs := review.LoadRules(review.BankSource{FS: assets.Rules(), Dir: "rules", Label: "builtin"})
	if len(errs) > 0 {
		t.Fatalf("built-in rules: %v", errs)
	}
	return rules
}

// reviewTakeWith reviews takes through the app's one review path.
func reviewTakeWith(rv *review.Reviewer, store *session.Store) func(*session.Session, *session.Take) (*review.Report, error) {
	return app.NewReviews(rv, store, nil).ReviewAndSummarize
}

func testBank(t testing.TB) *review.Bank {
	bank, errs := review.LoadBank(review.BankSource{FS: assets.Questions(), Dir: "questions", Label: "builtin"})
	if len(errs) > 0 {
		t.Fatalf("built-in bank: %v", errs)
	}
	return bank
}

func openStore(t testing.TB, now func() time.Time) *session.Store {
	st, err := session.Open(filepath.Join(t.TempDir(), "lib"), session.Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// uiQueue stands in for fyne.Do in tests: goroutines queue their UI updates
// and the test runs them on its own goroutine, so widget state is only ever
// touched by one goroutine (as with the real driver) and -race stays quiet.
type uiQueue struct {
	mu  sync.Mutex
	fns []func()
	ch  chan struct{}
}

func newUIQueue() *uiQueue { return &uiQueue{ch: make(chan struct{}, 1)} }

func (q *uiQueue) do(f func()) {
	q.mu.Lock()
	q.fns = append(q.fns, f)
	q.mu.Unlock()
	select {
	case q.ch <- struct{}{}:
	default:
	}
}

// until runs queued updates until cond holds or the timeout passes.
func (q *uiQueue) until(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for !cond() {
		q.mu.Lock()
		fns := q.fns
		q.fns = nil
		q.mu.Unlock()
		for _, f := range fns {
			f()
		}
		if cond() {
			return
		}
		select {
		case <-q.ch:
		case <-time.After(20 * time.Millisecond):
		case <-deadline:
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

// tone returns secs seconds of a 440 Hz tone at 16 kHz.
func tone(secs float64) []int16 {
	n := int(secs * 16000)
	s := make([]int16, n)
	for i := range s {
		s[i] = int16(8000 * math.Sin(2*math.Pi*440*float64(i)/16000))
	}
	return s
}

// reviewFakePlayer records what the review screen asks of it.
type reviewFakePlayer struct {
	mu      sync.Mutex
	path    string
	dur     time.Duration
	pos     time.Duration
	playing bool
	seeks   []time.Duration
	plays   int
	pauses  int
	closed  bool
}

func (p *reviewFakePlayer) Open(path string) error {
	info, err := audio.WAVInfo(path)
	if err != nil {
		return err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.path, p.dur = path, info.Duration
	return nil
}

func (p *reviewFakePlayer) Play() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return errors.New("closed")
	}
	p.playing = true
	p.plays++
	return nil
}

func (p *reviewFakePlayer) Pause() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.playing {
		p.pauses++
	}
	p.playing = false
}

func (p *reviewFakePlayer) Seek(d time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.pos = min(max(d, 0), p.dur)
	p.seeks = append(p.seeks, d)
}

func (p *reviewFakePlayer) Position() time.Duration { p.mu.Lock(); defer p.mu.Unlock(); return p.pos }

func (p *reviewFakePlayer) Duration() time.Duration { p.mu.Lock(); defer p.mu.Unlock(); return p.dur }

func (p *reviewFakePlayer) Playing() bool { p.mu.Lock(); defer p.mu.Unlock(); return p.playing }

func (p *reviewFakePlayer) Close() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.closed, p.playing = true, false
	return nil
}

func (p *reviewFakePlayer) lastSeek() (time.Duration, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.seeks) == 0 {
		return 0, false
	}
	return p.seeks[len(p.seeks)-1], true
}

// reviewFakeQueue is a transcription queue that only records calls.
type reviewFakeQueue struct {
	mu       sync.Mutex
	status   map[string]transcribe.JobStatus
	enqueued []transcribe.Job
	retried  []string
	canceled []string
}

func (q *reviewFakeQueue) Enqueue(j transcribe.Job) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.enqueued = append(q.enqueued, j)
	q.status[j.TakeID] = transcribe.JobStatus{SessionID: j.SessionID, TakeID: j.TakeID, State: transcribe.StateQueued}
	return nil
}

func (q *reviewFakeQueue) Cancel(id string) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.canceled = append(q.canceled, id)
	q.status[id] = transcribe.JobStatus{TakeID: id, State: transcribe.StateNotTranscribed, Reason: "cancelled"}
	return nil
}

func (q *reviewFakeQueue) Retry(id string) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	if _, ok := q.status[id]; !ok {
		return fmt.Errorf("retrying take %q: %w", id, transcribe.ErrUnknownTake)
	}
	q.retried = append(q.retried, id)
	q.status[id] = transcribe.JobStatus{TakeID: id, State: transcribe.StateQueued}
	return nil
}

func (q *reviewFakeQueue) Status(id string) transcribe.JobStatus {
	q.mu.Lock()
	defer q.mu.Unlock()
	if st, ok := q.status[id]; ok {
		return st
	}
	return transcribe.JobStatus{TakeID: id, State: transcribe.StateNotTranscribed}
}

// reviewEnvelopeOf reads a WAV as a 10 ms envelope, as cmd does.
func reviewEnvelopeOf(path string) (*review.Envelope, float64, error) {
	pcm, err := audio.ReadWAV(path)
	if err != nil {
		return nil, 0, err
	}
	return &review.Envelope{Hop: 0.01, RMS: audio.Envelope(pcm, 10*time.Millisecond)},
		float64(pcm.Frames()) / float64(pcm.Rate), nil
}
