package coach

import (
	"fmt"
	"io/fs"
	"strings"
	"text/template"

	"github.com/rehearse-app/rehearse/assets"
	"github.com/rehearse-app/rehearse/review"
)

// The prompt template files (assets/prompts).
const (
	tmplAnswer        = "answer.tmpl"
	tmplFollowUp      = "followup.tmpl"
	tmplSecondOpinion = "second-opinion.tmpl"
	tmplRewrite       = "rewrite.tmpl"
	tmplQuestions     = "questions.tmpl"
	tmplJob           = "job.tmpl"
)

var promptFiles = []string{tmplAnswer, tmplFollowUp, tmplSecondOpinion, tmplRewrite, tmplQuestions, tmplJob}

// promptData is what the prompt templates see.
type promptData struct {
	// Question is the question as asked; Category its category's title.
	Question, Category string
	// Rubric lists the rubric item ids (review.RubricItems) the question
	// is judged on.
	Rubric []string
	// TalkingPoints are the question's talking points (ID and Label).
	TalkingPoints []review.TalkingPoint
	// Guidance is the bank's note on what a strong answer does.
	Guidance string
	// Transcript is the answer's text, cut to the request limit; Trimmed
	// says so when it was cut.
	Transcript, Trimmed string
	// Notes are the user's notes, present only with Config.SendNotes.
	Notes string
	// JSONInPrompt is set for a server that refuses a JSON schema as
	// response_format; Schema is the schema as JSON.
	JSONInPrompt bool
	Schema       string
	// Job is the job description, cut to the limit; JobTrimmed says so.
	Job, JobTrimmed string
	// Count is the number of questions asked for; Categories the ids.
	Count      int
	Categories []string
	// TakenIDs are ids of tailored questions the user already has, which
	// the model is asked not to reuse (a reused id is refused).
	TakenIDs []string
}

// prompts holds the parsed templates.
type prompts struct {
	t *template.Template
}

// loadPrompts parses the prompt templates of fsys (nil: the built-in ones).
// Every file must be there and parse.
func loadPrompts(fsys fs.FS) (*prompts, error) {
	if fsys == nil {
		fsys = assets.Prompts()
	}
	root := template.New("prompts").Option("missingkey=error")
	for _, name := range promptFiles {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("prompt file %s: %w", name, err)
		}
		if _, err := root.New(name).Parse(string(b)); err != nil {
			return nil, fmt.Errorf("prompt file %s: %w", name, err)
		}
	}
	return &prompts{t: root}, nil
}

// render executes one template.
func (p *prompts) render(name string, d *promptData) (string, error) {
	var b strings.Builder
	if err := p.t.ExecuteTemplate(&b, name, d); err != nil {
		return "", fmt.Errorf("prompt file %s: %w", name, err)
	}
	return strings.TrimSpace(b.String()), nil
}

// Answer is one spoken answer to a question: what FollowUp, SecondOpinion
// and Rewrite look at.
type Answer struct {
	// Question is the question answered; it gives the rubric and the
	// talking points. It must not be nil.
	Question *review.Question
	// Transcript is the text of the answer.
	Transcript string
	// Notes are the user's own notes on the take. They are sent only when
	// Config.SendNotes is set.
	Notes string
}

// answerData fills the prompt data of an answer, cutting the transcript to
// the request limit; notice is non-empty when it was cut.
func (c *Client) answerData(a Answer) (d *promptData, notice string, err error) {
	if a.Question == nil {
		return nil, "", fmt.Errorf("no question given")
	}
	text := strings.TrimSpace(a.Transcript)
	if err := review.CheckTranscriptText([]byte(text)); err != nil {
		return nil, "", fmt.Errorf("transcript: %w", err)
	}
	q := a.Question
	d = &promptData{
		Question:      strings.TrimSpace(q.Prompt),
		Category:      review.CategoryTitle(q.Category),
		Rubric:        q.Rubric(),
		TalkingPoints: q.TalkingPoints,
		Guidance:      strings.TrimSpace(q.Notes),
	}
	d.Transcript, notice = trimText(text, c.cfg.MaxTranscriptBytes, "transcript")
	if notice != "" {
		d.Trimmed = "The transcript was cut here to fit the request: " + notice + "."
		notice = "the " + notice + " to fit the request; the rest was not sent"
	}
	if c.cfg.SendNotes {
		d.Notes, _ = trimText(strings.TrimSpace(a.Notes), 4000, "notes")
	}
	return d, notice, nil
}

// trimText cuts s to at most limit bytes, at a word boundary. notice
// describes the cut ("transcript was cut to its first 2,950 of 4,100
// words"), or is "" when s fits.
func trimText(s string, limit int, what string) (string, string) {
	if len(s) <= limit {
		return s, ""
	}
	cut := s[:limit]
	if i := strings.LastIndexAny(cut, " \n\t"); i > limit/2 {
		cut = cut[:i]
	}
	cut = strings.TrimSpace(strings.ToValidUTF8(cut, ""))
	return cut, fmt.Sprintf("%s was cut to its first %s of %s words", what, thousands(len(strings.Fields(cut))), thousands(len(strings.Fields(s))))
}

// thousands writes n with thousands separators.
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
