package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"syscall"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"github.com/rehearse-app/rehearse/assets"
	"github.com/rehearse-app/rehearse/audio"
	"github.com/rehearse-app/rehearse/review"
	"github.com/rehearse-app/rehearse/session"
	"github.com/rehearse-app/rehearse/transcribe"
	"github.com/rehearse-app/rehearse/ui"
)

// runGUI opens the desktop app. args may hold --data-dir.
func runGUI(env *cliEnv, args []string) error {
	fl := env.newFlags("", "[--data-dir DIR]")
	if err := parse(fl, args); err != nil {
		return err
	}
	root, err := env.dataRoot()
	if err != nil {
		return err
	}
	if err := checkDisplay(); err != nil {
		return err
	}
	// One window per library: a second app would record into it too.
	unlock, err := lockInstance(root)
	if err != nil {
		return err
	}
	defer unlock()
	a := app.NewWithID(appID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon()))

	deps, cleanup, err := wire(env, root, a.Preferences())
	if err != nil {
		return err
	}
	defer cleanup()
	u := ui.New(a, deps)
	if deps.TranscriptionUpdates != nil {
		go u.FollowTranscription(deps.TranscriptionUpdates)
	}
	// SIGINT/SIGTERM quit like closing the window: a take being recorded
	// is stopped and saved first.
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sigs)
	go func() {
		if _, ok := <-sigs; ok {
			fyne.Do(func() {
				u.Shutdown()
				a.Quit()
			})
		}
	}()
	u.Window().ShowAndRun()
	return nil
}

// wire builds the parts the screens use from the data folder root. Parts
// that can't start (no audio) are left out with the reason; the app still
// opens.
func wire(env *cliEnv, root string, prefs fyne.Preferences) (ui.Deps, func(), error) {
	for _, dir := range []string{root, filepath.Join(root, "questions"), filepath.Join(root, "rules")} {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return ui.Deps{}, nil, fmt.Errorf("creating the data folder: %w", err)
		}
	}
	store, err := session.Open(libraryDir(root), session.Options{RepairWAV: repairWAV, ValidateWAV: validateWAV})
	if err != nil {
		return ui.Deps{}, nil, fmt.Errorf("opening the library: %w", err)
	}
	reload := func() (*review.Bank, []error) { return loadBankAt(root) }
	bank, problems := reload()
	env.warn(problems)
	rules, rerrs := loadRulesAt(root)
	env.warn(rerrs)
	reviewer := review.New(rules)
	envelopes := &envelopeCache{}
	tr := takeReviewer{rv: reviewer, store: store, envelopes: envelopes}
	keys := &cachedKeys{store: transcribe.KeyStore{}}
	go keys.LoadAPIKey() // read the keychain once, off the UI goroutine
	live := &liveTranscriber{prefs: prefs, keys: keys}
	deps := ui.Deps{
		Bank:        bank,
		Reviewer:    reviewer,
		Store:       store,
		Prefs:       prefs,
		UserBankDir: filepath.Join(root, "questions"),
		ReloadBank:  reload,
		ReviewTake:  tr.ReviewAndSummarize,
		Envelope:    envelopes.load,
		Keys:        keys,
	}
	updates := make(chan transcribe.JobStatus, 16)
	queue, err := transcribe.NewQueue(transcribe.QueueConfig{
		Dir:         filepath.Join(root, "transcription"),
		Transcriber: live,
		Sink:        reviewingSink{store: store, summarize: tr.Summarize},
		Updates:     updates,
	})
	if err != nil {
		return ui.Deps{}, nil, err
	}
	for _, w := range queue.Warnings() {
		fmt.Fprintf(env.stderr, "warning: %s\n", w)
	}
	ctx, cancel := context.WithCancel(context.Background())
	queue.Start(ctx)
	deps.Transcription = configuredQueue{Queue: queue, live: live}
	deps.TranscriptionUpdates = updates
	deps.TakeFinished = func(sessID, takeID string) {
		if prefs.StringWithFallback(ui.PrefTranscribeMode, ui.TranscribeAuto) != ui.TranscribeAuto {
			return
		}
		// Off the UI goroutine: it reads the session and may wait on the
		// keychain's first answer.
		go func() {
			if !live.Configured() {
				return
			}
			s, err := store.Get(sessID)
			if err != nil {
				fmt.Fprintf(env.stderr, "warning: not transcribing take %s: %v\n", takeID, err)
				return
			}
			tk := s.Take(takeID)
			if tk == nil {
				return
			}
			err = queue.Enqueue(transcribe.Job{SessionID: sessID, TakeID: takeID, AudioPath: store.TakePath(s, *tk),
				Hints: transcribe.Hints{Vocabulary: review.Vocabulary(s.Question(tk.QuestionID))}})
			if err != nil {
				fmt.Fprintf(env.stderr, "warning: not transcribing take %s: %v\n", takeID, err)
			}
		}()
	}
	cleanup := func() {
		cancel()
		queue.Close()
	}
	sys, err := audio.Init()
	if err != nil {
		deps.RecorderErr = err
		fmt.Fprintf(env.stderr, "warning: audio is not available: %v\n", err)
	} else {
		deps.Recorder = sys
		deps.Devices = sys
		deps.Voices = &voices{sys: sys, cacheDir: filepath.Join(root, "cache", "speech"), live: live}
		deps.NewPlayer = func(device string) (ui.Player, error) { return sys.NewPlayer(device) }
		qc := cleanup
		cleanup = func() { qc(); sys.Close() }
	}
	return deps, cleanup, nil
}

// repairWAV adapts audio.RepairWAV to the library's hook.
func repairWAV(path string) error {
	_, err := audio.RepairWAV(path)
	return err
}

// validateWAV checks that a file is a readable WAV, for bundle imports.
func validateWAV(path string) error {
	_, err := audio.WAVInfo(path)
	return err
}

// libraryDir is where the library of sessions lives under the data folder.
func libraryDir(root string) string { return filepath.Join(root, "library") }

// voices builds speakers for the settings' choice of engine.
type voices struct {
	sys      *audio.System
	cacheDir string
	live     *liveTranscriber
}

func (v *voices) Speaker(engine, voice, device string) (ui.Speaker, error) {
	switch engine {
	case ui.VoiceNone:
		return nil, nil
	case ui.VoiceOpenAI:
		if !v.live.Configured() {
			return nil, errors.New("the OpenAI voice needs an API key (Settings → Transcription)")
		}
		if voice == "" {
			voice = transcribe.DefaultVoice
		}
		pv := audio.NewPCMVoice("openai-"+voice, transcribe.SpeechSampleRate, func(ctx context.Context, text string) ([]byte, error) {
			return v.live.Speech(ctx, text, voice)
		})
		return audio.NewSpeaker(v.sys, pv, v.cacheDir, device), nil
	}
	sv, err := audio.FindSystemVoice(voice)
	if err != nil {
		return nil, err
	}
	return audio.NewSpeaker(v.sys, sv, v.cacheDir, device), nil
}

// checkDisplay fails early, with a clear message, where the desktop app
// can't open a window (GLFW would panic instead).
func checkDisplay() error {
	switch runtime.GOOS {
	case "darwin", "windows":
		return nil
	}
	if os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
		return errors.New("no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set); " +
			"run it in a desktop session, or use the subcommands (rehearse help)")
	}
	return nil
}
