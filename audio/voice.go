package audio

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
)

// ErrNoVoice reports that no speech engine is available.
var ErrNoVoice = errors.New("no speech engine found")

// ErrCannotRender reports a voice that can speak but not render to a file
// (spd-say); use its Speak method instead.
var ErrCannotRender = errors.New("this voice cannot render to a file")

// Voice turns text into speech.
type Voice interface {
	// Name identifies the voice (engine and voice); it is part of the
	// cache key of rendered speech.
	Name() string
	// Render writes the spoken text to out as a WAV file.
	Render(ctx context.Context, text, out string) error
}

// DirectSpeaker is a Voice that can also speak straight to the system's
// default output without a file (Speaker falls back to it for voices that
// return ErrCannotRender).
type DirectSpeaker interface {
	Speak(ctx context.Context, text string) error
}

// SystemVoice is the operating system's speech engine: espeak-ng (or spd-say,
// speak-only) on Linux, say on macOS, System.Speech through PowerShell on
// Windows.
type SystemVoice struct {
	engine string // "espeak-ng", "spd-say", "say" or "powershell"
	bin    string // the engine's executable
	voice  string // engine voice name; empty for its default
}

// FindSystemVoice finds the system's speech engine; voiceName selects one of
// its voices (empty for the default). It fails with ErrNoVoice, naming what
// to install, when there is none.
func FindSystemVoice(voiceName string) (Voice, error) {
	v, err := findSystemVoice(runtime.GOOS, voiceName, exec.LookPath)
	if err != nil {
		return nil, err
	}
	return v, nil
}

func findSystemVoice(goos, voiceName string, lookPath func(string) (string, error)) (*SystemVoice, error) {
	var engines []string
	var hint string
	switch goos {
	case "darwin":
		engines, hint = []string{"say"}, "the say command is missing"
	case "windows":
		engines, hint = []string{"powershell", "pwsh"}, "PowerShell is missing"
	default:
		engines, hint = []string{"espeak-ng", "espeak", "spd-say"}, "install espeak-ng (apt-get install espeak-ng) or speech-dispatcher"
	}
	for _, e := range engines {
		if bin, err := lookPath(e); err == nil {
			name := e
			switch e {
			case "espeak":
				name = "espeak-ng" // same command line
			case "pwsh":
				name = "powershell"
			}
			return &SystemVoice{engine: name, bin: bin, voice: voiceName}, nil
		}
	}
	return nil, fmt.Errorf("%w: %s", ErrNoVoice, hint)
}

// Name is the engine, and the voice if one was chosen ("espeak-ng:en-us").
func (v *SystemVoice) Name() string {
	if v.voice == "" {
		return v.engine
	}
	return v.engine + ":" + v.voice
}

// psScript speaks $env:REHEARSE_TTS_TEXT to a 16 kHz WAV file (or the
// speakers when REHEARSE_TTS_OUT is empty); text goes through the
// environment so no quoting can break it.
const psScript = `Add-Type -AssemblyName System.Speech
$s = New-Object System.Speech.Synthesis.SpeechSynthesizer
if ($env:REHEARSE_TTS_VOICE) { $s.SelectVoice($env:REHEARSE_TTS_VOICE) }
if ($env:REHEARSE_TTS_OUT) {
  $f = New-Object System.Speech.AudioFormat.SpeechAudioFormatInfo(16000, [System.Speech.AudioFormat.AudioBitsPerSample]::Sixteen, [System.Speech.AudioFormat.AudioChannel]::Mono)
  $s.SetOutputToWaveFile($env:REHEARSE_TTS_OUT, $f)
}
$s.Speak($env:REHEARSE_TTS_TEXT)
$s.Dispose()`

