package app

import (
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/rehearse-app/rehearse/review"
	"github.com/rehearse-app/rehearse/session"
)

// ErrNoTranscript means a take has no transcript yet, so it can't be reviewed.
var ErrNoTranscript = errors.New("the take has no transcript yet")

// Reviews reviews takes of the library: the transcript, the question
// snapshot of the session and the recording's energy envelope. It is the
// one review path of the app and of the command line.
type Reviews struct {
	rv        *review.Reviewer
	store     *session.Store
	envelopes *EnvelopeCache

	calMu  sync.Mutex
	cal    PaceCalibration
	calAt  time.Time // when cal was taken from the library
	calTTL time.Duration
}

// NewReviews returns the review path over a reviewer and a library.
// envelopes, when not nil, is shared with the waveform so a take's
// recording is read once; nil reads the recording each time.
func NewReviews(rv *review.Reviewer, store *session.Store, envelopes *EnvelopeCache) *Reviews {
	return &Reviews{rv: rv, store: store, envelopes: envelopes, calTTL: 2 * time.Second}
}

// Review reviews one take: its transcript with what the recording says
// about the delivery, or, with no transcript yet, the delivery from the
// recording alone (the other areas "not assessed"). A missing or
// unreadable recording leaves the audio out. It fails with ErrNoTranscript
// when the take has neither a transcript nor a readable recording.
func (t *Reviews) Review(s *session.Session, tk *session.Take) (*review.Report, error) {
	q := s.Question(tk.QuestionID)
	var env *review.Envelope
	var del *review.AudioDelivery
	var dur float64
	if tk.Audio != "" {
		env, del, dur, _ = t.recording(t.store.TakePath(s, *tk))
	}
	if tk.Transcript == nil || tk.Transcript.Text == "" {
		if del == nil {
			return nil, ErrNoTranscript
		}
		// with no words of its own, the estimate learns from the speaker's
		// transcribed takes
		del = t.calibration().Apply(del)
		return t.rv.Review(review.Input{Transcript: &review.Transcript{Duration: dur}, Question: q, Envelope: env, Audio: del}), nil
	}
	// An answer without words, or one past the limits, gets no scores.
	if err := review.CheckTranscript(tk.Transcript); err != nil {
		return nil, err
	}
	tr := *tk.Transcript
	if tr.Duration == 0 {
		tr.Duration = dur
	}
	return t.rv.Review(review.Input{Transcript: &tr, Question: q, Envelope: env, Audio: del}), nil
}

// calibration is the library's pace calibration, listed again at most
// every calTTL: a session's audio-only takes are reviewed one after another.
func (t *Reviews) calibration() PaceCalibration {
	t.calMu.Lock()
	defer t.calMu.Unlock()
	if t.calAt.IsZero() || time.Since(t.calAt) > t.calTTL {
		t.cal, t.calAt = LibraryCalibration(t.store), time.Now()
	}
	return t.cal
}

// recording reads a take's envelope and delivery, through the cache when
// there is one.
func (t *Reviews) recording(path string) (*review.Envelope, *review.AudioDelivery, float64, error) {
	if t.envelopes == nil {
		return LoadRecording(path)
	}
	return t.envelopes.Recording(path)
}

// Session reviews every take of a session that has a transcript or a
// readable recording, keyed by take id.
func (t *Reviews) Session(s *session.Session) map[string]*review.Report {
	out := map[string]*review.Report{}
	for i := range s.Takes {
		if r, err := t.Review(s, &s.Takes[i]); err == nil {
			out[s.Takes[i].ID] = r
		}
	}
	return out
}

// ReviewAndSummarize reviews a take and keeps its summary in the library up
// to date, so the list and progress chart follow edits of the transcript.
func (t *Reviews) ReviewAndSummarize(s *session.Session, tk *session.Take) (*review.Report, error) {
	rep, err := t.Review(s, tk)
	if err != nil {
		return nil, err
	}
	sum := rep.Summary()
	if tk.Summary == nil || !sameSummary(*tk.Summary, sum) {
		if err := t.store.SetSummary(s.ID, tk.ID, &sum); err != nil {
			return rep, fmt.Errorf("saving the take's scores: %w", err)
		}
		t.calMu.Lock()
		t.calAt = time.Time{} // the take may now calibrate the pace
		t.calMu.Unlock()
	}
	return rep, nil
}

// Summarize reviews a stored take and saves its summary; failures are
// ignored (the take simply has no scores yet).
func (t *Reviews) Summarize(sessID, takeID string) {
	s, err := t.store.Get(sessID)
	if err != nil {
		return
	}
	if tk := s.Take(takeID); tk != nil {
		t.ReviewAndSummarize(s, tk)
	}
}

// sameSummary reports whether two summaries would be stored the same.
func sameSummary(a, b review.Summary) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return string(ja) == string(jb)
}
