package ui

import (
	"reflect"
	"testing"

	"github.com/rehearse-app/rehearse/session"
)

// TestThreadLines: a take's thread names the take it follows up and the
// follow-ups asked about it, numbered within the question as in the take
// picker.
func TestThreadLines(t *testing.T) {
	sess := &session.Session{Takes: []session.Take{
		{ID: "a1", QuestionID: "a"},
		{ID: "b1", QuestionID: "b"},
		{ID: "a2", QuestionID: "a", FollowUp: &session.TakeFollowUp{Parent: "a1", Question: "Which model?"}},
		{ID: "a3", QuestionID: "a", FollowUp: &session.TakeFollowUp{Parent: "a2", Question: "Why that one?"}},
		{ID: "b2", QuestionID: "b", FollowUp: &session.TakeFollowUp{Parent: "gone", Question: "And then?"}},
	}}
	cases := []struct {
		take string
		want []string
	}{
		{"a1", []string{"↳ Followed up in take 2: Which model?"}},
		{"a2", []string{"↳ Follow-up to take 1: Which model?", "↳ Followed up in take 3: Why that one?"}},
		{"a3", []string{"↳ Follow-up to take 2: Why that one?"}},
		{"b1", nil},
		{"b2", []string{"↳ Follow-up to an earlier take: And then?"}},
		{"nope", nil},
	}
	for _, c := range cases {
		if got := threadLines(sess, c.take); !reflect.DeepEqual(got, c.want) {
			t.Errorf("threadLines(%s) = %q, want %q", c.take, got, c.want)
		}
	}
	if threadLines(nil, "a1") != nil {
		t.Error("a nil session has no thread")
	}
}

// TestTakeLabelMarksFollowUps: the take picker marks a follow-up answer.
func TestTakeLabelMarksFollowUps(t *testing.T) {
	sess := &session.Session{Questions: nil}
	plain := takeLabel(sess, session.Take{ID: "x", Duration: 64}, 1)
	fu := takeLabel(sess, session.Take{ID: "y", Duration: 5, FollowUp: &session.TakeFollowUp{Parent: "x", Question: "q"}}, 2)
	if plain != "Take 1 · Q0 · 1:04" || fu != "Take 2 · Q0 · ↳ follow-up · 0:05" {
		t.Errorf("labels %q, %q", plain, fu)
	}
}
