package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/rehearse-app/rehearse/coach"
	"github.com/rehearse-app/rehearse/review"
	"github.com/rehearse-app/rehearse/session"
	"github.com/rehearse-app/rehearse/transcribe"
)

const coachUsage = `Usage:
  rehearse coach followup|review|rewrite --question ID [--json] [--base-url URL] [--model M] TRANSCRIPT
  rehearse coach questions --job FILE --count N [--out FILE.yaml] [--json] [--base-url URL] [--model M]

The optional interviewer model: OpenAI (the same key as transcription:
OPENAI_API_KEY or the app's Settings) or any OpenAI-compatible chat server,
e.g. --base-url http://127.0.0.1:11434/v1 --model llama3.2 for Ollama.
What is sent: the question, its rubric and the transcript; never audio, and
notes only with --notes. Run "rehearse coach SUBCOMMAND --help" for flags.
`

// cmdCoach asks the interviewer model: a follow-up question, a second
// opinion, a stronger answer, or questions tailored to a job description.
func cmdCoach(env *cliEnv, args []string) error {
	if len(args) == 0 {
		fmt.Fprint(env.stderr, coachUsage)
		return fmt.Errorf("%w: want a subcommand: followup, review, rewrite or questions", errUsage)
	}
	switch sub := args[0]; sub {
	case "followup", "review", "rewrite":
		return coachAnswer(env, sub, args[1:])
	case "questions":
		return coachQuestions(env, args[1:])
	case "help", "-h", "--help":
		fmt.Fprint(env.stdout, coachUsage)
		return nil
	default:
		return fmt.Errorf("%w: unknown coach subcommand %q (want followup, review, rewrite or questions)", errUsage, sub)
	}
}

// coachFlags are the flags every coach subcommand takes.
type coachFlags struct {
	baseURL, model *string
	asJSON, stream *bool
	timeout        *time.Duration
}

// addCoachFlags adds the shared flags to fl.
func addCoachFlags(fl *flag.FlagSet) *coachFlags {
	return &coachFlags{
		baseURL: fl.String("base-url", os.Getenv("REHEARSE_COACH_BASE_URL"), "OpenAI-compatible API root, e.g. http://127.0.0.1:11434/v1 for Ollama (default: OpenAI, or $REHEARSE_COACH_BASE_URL)"),
		model:   fl.String("model", os.Getenv("REHEARSE_COACH_MODEL"), "chat model (default "+coach.DefaultModel+" on OpenAI, or $REHEARSE_COACH_MODEL)"),
		asJSON:  fl.Bool("json", false, "print the result as JSON"),
		stream:  fl.Bool("stream", false, "ask for the answer as a stream of events (same result; keeps a slow local model's connection busy)"),
		timeout: fl.Duration("timeout", coach.DefaultRequestTimeout, "longest wait for one answer"),
	}
}

// client builds the interviewer model's client: the key is the one
// transcription uses (OPENAI_API_KEY, then the keychain).
func (cf *coachFlags) client(env *cliEnv, sendNotes bool) (*coach.Client, string, error) {
	key, _, err := transcribe.Keychain{}.LoadAPIKey()
	if err != nil {
		fmt.Fprintf(env.stderr, "warning: %v\n", err)
	}
	c, err := coach.New(coach.Config{APIKey: key, BaseURL: *cf.baseURL, Model: *cf.model, RequestTimeout: *cf.timeout,
		Stream: *cf.stream, SendNotes: sendNotes})
	if errors.Is(err, coach.ErrNotConfigured) {
		return nil, "", errors.New("no interviewer model is set up: set OPENAI_API_KEY or save a key in the app's Settings (the same key as for transcription), " +
			"or give --base-url of a local server, e.g. --base-url http://127.0.0.1:11434/v1 --model llama3.2 for Ollama")
	}
	if err != nil {
		return nil, "", coachError(err, key)
	}
	for _, w := range c.Warnings() {
		fmt.Fprintf(env.stderr, "warning: %s\n", w)
	}
	return c, key, nil
}

// coachError makes sure no error printed carries the API key.
func coachError(err error, key string) error {
	return fmt.Errorf("%s", transcribe.Redact(err.Error(), key))
}

