package transcribe

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/rehearse-app/rehearse/internal/atomicfile"
	"github.com/rehearse-app/rehearse/review"
)

// State is where a take stands in transcription, in plain words.
type State string

// The states a take goes through.
const (
	StateNotTranscribed State = "not transcribed"
	StateQueued         State = "queued"
	StateTranscribing   State = "transcribing"
	StateDone           State = "done"
	StateFailed         State = "failed"
)

// Transcriber turns a recording into a transcript; *Client is one.
type Transcriber interface {
	TranscribeFile(ctx context.Context, path string, hints Hints) (*review.Transcript, error)
}

// Sink stores a finished transcript with its take; the session store is one.
type Sink interface {
	SaveTranscript(sessionID, takeID string, t *review.Transcript) error
}

// Job is a take to transcribe.
type Job struct {
	SessionID string `json:"session_id"`
	TakeID    string `json:"take_id"`
	AudioPath string `json:"audio_path"`
	Hints     Hints  `json:"hints"`
}

// JobStatus is what the UI shows for a take.
type JobStatus struct {
	SessionID string
	TakeID    string
	State     State
	// Reason says in plain words why a take failed, was cancelled, or is
	// waiting to be retried; empty otherwise.
	Reason string
	// Attempts counts the requests made for the current run of the job.
	Attempts int
	// Updated is when the status last changed.
	Updated time.Time
}

// QueueConfig holds what a Queue needs. Dir, Transcriber and Sink are required.
type QueueConfig struct {
	// Dir holds the queue state (queue.json), written atomically.
	Dir string
	// Transcriber does the work, usually a *Client.
	Transcriber Transcriber
	// Sink receives each finished transcript.
	Sink Sink
	// Updates, when set, receives status changes. Sends never block the
	// worker: when the reader is slow, only the latest status of each take
	// is delivered.
	Updates chan<- JobStatus
	// MaxAttempts bounds the requests per job; 0 means 5.
	MaxAttempts int
	// BaseDelay is the first retry delay, doubled each attempt, with
	// jitter; 0 means 2s.
	BaseDelay time.Duration
	// MaxDelay caps the retry delay (not a server's Retry-After, which is
	// honoured up to 10 minutes); 0 means 2 minutes.
	MaxDelay time.Duration
	// Now returns the time; nil means time.Now.
	Now func() time.Time
	// Sleep waits d or until ctx ends; nil means a real timer. Tests
	// replace it to record the delays without waiting.
	Sleep func(ctx context.Context, d time.Duration) error
}

// ErrUnknownTake means the queue has never seen the take.
var ErrUnknownTake = errors.New("the take is not in the transcription queue")

// maxRetryAfter caps a server's Retry-After.
const maxRetryAfter = 10 * time.Minute

// entry is a job and its status.
type entry struct {
	job    Job
	status JobStatus
	seq    uint64 // enqueue order
}

// Queue transcribes takes one at a time in the background, retrying
// transient failures, and remembers queued work across restarts.
type Queue struct {
	cfg QueueConfig

	mu       sync.Mutex
	jobs     map[string]*entry
	seq      uint64
	running  string             // take being transcribed or waiting to retry
	cancel   context.CancelFunc // cancels the running take
	canceled bool               // Cancel was called for the running take
	warnings []string

	wake chan struct{}

	pending      map[string]JobStatus // latest unsent status per take
	pendingOrder []string
	notify       chan struct{}

	startOnce sync.Once
	stop      context.CancelFunc
	wg        sync.WaitGroup
}

