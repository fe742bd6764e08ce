package ui

import (
	"errors"
	"fmt"

	"fyne.io/fyne/v2/widget"
	"github.com/rehearse-app/rehearse/review"
	"github.com/rehearse-app/rehearse/session"
	"github.com/rehearse-app/rehearse/transcribe"
)

// transcriptionUpdate shows a queue status change for the open take. Call
// it on the UI goroutine.
func (s *reviewScreen) transcriptionUpdate(st transcribe.JobStatus) {
	if st.TakeID == "" || st.TakeID != s.takeID {
		return
	}
	s.head.queueStatus = &st
	if st.State == transcribe.StateDone {
		s.refresh() // the transcript arrived: review it
		return
	}
	if s.loaded && s.take != nil {
		s.showState()
	}
}

// showState shows where the take's transcript stands and the button that
// moves it on (see transcribe.DescribeStatus).
func (s *reviewScreen) showState() {
	tk := s.take
	q := s.deps.Transcription
	var st transcribe.JobStatus
	switch {
	case s.head.queueStatus != nil:
		st = *s.head.queueStatus
	case q != nil:
		st = q.Status(tk.ID)
	}
	known := transcribe.TakeTranscript{Has: s.hasTranscript(),
		Failed: tk.TranscriptState == session.TranscriptFailed, Error: tk.TranscriptError}
	if known.Has {
		known.Source = sourceText(tk.Transcript)
	}
	v := transcribe.DescribeStatus(st, q != nil, known)
	s.head.state.SetText(v.Message)
	for btn, act := range map[*widget.Button]transcribe.Action{s.head.transcribeBtn: transcribe.ActionTranscribe,
		s.head.retryBtn: transcribe.ActionRetry, s.head.cancelBtn: transcribe.ActionCancel} {
		if v.Action == act {
			btn.Show()
		} else {
			btn.Hide()
		}
	}
	enable(s.head.transcribeBtn, true)
	enable(s.head.retryBtn, true)
}

// sourceText says where a transcript came from.
func sourceText(t *review.Transcript) string {
	timing := "no word timings"
	if t.HasWordTimings() {
		timing = "word timings"
	}
	if t.Source == nil {
		return timing
	}
	switch t.Source.Model {
	case review.SourceManual:
		return "typed by hand, " + timing
	case review.SourceManualEdited:
		return "corrected by hand, " + timing + " kept for unchanged words"
	}
	src := t.Source.Model
	if t.Source.Server != "" {
		src += " at " + t.Source.Server
	}
	return src + ", " + timing
}

// job describes the open take for the transcription queue.
func (s *reviewScreen) job() transcribe.Job {
	return transcribe.Job{SessionID: s.sessID, TakeID: s.takeID, AudioPath: s.deps.Store.TakePath(s.sess, *s.take),
		Hints: transcribe.Hints{Vocabulary: review.Vocabulary(s.question)}}
}

func (s *reviewScreen) onTranscribe() {
	if s.deps.Transcription == nil || s.take == nil {
		return
	}
	if err := s.deps.Transcription.Enqueue(s.job()); err != nil {
		s.notify(fmt.Errorf("queueing the take for transcription: %w", err))
		return
	}
	s.showQueueStatus()
}

// showQueueStatus asks the queue where the open take stands and shows it.
func (s *reviewScreen) showQueueStatus() {
	st := s.deps.Transcription.Status(s.takeID)
	s.head.queueStatus = &st
	s.showState()
}

// onCancelTranscription takes the open take out of the queue; the
// recording and any transcript are kept.
func (s *reviewScreen) onCancelTranscription() {
	q := s.deps.Transcription
	if q == nil || s.take == nil {
		return
	}
	if err := q.Cancel(s.takeID); err != nil {
		s.notify(fmt.Errorf("cancelling the transcription: %w", err))
		return
	}
	s.showQueueStatus()
}

func (s *reviewScreen) onRetry() {
	q := s.deps.Transcription
	if q == nil || s.take == nil {
		return
	}
	err := q.Retry(s.takeID)
	if errors.Is(err, transcribe.ErrUnknownTake) {
		err = q.Enqueue(s.job()) // failed before a restart the queue forgot
	}
	if err != nil {
		s.notify(fmt.Errorf("retrying the transcription: %w", err))
		return
	}
	s.showQueueStatus()
}
