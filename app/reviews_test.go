package app

import (
	"errors"
	"testing"
	"time"

	"github.com/rehearse-app/rehearse/assets"
	"github.com/rehearse-app/rehearse/audio"
	"github.com/rehearse-app/rehearse/internal/testkit"
	"github.com/rehearse-app/rehearse/review"
	"github.com/rehearse-app/rehearse/session"
)

func TestReviewsNeedATranscriptAndKeepTheSummary(t *testing.T) {
	store, rules, q := reviewsFixture(t)
	sess, err := store.Create("t", []review.Question{q})
	if err != nil {
		t.Fatal(err)
	}
	for _, tk := range []session.Take{
		{ID: "bare", QuestionID: q.ID, Duration: 3},
		{ID: "typed", QuestionID: q.ID, Duration: 3,
			Transcript: &review.Transcript{Text: "We can launch a simple version in 24 hours, or the full one in 48. It's your call."}},
	} {
		if err := store.AddTake(sess.ID, tk); err != nil {
			t.Fatal(err)
		}
	}
	rv := NewReviews(review.New(rules), store, nil)
	sess, err = store.Get(sess.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := rv.Review(sess, sess.Take("bare")); !errors.Is(err, ErrNoTranscript) {
		t.Errorf("a take without a transcript: %v, want ErrNoTranscript", err)
	}
	if reps := rv.Session(sess); len(reps) != 1 || reps["typed"] == nil {
		t.Errorf("Session = %v, want the typed take only", reps)
	}
	rv.Summarize(sess.ID, "typed")
	sess, _ = store.Get(sess.ID)
	if sum := sess.Take("typed").Summary; sum == nil || sum.Scores.Agency < 90 {
		t.Errorf("summary = %+v, want the trade-off answer's high agency score", sum)
	}
}

// TestReviewsFromTheRecordingAlone: a take with a recording and no
// transcript gets the delivery review from its audio (the other areas not
// assessed), and its summary keeps the estimated pace for the chart.
func TestReviewsFromTheRecordingAlone(t *testing.T) {
	store, rules, q := reviewsFixture(t)
	// 20 s of speech-like sound with a 4 s silence in the middle.
	x := append(testkit.Syllables(8, 4), make([]int16, 4*audio.TakeRate)...)
	x = append(x, testkit.Syllables(8, 4)...)
	sess, tk := recordedTake(t, store, q, x)
	rv := NewReviews(review.New(rules), store, &EnvelopeCache{})
	rep, err := rv.ReviewAndSummarize(sess, tk)
	if err != nil {
		t.Fatalf("review from the recording: %v", err)
	}
	if rep.Metrics.WPMAudio <= 0 || !rep.ScoreReasons.Delivery.Assessed || rep.ScoreReasons.Agency.Assessed {
		t.Errorf("audio-only review: wpm_audio %v, delivery assessed %v, agency assessed %v; want a pace, delivery only",
			rep.Metrics.WPMAudio, rep.ScoreReasons.Delivery.Assessed, rep.ScoreReasons.Agency.Assessed)
	}
	long := false
	for _, f := range rep.Findings {
		long = long || f.Rule == "long-pause" && f.HasTime
	}
	if !long {
		t.Errorf("the 4 s silence is not a timed long-pause finding: %+v", rep.Findings)
	}
	sess, _ = store.Get(sess.ID)
	if sum := sess.Take(tk.ID).Summary; sum == nil || sum.WPMAudio <= 0 {
		t.Errorf("summary %+v: want the estimated pace kept", sum)
	}
}

// reviewsFixture is an empty library, the built-in rules and the built-in
// impossible-request question.
func reviewsFixture(t *testing.T) (*session.Store, *review.RuleSet, review.Question) {
	t.Helper()
	store, err := OpenLibrary(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	rules, errs := review.LoadRules(review.BankSource{FS: assets.Rules(), Dir: "rules", Label: "builtin"})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	bank, _ := review.LoadBank(review.BankSource{FS: assets.Questions(), Dir: "questions", Label: "builtin"})
	q, ok := bank.ByID("impossible-request")
	if !ok {
		t.Fatal("no built-in question impossible-request")
	}
	return store, rules, q
}

// recordedTake adds to store a finished take of q whose recording holds
// samples (mono, at the take rate), with no transcript.
func recordedTake(t *testing.T, store *session.Store, q review.Question, samples []int16) (*session.Session, *session.Take) {
	t.Helper()
	p, err := store.BeginTake("", "t", []review.Question{q}, q.ID)
	if err != nil {
		t.Fatal(err)
	}
	if err := audio.WriteWAVFile(p.Path, &audio.PCM{Rate: audio.TakeRate, Channels: 1, Samples: samples}); err != nil {
		t.Fatal(err)
	}
	d := time.Duration(len(samples)) * time.Second / audio.TakeRate
	if _, err := store.FinishTake(p, d); err != nil {
		t.Fatal(err)
	}
	sess, err := store.Get(p.SessionID)
	if err != nil {
		t.Fatal(err)
	}
	return sess, sess.Take(p.TakeID)
}

// TestReviewsOfASilentTake: a take whose recording holds no speech (a muted
// microphone) is reviewed as such: one no-speech finding and no area
// assessed, so the library does not keep a flawless delivery score for it.
func TestReviewsOfASilentTake(t *testing.T) {
	store, rules, q := reviewsFixture(t)
	sess, tk := recordedTake(t, store, q, make([]int16, 6*audio.TakeRate))
	rv := NewReviews(review.New(rules), store, &EnvelopeCache{})
	rep, err := rv.ReviewAndSummarize(sess, tk)
	if err != nil {
		t.Fatalf("review of a silent take: %v", err)
	}
	if len(rep.Findings) != 1 || rep.Findings[0].Rule != "no-speech" {
		t.Errorf("findings %+v, want one no-speech", rep.Findings)
	}
	if rep.ScoreReasons.Delivery.Assessed {
		t.Errorf("delivery assessed (%d) on a silent take", rep.Scores.Delivery)
	}
	sess, _ = store.Get(sess.ID)
	if sum := sess.Take(tk.ID).Summary; sum == nil || sum.Assessed.Delivery {
		t.Errorf("summary %+v: want one kept, with delivery not assessed", sum)
	}
}
