package session

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestSetRewriteStoresAndClears(t *testing.T) {
	st, err := Open(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	sess, err := st.Create("rewrite", nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.AddTake(sess.ID, Take{ID: "t1", QuestionID: "q", Audio: "t1.wav"}); err != nil {
		t.Fatal(err)
	}
	when := time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)
	r := &TakeRewrite{Text: "I started from [your number] of leads.", Placeholders: 1, Model: "m", Server: "127.0.0.1", Created: when}
	if err := st.SetRewrite(sess.ID, "t1", r); err != nil {
		t.Fatal(err)
	}
	got, err := st.Get(sess.ID)
	if err != nil {
		t.Fatal(err)
	}
	if tk := got.Take("t1"); tk.Rewrite == nil || *tk.Rewrite != *r {
		t.Fatalf("rewrite = %+v, want %+v", tk.Rewrite, r)
	}
	if err := st.SetRewrite(sess.ID, "t1", &TakeRewrite{Text: " "}); err == nil {
		t.Error("an empty rewrite was accepted")
	}
	if err := st.SetRewrite(sess.ID, "t1", &TakeRewrite{Text: strings.Repeat("a", MaxRewriteBytes+1)}); err == nil {
		t.Error("an oversized rewrite was accepted")
	}
	if err := st.SetRewrite(sess.ID, "nope", r); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing take: %v, want ErrNotFound", err)
	}
	if err := st.SetRewrite(sess.ID, "t1", nil); err != nil {
		t.Fatal(err)
	}
	got, _ = st.Get(sess.ID)
	if got.Take("t1").Rewrite != nil {
		t.Error("rewrite not cleared")
	}
}

func TestSetFollowUpLinksTakesOfOneQuestion(t *testing.T) {
	st, err := Open(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	sess, err := st.Create("follow-up", nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tk := range []Take{{ID: "t1", QuestionID: "q", Audio: "t1.wav"}, {ID: "t2", QuestionID: "q", Audio: "t2.wav"},
		{ID: "t3", QuestionID: "other", Audio: "t3.wav"}} {
		if err := st.AddTake(sess.ID, tk); err != nil {
			t.Fatal(err)
		}
	}
	fu := TakeFollowUp{Parent: "t1", Question: "Which attribution model?", Model: "m"}
	if err := st.SetFollowUp(sess.ID, "t2", fu); err != nil {
		t.Fatal(err)
	}
	got, _ := st.Get(sess.ID)
	if f := got.Take("t2").FollowUp; f == nil || *f != fu {
		t.Fatalf("follow-up = %+v", f)
	}
	for name, c := range map[string]struct {
		take string
		fu   TakeFollowUp
	}{
		"itself":         {"t1", fu},
		"no parent":      {"t2", TakeFollowUp{Parent: "nope", Question: "Why?"}},
		"other question": {"t3", fu},
		"empty":          {"t2", TakeFollowUp{Parent: "t1", Question: " "}},
	} {
		if err := st.SetFollowUp(sess.ID, c.take, c.fu); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
