package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/rehearse-app/rehearse/session"
	"github.com/rehearse-app/rehearse/transcribe"
)

func TestReviewTranscriptionStates(t *testing.T) {
	f := newReviewFixture(t, reviewOpts{queue: true})
	failed := f.addTake(4, nil)
	fresh := f.addTake(4, nil)
	f.queue.status[failed] = transcribe.JobStatus{SessionID: f.sessID, TakeID: failed, State: transcribe.StateFailed,
		Reason: "the server refused the API key (401)"}
	f.open(failed)
	s := f.s
	if !strings.Contains(s.head.state.Text, "refused the API key") || !s.head.retryBtn.Visible() {
		t.Fatalf("failed take: state %q, retry shown %v", s.head.state.Text, s.head.retryBtn.Visible())
	}
	test.Tap(s.head.retryBtn)
	if len(f.queue.retried) != 1 || f.queue.retried[0] != failed {
		t.Fatalf("retry calls %v", f.queue.retried)
	}
	if !strings.Contains(s.head.state.Text, "Queued") || s.head.retryBtn.Visible() {
		t.Errorf("after retry: state %q", s.head.state.Text)
	}
	// Updates from the queue: for another take they are ignored; for this
	// one they show, and "done" loads the transcript.
	s.transcriptionUpdate(transcribe.JobStatus{TakeID: fresh, State: transcribe.StateFailed, Reason: "other take"})
	if strings.Contains(s.head.state.Text, "other take") {
		t.Error("an update for another take changed the state")
	}
	s.transcriptionUpdate(transcribe.JobStatus{TakeID: failed, State: transcribe.StateTranscribing})
	if s.head.state.Text != "Transcribing…" {
		t.Errorf("state %q, want Transcribing…", s.head.state.Text)
	}
	tr := timedTranscript(answerText, -1)
	if err := f.store.SaveTranscript(f.sessID, failed, tr); err != nil {
		t.Fatal(err)
	}
	s.transcriptionUpdate(transcribe.JobStatus{TakeID: failed, State: transcribe.StateDone})
	f.waitLoaded()
	if s.report == nil || !strings.Contains(s.head.state.Text, "whisper-1") {
		t.Fatalf("after done: state %q, report %v", s.head.state.Text, s.report != nil)
	}

	// A take the queue doesn't know: Transcribe queues it with its audio
	// and the question's vocabulary.
	f.open(fresh)
	if !s.head.transcribeBtn.Visible() {
		t.Fatalf("untranscribed take with a queue: state %q, no Transcribe button", s.head.state.Text)
	}
	test.Tap(s.head.transcribeBtn)
	if len(f.queue.enqueued) != 1 {
		t.Fatalf("enqueued %v", f.queue.enqueued)
	}
	j := f.queue.enqueued[0]
	if j.TakeID != fresh || !strings.HasSuffix(j.AudioPath, ".wav") || len(j.Hints.Vocabulary) == 0 {
		t.Errorf("job %+v", j)
	}
	// A queued take can be cancelled; it can then be transcribed again.
	if !s.head.cancelBtn.Visible() {
		t.Fatalf("queued take: state %q, no Cancel button", s.head.state.Text)
	}
	test.Tap(s.head.cancelBtn)
	if len(f.queue.canceled) != 1 || f.queue.canceled[0] != fresh || !strings.Contains(s.head.state.Text, "cancelled") || !s.head.transcribeBtn.Visible() {
		t.Fatalf("after cancel: canceled %v, state %q, transcribe shown %v", f.queue.canceled, s.head.state.Text, s.head.transcribeBtn.Visible())
	}
	test.Tap(s.head.transcribeBtn)
	f.queue.enqueued = f.queue.enqueued[:1]
	// Failed in the store (before a restart), unknown to the queue: Retry
	// queues it afresh.
	if err := f.store.SetTranscriptState(f.sessID, fresh, session.TranscriptFailed, "network unreachable"); err != nil {
		t.Fatal(err)
	}
	delete(f.queue.status, fresh)
	f.s.head.queueStatus = nil
	f.open(fresh)
	if !strings.Contains(s.head.state.Text, "network unreachable") || !s.head.retryBtn.Visible() {
		t.Fatalf("stored failure: state %q", s.head.state.Text)
	}
	test.Tap(s.head.retryBtn)
	if len(f.queue.enqueued) != 2 {
		t.Errorf("retry of a forgotten take should enqueue it: %v", f.queue.enqueued)
	}
	if len(f.errs) > 0 {
		t.Errorf("errors: %v", f.errs)
	}
}
