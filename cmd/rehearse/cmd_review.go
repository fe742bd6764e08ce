package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/rehearse-app/rehearse/app"
	"github.com/rehearse-app/rehearse/report"
	"github.com/rehearse-app/rehearse/review"
)

// cmdReview reviews a transcript (plain text or `transcribe --json` output),
// or with --audio and no transcript, the delivery from the recording alone.
func cmdReview(env *cliEnv, args []string) error {
	fl := env.newFlags("review", "review [--question ID] [--audio FILE.wav] [--format text|json|markdown] TRANSCRIPT")
	qid := fl.String("question", "", "id of the question answered (see `rehearse questions`)")
	audioPath := fl.String("audio", "", "the recording, for voiced gaps, pauses, duration and the rate estimated from it; alone, a review of delivery from the audio")
	format := fl.String("format", "text", "output format: text, json or markdown")
	if err := parse(fl, args); err != nil {
		return err
	}
	audioOnly := fl.NArg() == 0 && *audioPath != ""
	if fl.NArg() != 1 && !audioOnly {
		return fmt.Errorf("%w: want exactly one TRANSCRIPT file, or --audio FILE.wav alone (got %d arguments)", errUsage, fl.NArg())
	}
	switch *format {
	case "text", "json", "markdown", "md":
	default:
		return fmt.Errorf("%w: unknown --format %q (want text, json or markdown)", errUsage, *format)
	}
	tr := &review.Transcript{}
	if !audioOnly {
		var err error
		if tr, err = readTranscriptFile(fl.Arg(0)); err != nil {
			return err
		}
	}
	in := review.Input{Transcript: tr}
	if *qid != "" {
		q, err := env.question(*qid)
		if err != nil {
			return err
		}
		in.Question = q
	}
	if *audioPath != "" {
		envl, dlv, dur, err := app.LoadRecording(*audioPath)
		if err != nil {
			return err
		}
		in.Envelope, in.Audio = envl, dlv
		if tr.Duration == 0 {
			tr.Duration = dur
		}
	}
	rv, err := env.loadReviewer()
	if err != nil {
		return err
	}
	rep := rv.Review(in)
	switch *format {
	case "json":
		return env.printJSON(rep)
	case "markdown", "md":
		return report.WriteMarkdown(env.stdout, rep, tr)
	default:
		return report.WriteText(env.stdout, rep, tr)
	}
}

// readTranscriptFile reads and checks the transcript at path (see
// review.ReadTranscript): an empty, binary or too large file is refused,
// and too large is reported with the file's size.
func readTranscriptFile(path string) (*review.Transcript, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("reading transcript: %w", err)
	}
	defer f.Close()
	tr, err := review.ReadTranscript(f)
	if err != nil {
		var tl *review.TooLargeError
		if errors.As(err, &tl) && tl.Size < 0 && tl.Unit == "bytes" {
			if st, serr := f.Stat(); serr == nil && st.Mode().IsRegular() {
				tl.Size = st.Size()
			}
		}
		return nil, fmt.Errorf("transcript %s: %w", path, err)
	}
	return tr, nil
}
