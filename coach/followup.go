package coach

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"
)

// maxFollowUpTokens bounds the follow-up's answer; a question is short.
const maxFollowUpTokens = 300

// maxFollowUpRunes is the longest follow-up kept; longer ones are cut at
// their first question mark.
const maxFollowUpRunes = 400

// FollowUp is one follow-up question, grounded in the answer.
type FollowUp struct {
	// Question is the follow-up, as the interviewer asks it.
	Question string `json:"follow_up"`
	Meta
}

// FollowUp asks the model for one follow-up question about the answer a.
func (c *Client) FollowUp(ctx context.Context, a Answer) (*FollowUp, error) {
	op := "asking a follow-up question"
	d, notice, err := c.answerData(a)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	text, meta, err := c.chat(ctx, request{
		op: op, maxTokens: maxFollowUpTokens, plainText: true,
		render: func(bool) (string, string, error) { return c.renderPair(tmplFollowUp, tmplAnswer, d) },
	})
	addNotice(&meta, notice)
	if err != nil {
		return nil, err
	}
	q := cleanFollowUp(text)
	if q == "" {
		return nil, c.answerError(op, ErrMalformed, "it holds no question")
	}
	return &FollowUp{Question: q, Meta: meta}, nil
}

// renderPair renders a system and a user template.
func (c *Client) renderPair(system, user string, d *promptData) (string, string, error) {
	s, err := c.prompts.render(system, d)
	if err != nil {
		return "", "", err
	}
	u, err := c.prompts.render(user, d)
	return s, u, err
}

// addNotice adds a non-empty notice to m.
func addNotice(m *Meta, notice string) {
	if notice != "" {
		m.Notices = append([]string{notice}, m.Notices...)
	}
}

// cleanFollowUp keeps the question of a model's reply: without a label
// such as "Follow-up:", surrounding quotes or a second paragraph, and at
// most maxFollowUpRunes long (cut after its first question).
func cleanFollowUp(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.Index(s, "\n\n"); i > 0 {
		s = s[:i]
	}
	s = strings.Join(strings.Fields(strings.ReplaceAll(s, "**", "")), " ")
	for _, p := range []string{"follow-up question:", "follow-up:", "follow up:", "question:", "interviewer:"} {
		if len(s) >= len(p) && strings.EqualFold(s[:len(p)], p) {
			s = strings.TrimSpace(s[len(p):])
		}
	}
	s = strings.Trim(s, "\"“”'*_ ")
	if utf8.RuneCountInString(s) > maxFollowUpRunes {
		if i := strings.IndexByte(s, '?'); i > 0 {
			s = s[:i+1]
		}
	}
	if utf8.RuneCountInString(s) > maxFollowUpRunes {
		s = string([]rune(s)[:maxFollowUpRunes]) + "…"
	}
	return s
}
