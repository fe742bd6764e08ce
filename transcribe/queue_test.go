package transcribe

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rehearse-app/rehearse/review"
)

// memSink is a session store in memory that also writes each transcript to
// a file, as the real store does.
type memSink struct {
	dir  string
	mu   sync.Mutex
	got  map[string]*review.Transcript
	done chan string
	fail error
}

func newMemSink(dir string) *memSink {
	return &memSink{dir: dir, got: map[string]*review.Transcript{}, done: make(chan string, 100)}
}

func (s *memSink) SaveTranscript(sessionID, takeID string, t *review.Transcript) error {
	s.mu.Lock()
	fail := s.fail
	s.mu.Unlock()
	if fail != nil {
		return fail
	}
	data, err := json.Marshal(t)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(s.dir, sessionID+"-"+takeID+".json"), data, 0o644); err != nil {
		return err
	}
	s.mu.Lock()
	s.got[takeID] = t
	s.mu.Unlock()
	s.done <- takeID
	return nil
}

// scripted is a Transcriber that fails with the scripted errors, in order,
// then succeeds. block makes it wait for its context instead.
type scripted struct {
	mu      sync.Mutex
	errs    []error
	calls   int
	block   bool
	started chan string
}

func (s *scripted) TranscribeFile(ctx context.Context, path string, h Hints) (*review.Transcript, error) {
	s.mu.Lock()
	s.calls++
	block := s.block
	var err error
	if len(s.errs) > 0 {
		err, s.errs = s.errs[0], s.errs[1:]
	}
	s.mu.Unlock()
	if s.started != nil {
		s.started <- path
	}
	if block {
		<-ctx.Done()
		return nil, &Error{Kind: ErrCanceled, Op: "transcribing " + filepath.Base(path)}
	}
	if err != nil {
		return nil, err
	}
	return &review.Transcript{Text: "hello from " + filepath.Base(path), Words: []review.Word{}, Segments: []review.Segment{}}, nil
}

func (s *scripted) callCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls
}

func (s *memSink) get(take string) *review.Transcript {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.got[take]
}

// sleeps records the backoff delays instead of waiting.
type sleeps struct {
	mu sync.Mutex
	ds []time.Duration
}

func (s *sleeps) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	s.ds = append(s.ds, d)
	s.mu.Unlock()
	return ctx.Err()
}

func (s *sleeps) all() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.ds...)
}

// waitState polls until the take reaches state.
func waitState(t *testing.T, q *Queue, take string, st State) JobStatus {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if s := q.Status(take); s.State == st {
			return s
		}
		time.Sleep(2 * time.Millisecond)
	}
	t.Fatalf("take %s is %+v, want %q", take, q.Status(take), st)
	return JobStatus{}
}

func newTestQueue(t *testing.T, dir string, tr Transcriber, sink Sink, sl *sleeps, updates chan<- JobStatus) *Queue {
	t.Helper()
	q, err := NewQueue(QueueConfig{Dir: dir, Transcriber: tr, Sink: sink, Updates: updates, MaxAttempts: 4, BaseDelay: time.Second, Sleep: sl.sleep})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(q.Close)
	return q
}

func TestQueueRetriesAndBackoff(t *testing.T) {
	dir := t.TempDir()
	audioPath, _ := writeTone(t, dir, "t1.wav", 1)
	rate := &Error{Kind: ErrRateLimited, Status: 429, RetryAfter: 7 * time.Second}
	server := &Error{Kind: ErrServer, Status: 500}
	tr := &scripted{errs: []error{rate, server, server}}
	sink := newMemSink(dir)
	sl := &sleeps{}
	q := newTestQueue(t, filepath.Join(dir, "queue"), tr, sink, sl, nil)
	q.Start(context.Background())
	if err := q.Enqueue(Job{SessionID: "s1", TakeID: "t1", AudioPath: audioPath}); err != nil {
		t.Fatal(err)
	}
	st := waitState(t, q, "t1", StateDone)
	if st.Attempts != 4 || tr.callCount() != 4 {
		t.Errorf("attempts %d, calls %d, want 4", st.Attempts, tr.callCount())
	}
	ds := sl.all()
	if len(ds) != 3 {
		t.Fatalf("delays %v, want 3", ds)
	}
	if ds[0] != 7*time.Second {
		t.Errorf("first delay %v, want the server's Retry-After 7s", ds[0])
	}
	// attempt 2 -> base·2 = 2s, attempt 3 -> 4s, each jittered to [d/2, d]
	for i, want := range []time.Duration{2 * time.Second, 4 * time.Second} {
		if d := ds[i+1]; d < want/2 || d > want {
			t.Errorf("delay %d = %v, want within [%v, %v]", i+1, d, want/2, want)
		}
	}
	if got := sink.get("t1"); got == nil || got.Text != "hello from t1.wav" {
		t.Errorf("sink got %+v", got)
	}
}

