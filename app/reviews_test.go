package app

import (
	"errors"
	"testing"

	"github.com/rehearse-app/rehearse/assets"
	"github.com/rehearse-app/rehearse/review"
	"github.com/rehearse-app/rehearse/session"
)

func TestReviewsNeedATranscriptAndKeepTheSummary(t *testing.T) {
	store, err := OpenLibrary(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	rules, errs := review.LoadRules(review.BankSource{FS: assets.Rules(), Dir: "rules", Label: "builtin"})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	bank, _ := review.LoadBank(review.BankSource{FS: assets.Questions(), Dir: "questions", Label: "builtin"})
	q, _ := bank.ByID("impossible-request")
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
