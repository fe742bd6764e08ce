package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rehearse-app/rehearse/internal/chattest"
	"github.com/rehearse-app/rehearse/internal/testkit"
	"github.com/rehearse-app/rehearse/review"
	"github.com/rehearse-app/rehearse/session"
	"github.com/rehearse-app/rehearse/transcribe"
)

// coachKey is the API key of the tests; it must appear nowhere written.
const coachKey = "sk-test-coach-SECRET-0123456789"

// coachAnswer is a take's transcript for the budget question.
const coachAnswer = "Um, first I'd look at the historical attribution data to see which channels brought in pipeline. " +
	"Then I'd sit down with the VP of Sales. We could fund paid search or events, and each department would see what each option costs them."

// coachOpinion is a second opinion with one fabricated quote.
const coachOpinion = `{"talking_points": [
  {"id": "attribution-data", "covered": true, "quote": "look at the historical attribution data", "reason": "Starts from data."},
  {"id": "velocity-to-revenue", "covered": true, "quote": "we tracked how fast each channel turned into revenue", "reason": "Invented."}],
 "agency": {"verdict": "shows-tradeoffs", "quote": "each department would see what each option costs them", "reason": "Costs."},
 "jump_to_solution": {"verdict": "diagnosed-first", "quote": "first I'd look at the historical attribution data", "reason": "Data first."},
 "star": []}`

// coachFixture is a library with one take (WAV and transcript) and a coach
// switched on against a local chat server.
type coachFixture struct {
	srv   *chattest.Server
	store *session.Store
	coach *Coach
	prefs mapPrefs
	sess  *session.Session
	wav   string
}

func newCoachFixture(t *testing.T) *coachFixture {
	t.Helper()
	root := t.TempDir()
	store, err := OpenLibrary(root)
	if err != nil {
		t.Fatal(err)
	}
	bank, _ := LoadBank(root)
	rules, _ := LoadRules(root)
	q, ok := bank.ByID("budget-prioritization")
	if !ok {
		t.Fatal("no budget-prioritization question")
	}
	sess, err := store.Create("coach", []review.Question{q})
	if err != nil {
		t.Fatal(err)
	}
	tk := session.Take{ID: "t1", QuestionID: q.ID, Audio: "t1.wav", Duration: 1,
		Transcript: &review.Transcript{Text: coachAnswer}, TranscriptState: session.TranscriptDone}
	wav := filepath.Join(store.Dir(sess.ID), tk.Audio)
	if err := os.WriteFile(wav, testkit.WAV(16000), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := store.AddTake(sess.ID, tk); err != nil {
		t.Fatal(err)
	}
	if sess, err = store.Get(sess.ID); err != nil {
		t.Fatal(err)
	}
	srv := chattest.New(t)
	prefs := mapPrefs{PrefInterviewer: InterviewerOn, PrefInterviewerBaseURL: srv.BaseURL(), PrefInterviewerModel: "llama3.2"}
	c := NewCoach(prefs, &memKeys{key: coachKey}, store, NewReviews(review.New(rules), store, nil))
	c.HTTPClient = &http.Client{Timeout: 10 * time.Second}
	return &coachFixture{srv: srv, store: store, coach: c, prefs: prefs, sess: sess, wav: wav}
}

// sums returns the SHA-256 of the take's WAV and of session.json.
func (f *coachFixture) sums(t *testing.T) [2]string {
	t.Helper()
	var out [2]string
	for i, p := range []string{f.wav, filepath.Join(f.store.Dir(f.sess.ID), "session.json")} {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		h := sha256.Sum256(b)
		out[i] = hex.EncodeToString(h[:])
	}
	return out
}

// noKeyWritten fails when the key is in any file of the library.
func (f *coachFixture) noKeyWritten(t *testing.T) {
	t.Helper()
	filepath.WalkDir(f.store.Root(), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if b, _ := os.ReadFile(p); strings.Contains(string(b), coachKey) {
				t.Errorf("the API key is in %s", p)
			}
		}
		return nil
	})
}

