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