// coachAnswer runs followup, review or rewrite on a transcript.
func coachAnswer(env *cliEnv, sub string, args []string) error {
	fl := env.newFlags("coach "+sub, "coach "+sub+" --question ID [--json] [--base-url URL] [--model M] [--notes FILE] TRANSCRIPT")
	qid := fl.String("question", "", "id of the question answered (see `rehearse questions`)")
	notesPath := fl.String("notes", "", "a file of your notes on the answer, sent with it (notes are never sent otherwise)")
	cf := addCoachFlags(fl)
	if err := parse(fl, args); err != nil {
		return err
	}
	if fl.NArg() != 1 {
		return fmt.Errorf("%w: want exactly one TRANSCRIPT file (got %d arguments)", errUsage, fl.NArg())
	}
	if *qid == "" {
		return fmt.Errorf("%w: --question ID is required: the model judges the answer against its question's rubric", errUsage)
	}
	tr, err := readTranscriptFile(fl.Arg(0))
	if err != nil {
		return err
	}
	q, err := env.question(*qid)
	if err != nil {
		return err
	}
	a := coach.Answer{Question: q, Transcript: tr.Text}
	if *notesPath != "" {
		b, err := os.ReadFile(*notesPath)
		if err != nil {
			return fmt.Errorf("reading notes: %w", err)
		}
		a.Notes = string(b)
	}
	c, key, err := cf.client(env, *notesPath != "")
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	switch sub {
	case "followup":
		return env.coachFollowUp(ctx, c, key, a, *cf.asJSON)
	case "review":
		return env.coachReview(ctx, c, key, a, tr, *cf.asJSON)
	default:
		return env.coachRewrite(ctx, c, key, a, *cf.asJSON)
	}
}

// coachFollowUp prints the interviewer model's follow-up question.
func (e *cliEnv) coachFollowUp(ctx context.Context, c *coach.Client, key string, a coach.Answer, asJSON bool) error {
	fu, err := c.FollowUp(ctx, a)
	if err != nil {
		return coachError(err, key)
	}
	if asJSON {
		return e.printJSON(struct {
			Question string `json:"question"`
			*coach.FollowUp
		}{a.Question.ID, fu})
	}
	e.notices(fu.Notices)
	_, err = fmt.Fprintln(e.stdout, fu.Question)
	return err
}

// coachReview prints the second opinion beside the built-in review.
func (e *cliEnv) coachReview(ctx context.Context, c *coach.Client, key string, a coach.Answer, tr *review.Transcript, asJSON bool) error {
	op, err := c.SecondOpinion(ctx, a)
	if err != nil {
		return coachError(err, key)
	}
	agree, err := e.builtinAgreement(op, tr, a.Question)
	if err != nil {
		return err
	}
	if asJSON {
		return e.printJSON(struct {
			Question string `json:"question"`
			*coach.Opinion
			Agreement []coach.Agreement `json:"agreement"`
		}{a.Question.ID, op, agree})
	}
	e.notices(op.Notices)
	return writeOpinion(e.stdout, op, agree)
}

// coachRewrite prints the stronger answer, noting the placeholders.
func (e *cliEnv) coachRewrite(ctx context.Context, c *coach.Client, key string, a coach.Answer, asJSON bool) error {
	rw, err := c.Rewrite(ctx, a)
	if err != nil {
		return coachError(err, key)
	}
	if asJSON {
		return e.printJSON(struct {
			Question string `json:"question"`
			*coach.Rewrite
		}{a.Question.ID, rw})
	}
	e.notices(rw.Notices)
	if len(rw.Placeholders) > 0 {
		fmt.Fprintf(e.stderr, "note: %d fact(s) you did not say were replaced by placeholders; fill in your own\n", len(rw.Placeholders))
	}
	_, err = fmt.Fprintln(e.stdout, rw.Text)
	return err
}

// builtinAgreement runs the built-in review of the same answer and marks
// where the second opinion agrees with it.
func (e *cliEnv) builtinAgreement(op *coach.Opinion, tr *review.Transcript, q *review.Question) ([]coach.Agreement, error) {
	rv, err := e.loadReviewer()
	if err != nil {
		return nil, err
	}
	rep := rv.Review(review.Input{Transcript: tr, Question: q})
	agree := coach.Compare(op, rep, q)
	if agree == nil {
		agree = []coach.Agreement{}
	}
	return agree, nil
}

// notices prints what the user should know about a request.
func (e *cliEnv) notices(ns []string) {
	for _, n := range ns {
		fmt.Fprintf(e.stderr, "note: %s\n", n)
	}
}