func TestQueueNoRetryOnPermanentErrors(t *testing.T) {
	for _, kind := range []error{ErrUnauthorized, ErrBadRequest, ErrTooLarge, ErrMalformed, ErrQuota} {
		t.Run(kind.Error(), func(t *testing.T) {
			dir := t.TempDir()
			audioPath, _ := writeTone(t, dir, "t.wav", 1)
			sum := checksum(t, audioPath)
			tr := &scripted{errs: []error{&Error{Kind: kind, Op: "transcribing t.wav", Status: 400}}}
			sl := &sleeps{}
			q := newTestQueue(t, filepath.Join(dir, "queue"), tr, newMemSink(dir), sl, nil)
			q.Start(context.Background())
			q.Enqueue(Job{SessionID: "s", TakeID: "t", AudioPath: audioPath})
			st := waitState(t, q, "t", StateFailed)
			if tr.callCount() != 1 || len(sl.all()) != 0 {
				t.Errorf("%d calls, %d sleeps: a permanent error was retried", tr.callCount(), len(sl.all()))
			}
			if !strings.Contains(st.Reason, kind.Error()) || !strings.Contains(st.Reason, "t.wav") {
				t.Errorf("reason %q does not say %q", st.Reason, kind)
			}
			if checksum(t, audioPath) != sum {
				t.Error("the recording changed")
			}
			// Retry runs it again, and now it works.
			if err := q.Retry("t"); err != nil {
				t.Fatal(err)
			}
			waitState(t, q, "t", StateDone)
		})
	}
}

func TestQueueGivesUp(t *testing.T) {
	dir := t.TempDir()
	audioPath, _ := writeTone(t, dir, "t.wav", 1)
	var errs []error
	for range 10 {
		errs = append(errs, &Error{Kind: ErrNetwork, Op: "transcribing t.wav", Detail: "the connection was dropped"})
	}
	tr := &scripted{errs: errs}
	q := newTestQueue(t, filepath.Join(dir, "queue"), tr, newMemSink(dir), &sleeps{}, nil)
	q.Start(context.Background())
	q.Enqueue(Job{SessionID: "s", TakeID: "t", AudioPath: audioPath})
	st := waitState(t, q, "t", StateFailed)
	if tr.callCount() != 4 || !strings.Contains(st.Reason, "gave up after 4 attempts") || !strings.Contains(st.Reason, "connection was dropped") {
		t.Errorf("calls %d, status %+v", tr.callCount(), st)
	}
}

func TestQueueCancel(t *testing.T) {
	dir := t.TempDir()
	audioPath, _ := writeTone(t, dir, "t.wav", 1)
	sum := checksum(t, audioPath)
	tr := &scripted{block: true, started: make(chan string, 10)}
	q := newTestQueue(t, filepath.Join(dir, "queue"), tr, newMemSink(dir), &sleeps{}, nil)
	q.Start(context.Background())
	q.Enqueue(Job{SessionID: "s", TakeID: "t", AudioPath: audioPath})
	q.Enqueue(Job{SessionID: "s", TakeID: "u", AudioPath: audioPath})
	<-tr.started
	if st := q.Status("t"); st.State != StateTranscribing {
		t.Fatalf("status %+v", st)
	}
	// u is queued: cancelling it never runs it.
	if err := q.Cancel("u"); err != nil {
		t.Fatal(err)
	}
	if err := q.Cancel("t"); err != nil {
		t.Fatal(err)
	}
	st := waitState(t, q, "t", StateNotTranscribed)
	if st.Reason != "cancelled" || q.Status("u").Reason != "cancelled" {
		t.Errorf("t %+v, u %+v", st, q.Status("u"))
	}
	if err := q.Cancel("nope"); !errors.Is(err, ErrUnknownTake) {
		t.Errorf("cancel unknown: %v", err)
	}
	if checksum(t, audioPath) != sum {
		t.Error("the recording changed")
	}
	tr.mu.Lock()
	tr.block = false
	tr.mu.Unlock()
	q.Retry("u")
	waitState(t, q, "u", StateDone)
	if n := tr.callCount(); n != 2 {
		t.Errorf("%d calls, want 2 (u ran only after Retry)", n)
	}
}

