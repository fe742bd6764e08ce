package coach

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/rehearse-app/rehearse/review"
)

// maxQuestionsTokens bounds the drafted questions' answer.
const maxQuestionsTokens = 8000

// QuestionSet is a set of drafted questions in the question bank's format.
type QuestionSet struct {
	// YAML is the question file, ready to save in the user's questions
	// folder: it passed the bank loader's checks.
	YAML []byte `json:"-"`
	// Questions are the questions of YAML, as the bank reads them.
	Questions []review.Question `json:"questions"`
	Meta
}

// Questions asks the model for n questions tailored to a job description,
// in the question bank's YAML format. The answer must pass the bank
// loader's checks (review.ParseBankFile) and must not reuse an id of
// existing (which may be nil); otherwise the error wraps ErrBadQuestions
// and the loader's own error, which names the line and field.
func (c *Client) Questions(ctx context.Context, job string, n int, existing *review.Bank) (*QuestionSet, error) {
	op := "drafting questions for the job"
	job = strings.TrimSpace(job)
	if job == "" {
		return nil, fmt.Errorf("%s: the job description is empty", op)
	}
	if err := review.CheckTranscriptText([]byte(job)); err != nil && !errors.Is(err, review.ErrEmptyTranscript) {
		return nil, fmt.Errorf("%s: job description: %w", op, err)
	}
	if n < 1 || n > MaxQuestions {
		return nil, fmt.Errorf("%s: ask for 1 to %d questions, not %d", op, MaxQuestions, n)
	}
	d := &promptData{Count: n, Categories: review.Categories, TakenIDs: takenIDs(existing)}
	var notice string
	d.Job, notice = trimText(job, c.cfg.MaxJobBytes, "job description")
	if notice != "" {
		d.JobTrimmed = "The job description was cut here to fit the request: " + notice + "."
		notice = "the " + notice + " to fit the request; the rest was not sent"
	}
	text, meta, err := c.chat(ctx, request{
		op: op, maxTokens: maxQuestionsTokens, plainText: true,
		render: func(bool) (string, string, error) { return c.renderPair(tmplQuestions, tmplJob, d) },
	})
	addNotice(&meta, notice)
	if err != nil {
		return nil, err
	}
	body := stripFence(text)
	header := fmt.Sprintf("# %d interview questions drafted for a job description by %s (%s) on %s.\n# Edit them freely: this file is yours. Format: see the README (Question files).\n",
		n, c.cfg.Model, c.server, c.now().UTC().Format("2006-01-02"))
	file := []byte(header + body + "\n")
	const name = "the drafted questions"
	if len(file) > review.MaxQuestionFileBytes {
		tl := &review.TooLargeError{What: name, Size: int64(len(file)), Limit: review.MaxQuestionFileBytes, Unit: "bytes", Name: "MaxQuestionFileBytes"}
		return nil, fmt.Errorf("%s: %w: %w", op, ErrBadQuestions, tl)
	}
	if err := review.ValidateBankFile(file, name); err != nil {
		return nil, fmt.Errorf("%s: %w: %w", op, ErrBadQuestions, err)
	}
	qs, _ := review.ParseBankFile(file, name)
	if existing != nil {
		var dup []error
		for _, q := range qs {
			if old, ok := existing.ByID(q.ID); ok {
				dup = append(dup, &review.FileError{File: name, Kind: "question", Item: q.ID, Field: "id",
					Err: fmt.Errorf("duplicate id, already defined in %s", old.Source)})
			}
		}
		if len(dup) > 0 {
			return nil, fmt.Errorf("%s: %w: %w", op, ErrBadQuestions, errors.Join(dup...))
		}
	}
	if len(qs) != n {
		meta.Notices = append(meta.Notices, fmt.Sprintf("asked for %d questions, the model wrote %d", n, len(qs)))
	}
	return &QuestionSet{YAML: file, Questions: qs, Meta: meta}, nil
}

// maxTakenIDs bounds the ids listed in the prompt as taken.
const maxTakenIDs = 200

// takenIDs lists the ids of the tailored questions (ids starting with
// "tailored-", as the prompt asks) already in bank, sorted, at most
// maxTakenIDs of them: the model is asked not to reuse them, so drafting
// again for the same job does not collide with the first file.
func takenIDs(bank *review.Bank) []string {
	if bank == nil {
		return nil
	}
	var ids []string
	for _, q := range bank.All() {
		if strings.HasPrefix(q.ID, "tailored-") {
			ids = append(ids, q.ID)
		}
	}
	slices.Sort(ids)
	return ids[:min(len(ids), maxTakenIDs)]
}
