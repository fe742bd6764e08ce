package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"

	"github.com/rehearse-app/rehearse/app"
	"github.com/rehearse-app/rehearse/audio"
	"github.com/rehearse-app/rehearse/review"
	"github.com/rehearse-app/rehearse/transcribe"
)

// cmdTranscribe transcribes a WAV file through the Whisper API or a local
// OpenAI-compatible server.
func cmdTranscribe(env *cliEnv, args []string) error {
	fl := env.newFlags("transcribe", "transcribe [--json] [--base-url URL] [--model M] [--language L] FILE.wav")
	asJSON := fl.Bool("json", false, "print text, words and segments as JSON (the shape `rehearse review` reads)")
	baseURL := fl.String("base-url", os.Getenv("REHEARSE_BASE_URL"), "OpenAI-compatible API root, e.g. http://127.0.0.1:8000/v1 (default: OpenAI)")
	model := fl.String("model", "", "transcription model (default whisper-1)")
	lang := fl.String("language", "", "language hint, e.g. en")
	qid := fl.String("question", "", "question id whose vocabulary is given to the model as a hint")
	if err := parse(fl, args); err != nil {
		return err
	}
	if fl.NArg() != 1 {
		return fmt.Errorf("%w: want exactly one FILE.wav (got %d arguments)", errUsage, fl.NArg())
	}
	path := fl.Arg(0)
	if _, err := audio.WAVInfo(path); err != nil {
		return err
	}
	key, _, err := transcribe.Keychain{}.LoadAPIKey()
	if err != nil {
		fmt.Fprintf(env.stderr, "warning: %v\n", err)
	}
	if key == "" && *baseURL == "" {
		return fmt.Errorf("no API key: set OPENAI_API_KEY, save a key in the app's Settings, or give --base-url of a local server")
	}
	client, err := app.NewClient(transcribe.Config{APIKey: key, BaseURL: *baseURL, Model: *model, Language: *lang})
	if err != nil {
		return err
	}
	for _, w := range client.Warnings() {
		fmt.Fprintf(env.stderr, "warning: %s\n", w)
	}
	var hints transcribe.Hints
	if *qid != "" {
		q, err := env.question(*qid)
		if err != nil {
			return err
		}
		hints = transcribe.Hints{Vocabulary: review.Vocabulary(q)}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	tr, err := client.TranscribeFile(ctx, path, hints)
	if err != nil {
		return transcribeError(err, key)
	}
	if *asJSON {
		return env.printJSON(tr)
	}
	_, err = fmt.Fprintln(env.stdout, tr.Text)
	return err
}

// transcribeError makes sure no error printed carries the API key.
func transcribeError(err error, key string) error {
	if key == "" {
		return err
	}
	return fmt.Errorf("%s", transcribe.Redact(err.Error(), key))
}
