package app

import (
	"context"
	"errors"

	"github.com/rehearse-app/rehearse/audio"
	"github.com/rehearse-app/rehearse/transcribe"
)

// Speaker reads a question aloud; Say returns when it has been spoken.
type Speaker interface {
	Say(ctx context.Context, text string) error
}

// Voices builds speakers for the settings' choice of engine.
type Voices struct {
	sys      *audio.System
	cacheDir string
	live     *liveTranscriber
}

// Speaker returns the speaker for engine (VoiceSystem, VoiceOpenAI or
// VoiceNone), voice name and output device ("" = the default). VoiceNone
// gives a nil speaker; the OpenAI voice needs an API key or server.
func (v *Voices) Speaker(engine, voice, device string) (Speaker, error) {
	switch engine {
	case VoiceNone:
		return nil, nil
	case VoiceOpenAI:
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
