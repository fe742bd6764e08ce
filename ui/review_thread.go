package ui

import (
	"fmt"
	"strings"

	"github.com/rehearse-app/rehearse/session"
)

// showThread shows the open take's place in its thread under the question
// in the header: for the answer to a follow-up, the follow-up and the take
// it follows up; for a take the interviewer followed up, each follow-up
// asked about it and the take that answers it.
func (s *reviewScreen) showThread() {
	if s.take == nil || s.question == nil {
		return
	}
	lines := threadLines(s.sess, s.take.ID)
	if len(lines) == 0 {
		return
	}
	s.head.prompt.SetText(s.question.Prompt + "\n" + strings.Join(lines, "\n"))
}

// threadLines are the lines of take takeID's thread: "↳ Follow-up to take
// 1: …" when it answers a follow-up, and "↳ Followed up in take 2: …" for
// each follow-up asked about it. Takes are numbered within their question,
// as in the take picker.
func threadLines(sess *session.Session, takeID string) []string {
	if sess == nil {
		return nil
	}
	num := map[string]int{}
	perQ := map[string]int{}
	var take *session.Take
	for i, tk := range sess.Takes {
		perQ[tk.QuestionID]++
		num[tk.ID] = perQ[tk.QuestionID]
		if tk.ID == takeID {
			take = &sess.Takes[i]
		}
	}
	if take == nil {
		return nil
	}
	var lines []string
	if fu := take.FollowUp; fu != nil {
		parent := "an earlier take"
		if n, ok := num[fu.Parent]; ok {
			parent = fmt.Sprintf("take %d", n)
		}
		lines = append(lines, fmt.Sprintf("↳ Follow-up to %s: %s", parent, fu.Question))
	}
	for _, tk := range sess.Takes {
		if tk.FollowUp != nil && tk.FollowUp.Parent == takeID {
			lines = append(lines, fmt.Sprintf("↳ Followed up in take %d: %s", num[tk.ID], tk.FollowUp.Question))
		}
	}
	return lines
}

// followUpMark is the take picker's mark of the answer to a follow-up.
func followUpMark(tk session.Take) string {
	if tk.FollowUp != nil {
		return " · ↳ follow-up"
	}
	return ""
}