// writeOpinion prints a second opinion as text.
func writeOpinion(w io.Writer, op *coach.Opinion, agree []coach.Agreement) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Second opinion from %s (%s). It changes no score of the built-in review.\n", op.Model, op.Server)
	quote := func(q coach.Quote) string {
		if q.Text == "" {
			return ""
		}
		return fmt.Sprintf(" — %q", q.Text)
	}
	if len(op.TalkingPoints) > 0 {
		b.WriteString("\nTalking points:\n")
		for _, p := range op.TalkingPoints {
			mark := "missing"
			if p.Covered {
				mark = "covered"
			}
			fmt.Fprintf(&b, "  %-8s %s%s\n", mark, p.Label, quote(p.Quote))
		}
	}
	verdict := func(name string, v *coach.Verdict) {
		if v != nil && v.Verdict != coach.NotAssessed {
			fmt.Fprintf(&b, "%s: %s%s\n", name, v.Verdict, quote(v.Quote))
			if v.Reason != "" {
				fmt.Fprintf(&b, "  %s\n", v.Reason)
			}
		}
	}
	b.WriteString("\n")
	verdict("Agency", op.Agency)
	verdict("Jump to solution", op.JumpToSolution)
	if len(op.Star) > 0 {
		b.WriteString("STAR:\n")
		for _, s := range op.Star {
			mark := "missing"
			if s.Present {
				mark = "present"
			}
			fmt.Fprintf(&b, "  %-9s %s%s\n", s.Element, mark, quote(s.Quote))
		}
	}
	if len(agree) > 0 {
		n := 0
		for _, a := range agree {
			if a.Agree {
				n++
			}
		}
		fmt.Fprintf(&b, "\nAgrees with the built-in review on %d of %d:\n", n, len(agree))
		for _, a := range agree {
			mark := "agrees   "
			if !a.Agree {
				mark = "DIFFERS  "
			}
			fmt.Fprintf(&b, "  %s %s: model %s, built-in %s\n", mark, a.Item, a.Model, a.Builtin)
		}
	}
	if line := op.UnsupportedLine(); line != "" {
		fmt.Fprintf(&b, "\n%s:\n", line)
		for _, d := range op.Dropped {
			if d.Quote != "" {
				fmt.Fprintf(&b, "  %s: %q %s\n", d.Claim, d.Quote, d.Why)
			} else {
				fmt.Fprintf(&b, "  %s: %s\n", d.Claim, d.Why)
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// coachQuestions drafts questions for a job description.
func coachQuestions(env *cliEnv, args []string) error {
	fl := env.newFlags("coach questions", "coach questions --job FILE --count N [--out FILE.yaml] [--json] [--base-url URL] [--model M]")
	job := fl.String("job", "", "a text file holding the job description")
	count := fl.Int("count", 5, fmt.Sprintf("how many questions (1 to %d)", coach.MaxQuestions))
	out := fl.String("out", "", "write the question file here (put it in DATA/questions/ to use it in the app) instead of printing it")
	cf := addCoachFlags(fl)
	if err := parse(fl, args); err != nil {
		return err
	}
	if fl.NArg() != 0 {
		return fmt.Errorf("%w: unexpected arguments %q", errUsage, fl.Args())
	}
	if *job == "" {
		return fmt.Errorf("%w: --job FILE is required", errUsage)
	}
	if *count < 1 || *count > coach.MaxQuestions {
		return fmt.Errorf("%w: --count must be 1 to %d, not %d", errUsage, coach.MaxQuestions, *count)
	}
	text, err := readJob(*job)
	if err != nil {
		return err
	}
	bank, err := env.loadBank()
	if err != nil {
		return err
	}
	c, key, err := cf.client(env, false)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	set, err := c.Questions(ctx, text, *count, bank)
	if err != nil {
		return coachError(err, key)
	}
	env.notices(set.Notices)
	if *out != "" {
		if err := session.WriteFile(*out, func(w io.Writer) error { _, err := w.Write(set.YAML); return err }); err != nil {
			return err
		}
		if !*cf.asJSON {
			fmt.Fprintf(env.stderr, "wrote %d questions to %s\n", len(set.Questions), *out)
			return nil
		}
	}
	if *cf.asJSON {
		return env.printJSON(struct {
			*coach.QuestionSet
			File string `json:"file,omitempty"`
		}{set, *out})
	}
	_, err = env.stdout.Write(set.YAML)
	return err
}

// readJob reads a job description file, refusing a binary or huge one.
func readJob(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("reading the job description: %w", err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, review.MaxTranscriptBytes+1))
	if err != nil {
		return "", fmt.Errorf("reading the job description: %w", err)
	}
	if err := review.CheckTranscriptText(b); err != nil {
		return "", fmt.Errorf("job description %s: %w", path, err)
	}
	return string(b), nil
}