func TestQueueSurvivesRestart(t *testing.T) {
	dir := t.TempDir()
	qdir := filepath.Join(dir, "queue")
	audioPath, _ := writeTone(t, dir, "t.wav", 1)
	tr := &scripted{block: true, started: make(chan string, 10)}
	q1, err := NewQueue(QueueConfig{Dir: qdir, Transcriber: tr, Sink: newMemSink(dir)})
	if err != nil {
		t.Fatal(err)
	}
	q1.Start(context.Background())
	q1.Enqueue(Job{SessionID: "s", TakeID: "a", AudioPath: audioPath, Hints: Hints{Vocabulary: []string{"Marketo"}}})
	q1.Enqueue(Job{SessionID: "s", TakeID: "b", AudioPath: audioPath})
	<-tr.started // a is transcribing, b queued
	// A crash: the state file as it is now, copied before Close tidies up.
	data, err := os.ReadFile(filepath.Join(qdir, queueFileName))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `"transcribing"`) {
		t.Fatalf("state file does not record the running take:\n%s", data)
	}
	q1.Close()
	if err := os.WriteFile(filepath.Join(qdir, queueFileName), data, 0o600); err != nil {
		t.Fatal(err)
	}

	tr2 := &scripted{}
	sink := newMemSink(dir)
	q2, err := NewQueue(QueueConfig{Dir: qdir, Transcriber: tr2, Sink: sink})
	if err != nil {
		t.Fatal(err)
	}
	defer q2.Close()
	for _, id := range []string{"a", "b"} {
		if st := q2.Status(id); st.State != StateQueued {
			t.Errorf("after restart %s is %+v, want queued", id, st)
		}
	}
	q2.Start(context.Background())
	got := map[string]bool{<-sink.done: true, <-sink.done: true}
	if !got["a"] || !got["b"] {
		t.Errorf("after restart transcribed %v", got)
	}
	if q2.Status("a").State != StateDone {
		t.Errorf("a is %+v", q2.Status("a"))
	}
}

func TestQueueCorruptStateIsMovedAside(t *testing.T) {
	qdir := t.TempDir()
	os.WriteFile(filepath.Join(qdir, queueFileName), []byte("{not json"), 0o600)
	q, err := NewQueue(QueueConfig{Dir: qdir, Transcriber: &scripted{}, Sink: newMemSink(qdir)})
	if err != nil {
		t.Fatal(err)
	}
	if len(q.Warnings()) != 1 || !strings.Contains(q.Warnings()[0], "moved") {
		t.Errorf("warnings %v", q.Warnings())
	}
	m, _ := filepath.Glob(filepath.Join(qdir, queueFileName+".bad-*"))
	if len(m) != 1 {
		t.Errorf("bad file not kept: %v", m)
	}
}

func TestQueueUpdatesNeverBlock(t *testing.T) {
	dir := t.TempDir()
	audioPath, _ := writeTone(t, dir, "t.wav", 1)
	updates := make(chan JobStatus) // nobody reads it yet
	sink := newMemSink(dir)
	q := newTestQueue(t, filepath.Join(dir, "queue"), &scripted{}, sink, &sleeps{}, updates)
	q.Start(context.Background())
	const n = 30
	for i := range n {
		if err := q.Enqueue(Job{SessionID: "s", TakeID: fmt.Sprint("t", i), AudioPath: audioPath}); err != nil {
			t.Fatal(err)
		}
	}
	for range n {
		select {
		case <-sink.done:
		case <-time.After(5 * time.Second):
			t.Fatal("the worker is blocked by an unread Updates channel")
		}
	}
	// Now read: the latest status of each take arrives, and it is "done".
	last := map[string]State{}
	for len(last) < n || !allDone(last) {
		select {
		case st := <-updates:
			last[st.TakeID] = st.State
		case <-time.After(2 * time.Second):
			t.Fatalf("updates stopped with %d takes: %v", len(last), last)
		}
	}
}

func allDone(m map[string]State) bool {
	for _, s := range m {
		if s != StateDone {
			return false
		}
	}
	return true
}

func TestQueueSinkFailure(t *testing.T) {
	dir := t.TempDir()
	audioPath, _ := writeTone(t, dir, "t.wav", 1)
	sink := newMemSink(dir)
	sink.fail = errors.New("disk full")
	q := newTestQueue(t, filepath.Join(dir, "queue"), &scripted{}, sink, &sleeps{}, nil)
	q.Start(context.Background())
	q.Enqueue(Job{SessionID: "s", TakeID: "t", AudioPath: audioPath})
	st := waitState(t, q, "t", StateFailed)
	if !strings.Contains(st.Reason, "could not be saved: disk full") {
		t.Errorf("reason %q", st.Reason)
	}
	// New settings: a working transcriber, and Retry.
	q.SetTranscriber(&scripted{})
	sink.mu.Lock()
	sink.fail = nil
	sink.mu.Unlock()
	q.Retry("t")
	waitState(t, q, "t", StateDone)
	if err := q.Enqueue(Job{TakeID: "x"}); err == nil {
		t.Error("a job without session or audio was accepted")
	}
}