func TestCoachTestButtonSaysWhoAnswered(t *testing.T) {
	f := newCoachFixture(t)
	f.prefs[PrefInterviewer] = "" // the test works before switching on
	msg, err := f.coach.Test(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(msg, "llama3.2") || !strings.Contains(msg, "Which attribution model") {
		t.Errorf("message = %q", msg)
	}
	if auth := f.srv.Authorizations(); len(auth) != 1 || auth[0] != "Bearer "+coachKey {
		t.Errorf("authorization = %q, want the transcription key", auth)
	}
	f.srv.Fail("401")
	_, err = f.coach.Test(context.Background())
	if !errors.Is(err, transcribe.ErrUnauthorized) || strings.Contains(err.Error(), coachKey) {
		t.Errorf("401: %v, want ErrUnauthorized without the key", err)
	}
}

func TestCoachNeedsAKeyOrServerAndToBeOn(t *testing.T) {
	f := newCoachFixture(t)
	tk := f.sess.Take("t1")
	f.prefs[PrefInterviewer] = ""
	if _, err := f.coach.Rewrite(context.Background(), f.sess, tk); !errors.Is(err, ErrInterviewerOff) {
		t.Errorf("off: %v, want ErrInterviewerOff", err)
	}
	f.prefs[PrefInterviewer] = InterviewerOn
	f.prefs[PrefInterviewerBaseURL] = ""
	f.coach.keys = &memKeys{}
	if _, err := f.coach.SecondOpinion(context.Background(), f.sess, tk); err == nil || !strings.Contains(err.Error(), "no interviewer model is set up") {
		t.Errorf("no key, no server: %v", err)
	}
	if len(f.srv.Requests()) != 0 {
		t.Error("a request was sent")
	}
}

func TestCoachSecondOpinionComparesAndWritesNothing(t *testing.T) {
	f := newCoachFixture(t)
	before := f.sums(t)
	f.srv.Reply(coachOpinion)
	op, err := f.coach.SecondOpinion(context.Background(), f.sess, f.sess.Take("t1"))
	if err != nil {
		t.Fatal(err)
	}
	if op.DroppedCount != 1 || op.UnsupportedLine() != "1 unsupported claim dropped" {
		t.Errorf("dropped = %d %q", op.DroppedCount, op.UnsupportedLine())
	}
	if len(op.Agreement) == 0 || op.Builtin == nil {
		t.Errorf("agreement = %+v, builtin = %v", op.Agreement, op.Builtin)
	}
	if f.sums(t) != before {
		t.Error("the second opinion changed the take")
	}
	body := strings.Join(f.srv.Requests(), "\n")
	if !strings.Contains(body, "historical attribution data") || strings.Contains(body, "RIFF") {
		t.Error("the request must hold the transcript and no audio")
	}
}

func TestCoachRewriteIsSavedWithTheTake(t *testing.T) {
	f := newCoachFixture(t)
	f.srv.Reply("I'd start from the attribution data, then cut events by 40% with the VP of Sales.")
	rw, err := f.coach.Rewrite(context.Background(), f.sess, f.sess.Take("t1"))
	if err != nil {
		t.Fatal(err)
	}
	if len(rw.Placeholders) != 1 || strings.Contains(rw.Text, "40%") {
		t.Errorf("rewrite = %q %+v, want the invented number replaced", rw.Text, rw.Placeholders)
	}
	s, err := f.store.Get(f.sess.ID)
	if err != nil {
		t.Fatal(err)
	}
	got := s.Take("t1")
	if got.Rewrite == nil || got.Rewrite.Text != rw.Text || got.Rewrite.Model != "llama3.2" || got.Rewrite.Placeholders != 1 || got.Rewrite.Created.IsZero() {
		t.Errorf("saved = %+v", got.Rewrite)
	}
	if got.Transcript.Text != coachAnswer {
		t.Error("the transcript changed")
	}
	f.noKeyWritten(t)
}

// TestCoachFailuresLeaveTheTakeUntouched: a 500 or a 401 (whose body
// echoes the key) changes neither the WAV nor session.json, and the error
// holds no key.
func TestCoachFailuresLeaveTheTakeUntouched(t *testing.T) {
	for _, kind := range []string{"500", "401"} {
		t.Run(kind, func(t *testing.T) {
			f := newCoachFixture(t)
			before := f.sums(t)
			tk := f.sess.Take("t1")
			f.srv.Fail(kind, kind)
			_, err := f.coach.Rewrite(context.Background(), f.sess, tk)
			if err == nil || strings.Contains(err.Error(), coachKey) {
				t.Fatalf("rewrite: %v, want a failure without the key", err)
			}
			_, err = f.coach.SecondOpinion(context.Background(), f.sess, tk)
			if err == nil || strings.Contains(err.Error(), coachKey) {
				t.Fatalf("second opinion: %v, want a failure without the key", err)
			}
			if f.sums(t) != before {
				t.Error("a failed request changed the take")
			}
			f.noKeyWritten(t)
		})
	}
}

func TestCoachSendsNotesOnlyWhenTicked(t *testing.T) {
	f := newCoachFixture(t)
	const noteText = "Name the attribution model PRIVATE-NOTE-7"
	if _, err := f.store.AddNote(f.sess.ID, session.Note{TakeID: "t1", Author: "Sam", Tag: session.TagFix,
		Text: noteText, Start: -1, End: -1, Time: -1}); err != nil {
		t.Fatal(err)
	}
	sess, err := f.store.Get(f.sess.ID)
	if err != nil {
		t.Fatal(err)
	}
	tk := sess.Take("t1")
	// ask sends the three requests that carry an answer and returns their bodies.
	ask := func() []string {
		t.Helper()
		before := len(f.srv.Requests())
		ctx := context.Background()
		f.srv.Reply(coachOpinion)
		if _, err := f.coach.SecondOpinion(ctx, sess, tk); err != nil {
			t.Fatal(err)
		}
		f.srv.Reply("I'd start from the attribution data, then talk to the VP of Sales.")
		if _, err := f.coach.Rewrite(ctx, sess, tk); err != nil {
			t.Fatal(err)
		}
		f.srv.Reply("Which attribution model did you use?")
		if _, err := f.coach.FollowUp(ctx, sess.ID, tk.ID); err != nil {
			t.Fatal(err)
		}
		return f.srv.Requests()[before:]
	}
	if f.coach.SendsNotes() || SentLine(f.coach.SendsNotes()) != WhatIsSent {
		t.Fatal("notes must not be sent by default")
	}
	for i, body := range ask() {
		if strings.Contains(body, "PRIVATE-NOTE-7") || strings.Contains(body, "own notes") {
			t.Errorf("request %d holds the note though the box is not ticked:\n%s", i, body)
		}
	}
	f.prefs[PrefInterviewerNotes] = InterviewerOn
	if !strings.Contains(SentLine(f.coach.SendsNotes()), "your notes on the take") {
		t.Errorf("line = %q", SentLine(true))
	}
	for i, body := range ask() {
		if !strings.Contains(body, "fix: "+noteText+" (Sam)") {
			t.Errorf("request %d lacks the note though the box is ticked:\n%s", i, body)
		}
	}
}
