package report

import (
	"time"

	"github.com/rehearse-app/rehearse/review"
)

// testQuestions are two questions of different categories.
func testQuestions() []review.Question {
	return []review.Question{
		{ID: "budget-prioritization", Category: review.CategoryStrategic, Prompt: "We have a limited budget. How do you prioritise?", AnswerSeconds: 120},
		{ID: "lead-vs-contact", Category: review.CategoryTechnical, Prompt: "Explain lead vs contact and CRM sync.", AnswerSeconds: 90},
	}
}

// testCreated is when the test sessions were recorded.
var testCreated = time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC)

// recordedTake is take id of question qid, frames 16 kHz frames long,
// transcribed as text ("": not transcribed).
func recordedTake(id, qid string, frames int, text string) Take {
	tk := Take{ID: id, QuestionID: qid, Duration: float64(frames) / 16000, Created: testCreated}
	if text != "" {
		tk.Transcript = &review.Transcript{Text: text, Duration: tk.Duration, Words: []review.Word{}, Segments: []review.Segment{}}
	}
	return tk
}

// withoutReviews returns a copy of s with no take reviewed.
func withoutReviews(s *Session) *Session {
	c := *s
	c.Takes = append([]Take(nil), s.Takes...)
	for i := range c.Takes {
		c.Takes[i].Review = nil
	}
	return &c
}
