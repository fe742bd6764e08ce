package coach

import (
	"context"
	"fmt"
	"strings"
)

// maxRewriteTokens bounds the rewrite's answer: about 300 words, with room.
const maxRewriteTokens = 1500

// Rewrite is a stronger version of an answer that keeps the candidate's own
// facts.
type Rewrite struct {
	// Text is the rewritten answer, with a placeholder such as
	// [your number] wherever the model stated a number or named a system
	// that the original answer does not hold.
	Text string `json:"rewrite"`
	// Placeholders lists what was replaced, in order.
	Placeholders []Placeholder `json:"placeholders"`
	Meta
}

// Rewrite asks the model for a stronger answer to a's question, following
// its rubric. Every number and named system of the rewrite must appear in
// the original answer (or in the question itself); any other is replaced by
// a visible placeholder and listed.
func (c *Client) Rewrite(ctx context.Context, a Answer) (*Rewrite, error) {
	op := "rewriting the answer"
	d, notice, err := c.answerData(a)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	text, meta, err := c.chat(ctx, request{
		op: op, maxTokens: maxRewriteTokens, plainText: true,
		render: func(bool) (string, string, error) { return c.renderPair(tmplRewrite, tmplAnswer, d) },
	})
	addNotice(&meta, notice)
	if err != nil {
		return nil, err
	}
	q := a.Question
	names := []string{q.Prompt}
	for _, tp := range q.TalkingPoints {
		names = append(names, tp.Label)
	}
	f := newFacts(a.Transcript, strings.Join(names, "\n"), q.Prompt)
	out, ph := checkFacts(stripFence(text), f)
	if ph == nil {
		ph = []Placeholder{}
	}
	return &Rewrite{Text: out, Placeholders: ph, Meta: meta}, nil
}