// NewQueue loads the queue state from cfg.Dir (creating it) and returns a
// queue that does nothing until Start. Jobs that were being transcribed when
// the app stopped are queued again.
func NewQueue(cfg QueueConfig) (*Queue, error) {
	if cfg.Dir == "" {
		return nil, errors.New("transcription queue: QueueConfig.Dir is empty")
	}
	if cfg.Transcriber == nil || cfg.Sink == nil {
		return nil, errors.New("transcription queue: QueueConfig.Transcriber and QueueConfig.Sink are required")
	}
	if cfg.MaxAttempts <= 0 {
		cfg.MaxAttempts = 5
	}
	if cfg.BaseDelay <= 0 {
		cfg.BaseDelay = 2 * time.Second
	}
	if cfg.MaxDelay <= 0 {
		cfg.MaxDelay = 2 * time.Minute
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Sleep == nil {
		cfg.Sleep = sleepCtx
	}
	if err := os.MkdirAll(cfg.Dir, 0o700); err != nil {
		return nil, fmt.Errorf("transcription queue: making %s: %w", cfg.Dir, err)
	}
	saved, warning, err := loadQueueFile(cfg.Dir, cfg.Now())
	if err != nil {
		return nil, fmt.Errorf("transcription queue: %w", err)
	}
	q := &Queue{
		cfg:     cfg,
		jobs:    map[string]*entry{},
		wake:    make(chan struct{}, 1),
		pending: map[string]JobStatus{},
		notify:  make(chan struct{}, 1),
	}
	if warning != "" {
		q.warnings = append(q.warnings, warning)
	}
	for _, s := range saved {
		q.seq++
		q.jobs[s.TakeID] = &entry{job: s.Job, seq: q.seq, status: JobStatus{
			SessionID: s.SessionID, TakeID: s.TakeID, State: s.State,
			Reason: s.Reason, Attempts: s.Attempts, Updated: s.Updated,
		}}
	}
	return q, nil
}

// Warnings returns problems met while loading the queue state.
func (q *Queue) Warnings() []string {
	q.mu.Lock()
	defer q.mu.Unlock()
	return append([]string(nil), q.warnings...)
}

// SetTranscriber replaces the transcriber for the takes that start from now
// on, e.g. after the API key, base URL or model changed in Settings. A take
// being transcribed finishes with the old one.
func (q *Queue) SetTranscriber(t Transcriber) {
	if t == nil {
		return
	}
	q.mu.Lock()
	q.cfg.Transcriber = t
	q.mu.Unlock()
	q.poke()
}

// Start runs the worker until ctx ends or Close is called. Calling it again
// does nothing.
func (q *Queue) Start(ctx context.Context) {
	q.startOnce.Do(func() {
		ctx, q.stop = context.WithCancel(ctx)
		q.wg.Add(1)
		go q.work(ctx)
		if q.cfg.Updates != nil {
			q.wg.Add(1)
			go q.forward(ctx)
		}
		q.poke()
	})
}

// Close stops the worker and waits for it. A take being transcribed is
// interrupted and stays queued for the next start.
func (q *Queue) Close() {
	q.mu.Lock()
	stop := q.stop
	q.mu.Unlock()
	if stop != nil {
		stop()
	}
	q.wg.Wait()
}

// Enqueue adds a finished take. A take already queued or being transcribed
// is left as it is; a done, failed or cancelled one is queued again.
func (q *Queue) Enqueue(j Job) error {
	if j.TakeID == "" || j.SessionID == "" || j.AudioPath == "" {
		return fmt.Errorf("transcription queue: job needs a session id, a take id and an audio path (got %q, %q, %q)", j.SessionID, j.TakeID, j.AudioPath)
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	prev, had := q.jobs[j.TakeID]
	if had && prev.active() {
		return nil
	}
	q.jobs[j.TakeID] = &entry{job: j}
	if err := q.requeueLocked(j.TakeID); err != nil {
		if had {
			q.jobs[j.TakeID] = prev
		} else {
			delete(q.jobs, j.TakeID)
		}
		return err
	}
	return nil
}

// Cancel stops a queued or running take; it becomes "not transcribed" with
// the reason "cancelled". The recording is not touched.
func (q *Queue) Cancel(takeID string) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	e, ok := q.jobs[takeID]
	if !ok {
		return fmt.Errorf("cancelling take %q: %w", takeID, ErrUnknownTake)
	}
	if q.running == takeID && q.cancel != nil {
		q.canceled = true
		q.cancel() // the worker records the state when the request returns
		return nil
	}
	if e.status.State == StateQueued {
		q.setLocked(takeID, StateNotTranscribed, "cancelled", 0)
		return q.persistLocked()
	}
	return nil
}

// Retry queues a failed, cancelled or done take again with fresh attempts.
func (q *Queue) Retry(takeID string) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	e, ok := q.jobs[takeID]
	if !ok {
		return fmt.Errorf("retrying take %q: %w", takeID, ErrUnknownTake)
	}
	if e.active() {
		return nil
	}
	return q.requeueLocked(takeID)
}

// active reports whether the take is waiting for or in transcription.
func (e *entry) active() bool {
	return e.status.State == StateQueued || e.status.State == StateTranscribing
}

// requeueLocked puts a take at the end of the queue with fresh attempts,
// persists the queue and wakes the worker.
func (q *Queue) requeueLocked(takeID string) error {
	q.seq++
	q.jobs[takeID].seq = q.seq
	q.setLocked(takeID, StateQueued, "", 0)
	if err := q.persistLocked(); err != nil {
		return err
	}
	q.poke()
	return nil
}

