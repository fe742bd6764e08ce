package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/rehearse-app/rehearse/app"
	"github.com/rehearse-app/rehearse/audio"
)

// cmdDevices lists the audio devices PortAudio sees.
func cmdDevices(env *cliEnv, args []string) error {
	fl := env.newFlags("devices", "devices")
	if err := parse(fl, args); err != nil {
		return err
	}
	sys, err := audio.Init()
	if err != nil {
		return err
	}
	defer sys.Close()
	devs, err := sys.Devices()
	if err != nil {
		return err
	}
	if len(devs) == 0 {
		fmt.Fprintln(env.stdout, "No audio devices found.")
		return nil
	}
	tw := env.table()
	fmt.Fprintln(tw, "NAME\tIN\tOUT\tRATE\tHOST API\tDEFAULT")
	for _, d := range devs {
		def := ""
		switch {
		case d.DefaultInput && d.DefaultOutput:
			def = "input, output"
		case d.DefaultInput:
			def = "input"
		case d.DefaultOutput:
			def = "output"
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.0f\t%s\t%s\n", d.Name, d.MaxInputChannels, d.MaxOutputChannels, d.DefaultSampleRate, d.HostAPI, def)
	}
	return tw.Flush()
}

// cmdSay reads text aloud with the system voice, or renders it to a WAV.
func cmdSay(env *cliEnv, args []string) error {
	fl := env.newFlags("say", "say [--out FILE.wav] [--voice NAME] [--device NAME] TEXT")
	out := fl.String("out", "", "write the speech to this WAV file instead of playing it")
	voice := fl.String("voice", "", "voice name for the speech engine (e.g. en-us)")
	device := fl.String("device", "", "output device (see `rehearse devices`)")
	if err := parse(fl, args); err != nil {
		return err
	}
	if fl.NArg() == 0 {
		return fmt.Errorf("%w: no TEXT to say", errUsage)
	}
	text := strings.Join(fl.Args(), " ")
	v, err := audio.FindSystemVoice(*voice)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if *out != "" {
		return v.Render(ctx, text, *out)
	}
	sys, err := audio.Init()
	if err != nil {
		return err
	}
	defer sys.Close()
	root, err := env.dataRoot()
	if err != nil {
		return err
	}
	sp := audio.NewSpeaker(sys, v, app.SpeechCacheDir(root), *device)
	return sp.Say(ctx, text)
}

// cmdRecord records N seconds (counted in frames) to a WAV file.
func cmdRecord(env *cliEnv, args []string) error {
	fl := env.newFlags("record", "record --out FILE.wav --seconds N [--device NAME]")
	out := fl.String("out", "", "WAV file to write (16 kHz mono 16-bit)")
	seconds := fl.Float64("seconds", 0, "how many seconds to record")
	device := fl.String("device", "", "input device (see `rehearse devices`; default: the system's)")
	if err := parse(fl, args); err != nil {
		return err
	}
	if *out == "" {
		return fmt.Errorf("%w: --out FILE.wav is required", errUsage)
	}
	if *seconds <= 0 {
		return fmt.Errorf("%w: --seconds must be more than 0 (got %g)", errUsage, *seconds)
	}
	if fl.NArg() > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, fl.Arg(0))
	}
	sys, err := audio.Init()
	if err != nil {
		return err
	}
	defer sys.Close()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	frames := int64(*seconds * 16000)
	rec, err := sys.Record(ctx, audio.RecordOptions{Device: *device, Path: *out, MaxFrames: frames})
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stderr, "recording %s to %s…\n", time.Duration(*seconds*float64(time.Second)), *out)
	select {
	case <-rec.Done():
	case <-ctx.Done():
	}
	res, err := rec.Stop()
	if err != nil {
		return err
	}
	if res.Err != nil {
		return fmt.Errorf("the input device stopped after %d frames (kept in %s): %w", res.Frames, *out, res.Err)
	}
	fmt.Fprintf(env.stdout, "%s: %d frames, %.2f s", *out, res.Frames, res.Duration.Seconds())
	if res.Overflows > 0 {
		fmt.Fprintf(env.stdout, ", %d input overflows", res.Overflows)
	}
	fmt.Fprintln(env.stdout)
	return nil
}