// command builds the engine's command line; out empty speaks directly.
func (v *SystemVoice) command(ctx context.Context, text, out string) (*exec.Cmd, error) {
	var args []string
	stdin := true
	switch v.engine {
	case "espeak-ng":
		if v.voice != "" {
			args = append(args, "-v", v.voice)
		}
		if out != "" {
			args = append(args, "-w", out)
		}
		args = append(args, "--stdin")
	case "spd-say":
		if out != "" {
			return nil, fmt.Errorf("%s: %w", v.Name(), ErrCannotRender)
		}
		if v.voice != "" {
			args = append(args, "-y", v.voice)
		}
		args = append(args, "-w", "--", text)
		stdin = false
	case "say":
		if v.voice != "" {
			args = append(args, "-v", v.voice)
		}
		if out != "" {
			args = append(args, "-o", out, "--file-format=WAVE", "--data-format=LEI16@16000")
		}
		args = append(args, "-f", "-")
	case "powershell":
		args = []string{"-NoProfile", "-NonInteractive", "-Command", psScript}
		stdin = false
	default:
		return nil, fmt.Errorf("unknown speech engine %q", v.engine)
	}
	cmd := exec.CommandContext(ctx, v.bin, args...)
	if stdin {
		cmd.Stdin = strings.NewReader(text)
	}
	if v.engine == "powershell" {
		cmd.Env = append(os.Environ(), "REHEARSE_TTS_TEXT="+text, "REHEARSE_TTS_OUT="+out, "REHEARSE_TTS_VOICE="+v.voice)
	}
	return cmd, nil
}

// Render writes text as speech to the WAV file out. spd-say cannot render
// and returns ErrCannotRender.
func (v *SystemVoice) Render(ctx context.Context, text, out string) error {
	if strings.TrimSpace(text) == "" {
		return errors.New("speech: no text to render")
	}
	cmd, err := v.command(ctx, text, out)
	if err != nil {
		return err
	}
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("speech: %s rendering to %s: %w: %s", v.Name(), out, err, strings.TrimSpace(string(b)))
	}
	if _, err := WAVInfo(out); err != nil {
		return fmt.Errorf("speech: %s wrote an unreadable file: %w", v.Name(), err)
	}
	return nil
}

// Speak says text on the system's default output and waits until it is said.
func (v *SystemVoice) Speak(ctx context.Context, text string) error {
	cmd, err := v.command(ctx, text, "")
	if err != nil {
		return err
	}
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("speech: %s: %w: %s", v.Name(), err, strings.TrimSpace(string(b)))
	}
	return nil
}

// PCMVoice is a Voice fed by a function that returns raw little-endian
// 16-bit mono PCM, such as OpenAI's speech endpoint with the "pcm" format
// (24 kHz). The transcribe package supplies the function.
type PCMVoice struct {
	name string
	rate int
	fn   func(ctx context.Context, text string) ([]byte, error)
}

// NewPCMVoice returns a Voice called name whose fn returns raw PCM at rate.
func NewPCMVoice(name string, rate int, fn func(ctx context.Context, text string) ([]byte, error)) *PCMVoice {
	return &PCMVoice{name: name, rate: rate, fn: fn}
}

// Name is the name given to NewPCMVoice.
func (v *PCMVoice) Name() string { return v.name }

// Render calls the function and writes its PCM to out as a WAV file
// (atomically). A trailing odd byte is dropped.
func (v *PCMVoice) Render(ctx context.Context, text, out string) error {
	if v.fn == nil || v.rate <= 0 {
		return fmt.Errorf("speech: voice %q has no function or rate", v.name)
	}
	raw, err := v.fn(ctx, text)
	if err != nil {
		return fmt.Errorf("speech: %s: %w", v.name, err)
	}
	if len(raw) < 2 {
		return fmt.Errorf("speech: %s returned %d bytes of audio", v.name, len(raw))
	}
	s := decodeInt16(make([]int16, len(raw)/2), raw)
	return WriteWAVFile(out, &PCM{Rate: v.rate, Channels: 1, Samples: s})
}