// Forget drops a take from the queue (e.g. when the take is deleted),
// cancelling it if it runs.
func (q *Queue) Forget(takeID string) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.running == takeID && q.cancel != nil {
		q.canceled = true
		q.cancel()
	}
	delete(q.jobs, takeID)
	return q.persistLocked()
}

// Status returns the take's status; a take the queue never saw is "not
// transcribed".
func (q *Queue) Status(takeID string) JobStatus {
	q.mu.Lock()
	defer q.mu.Unlock()
	if e, ok := q.jobs[takeID]; ok {
		return e.status
	}
	return JobStatus{TakeID: takeID, State: StateNotTranscribed}
}

// Statuses returns the status of every take the queue knows, oldest first.
func (q *Queue) Statuses() []JobStatus {
	q.mu.Lock()
	defer q.mu.Unlock()
	es := q.sortedLocked()
	out := make([]JobStatus, len(es))
	for i, e := range es {
		out[i] = e.status
	}
	return out
}

// work is the worker loop.
func (q *Queue) work(ctx context.Context) {
	defer q.wg.Done()
	for {
		e, jctx, ok := q.next(ctx)
		if !ok {
			select {
			case <-ctx.Done():
				return
			case <-q.wake:
				continue
			}
		}
		q.run(ctx, jctx, e)
		if ctx.Err() != nil {
			return
		}
	}
}

// next marks the oldest queued take as transcribing and returns it with a
// context that Cancel ends.
func (q *Queue) next(ctx context.Context) (Job, context.Context, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if ctx.Err() != nil {
		return Job{}, nil, false
	}
	for _, e := range q.sortedLocked() {
		if e.status.State != StateQueued {
			continue
		}
		jctx, cancel := context.WithCancel(ctx)
		q.running, q.cancel, q.canceled = e.job.TakeID, cancel, false
		q.setLocked(e.job.TakeID, StateTranscribing, "", e.status.Attempts)
		q.persistWarnLocked()
		return e.job, jctx, true
	}
	return Job{}, nil, false
}

// run transcribes one take, retrying transient failures.
func (q *Queue) run(ctx, jctx context.Context, j Job) {
	defer func() {
		q.mu.Lock()
		if q.cancel != nil {
			q.cancel()
		}
		q.running, q.cancel, q.canceled = "", nil, false
		q.mu.Unlock()
	}()
	for {
		q.mu.Lock()
		attempts := q.jobs[j.TakeID].status.Attempts + 1
		q.setLocked(j.TakeID, StateTranscribing, "", attempts)
		tr := q.cfg.Transcriber
		q.mu.Unlock()

		t, err := tr.TranscribeFile(jctx, j.AudioPath, j.Hints)
		if err == nil && jctx.Err() == nil {
			if serr := q.cfg.Sink.SaveTranscript(j.SessionID, j.TakeID, t); serr != nil {
				q.finish(j.TakeID, StateFailed, "the transcript could not be saved: "+serr.Error(), attempts)
				return
			}
			q.finish(j.TakeID, StateDone, "", attempts)
			return
		}
		if q.stopped(ctx, jctx, j.TakeID, attempts) {
			return
		}
		if !IsRetryable(err) {
			q.finish(j.TakeID, StateFailed, reasonOf(err), attempts)
			return
		}
		if attempts >= q.cfg.MaxAttempts {
			q.finish(j.TakeID, StateFailed, fmt.Sprintf("gave up after %d attempts: %s", attempts, reasonOf(err)), attempts)
			return
		}
		d := q.backoff(attempts, err)
		q.mu.Lock()
		q.setLocked(j.TakeID, StateQueued, fmt.Sprintf("will retry in %s: %s", d.Round(time.Second), reasonOf(err)), attempts)
		q.persistWarnLocked()
		q.mu.Unlock()
		if q.cfg.Sleep(jctx, d) != nil || jctx.Err() != nil {
			q.stopped(ctx, jctx, j.TakeID, attempts)
			return
		}
	}
}

// stopped handles a take interrupted by Cancel or Close; it reports
// whether the take was interrupted.
func (q *Queue) stopped(ctx, jctx context.Context, takeID string, attempts int) bool {
	if jctx.Err() == nil {
		return false
	}
	q.mu.Lock()
	canceled := q.canceled
	q.mu.Unlock()
	if ctx.Err() != nil && !canceled {
		q.finish(takeID, StateQueued, "", attempts) // the app is closing: do it next time
	} else {
		q.finish(takeID, StateNotTranscribed, "cancelled", attempts)
	}
	return true
}

// backoff returns the wait before attempt+1: the server's Retry-After when
// it gave one, else BaseDelay·2^(attempt-1) capped at MaxDelay, with jitter
// between half and all of it.
func (q *Queue) backoff(attempt int, err error) time.Duration {
	if ra, ok := RetryAfterOf(err); ok {
		return min(ra, maxRetryAfter)
	}
	d := q.cfg.BaseDelay << min(attempt-1, 20)
	if d <= 0 || d > q.cfg.MaxDelay {
		d = q.cfg.MaxDelay
	}
	half := d / 2
	return half + time.Duration(rand.Int64N(int64(half)+1))
}

// finish records a final (or, on Close, queued) state and persists it.
func (q *Queue) finish(takeID string, st State, reason string, attempts int) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if _, ok := q.jobs[takeID]; !ok {
		return // forgotten meanwhile
	}
	if st == StateQueued {
		attempts = 0
	}
	q.setLocked(takeID, st, reason, attempts)
	q.persistWarnLocked()
}

// setLocked changes a take's status and publishes it.
func (q *Queue) setLocked(takeID string, st State, reason string, attempts int) {
	e := q.jobs[takeID]
	e.status = JobStatus{
		SessionID: e.job.SessionID, TakeID: takeID, State: st,
		Reason: reason, Attempts: attempts, Updated: q.cfg.Now(),
	}
	q.publishLocked(takeID)
}

// publishLocked hands the take's status to the forwarder without blocking.
func (q *Queue) publishLocked(takeID string) {
	if q.cfg.Updates == nil {
		return
	}
	if _, ok := q.pending[takeID]; !ok {
		q.pendingOrder = append(q.pendingOrder, takeID)
	}
	q.pending[takeID] = q.jobs[takeID].status
	select {
	case q.notify <- struct{}{}:
	default:
	}
}

// forward delivers pending statuses to cfg.Updates, latest per take.
func (q *Queue) forward(ctx context.Context) {
	defer q.wg.Done()
	for {
		select {
		case <-ctx.Done():
			return
		case <-q.notify:
		}
		for {
			q.mu.Lock()
			if len(q.pendingOrder) == 0 {
				q.mu.Unlock()
				break
			}
			id := q.pendingOrder[0]
			q.pendingOrder = q.pendingOrder[1:]
			st := q.pending[id]
			delete(q.pending, id)
			q.mu.Unlock()
			select {
			case q.cfg.Updates <- st:
			case <-ctx.Done():
				return
			}
		}
	}
}

// poke wakes the worker.
func (q *Queue) poke() {
	select {
	case q.wake <- struct{}{}:
	default:
	}
}

// sortedLocked returns the entries in enqueue order.
func (q *Queue) sortedLocked() []*entry {
	es := make([]*entry, 0, len(q.jobs))
	for _, e := range q.jobs {
		es = append(es, e)
	}
	for i := 1; i < len(es); i++ { // insertion sort: queues are short
		for k := i; k > 0 && es[k].seq < es[k-1].seq; k-- {
			es[k], es[k-1] = es[k-1], es[k]
		}
	}
	return es
}

// persistLocked writes the state file atomically.
func (q *Queue) persistLocked() error {
	sq := savedQueue{Version: queueFileVersion, Jobs: []savedJob{}}
	for _, e := range q.sortedLocked() {
		sq.Jobs = append(sq.Jobs, savedJob{
			Job: e.job, State: e.status.State, Reason: e.status.Reason,
			Attempts: e.status.Attempts, Updated: e.status.Updated,
		})
	}
	data, err := json.MarshalIndent(sq, "", "  ")
	if err != nil {
		return fmt.Errorf("transcription queue: encoding state: %w", err)
	}
	if err := atomicfile.WriteFile(filepath.Join(q.cfg.Dir, queueFileName), append(data, '\n'), 0o600); err != nil {
		return fmt.Errorf("transcription queue: %w", err)
	}
	return nil
}

// persistWarnLocked persists and keeps a failure as a warning: the worker
// has no caller to return it to.
func (q *Queue) persistWarnLocked() {
	if err := q.persistLocked(); err != nil && len(q.warnings) < 20 {
		q.warnings = append(q.warnings, err.Error())
	}
}

// reasonOf turns an error into the plain-words reason shown to the user.
func reasonOf(err error) string {
	if err == nil {
		return ""
	}
	return Redact(err.Error(), "")
}

// sleepCtx waits d or until ctx ends.
func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
