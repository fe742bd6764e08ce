package audio

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/rehearse-app/rehearse/internal/atomicfile"
)

// Speaker reads text aloud with a Voice on an output device, keeping every
// rendering in a cache folder keyed by the text and the voice's name.
type Speaker struct {
	sys      *System
	voice    Voice
	cacheDir string
	device   string
}

// NewSpeaker returns a Speaker that renders with voice into cacheDir and
// plays through sys on device (empty for the default output). voice may be
// nil (no speech engine): Say then fails with ErrNoVoice and the caller shows
// the text alone.
func NewSpeaker(sys *System, voice Voice, cacheDir, device string) *Speaker {
	return &Speaker{sys: sys, voice: voice, cacheDir: cacheDir, device: device}
}

// Voice is the speaker's voice (nil if none).
func (s *Speaker) Voice() Voice { return s.voice }

// CacheKey is the file name the rendering of text by voice is cached under.
func CacheKey(voice, text string) string {
	h := sha256.Sum256([]byte(voice + "\x00" + text))
	return hex.EncodeToString(h[:16]) + ".wav"
}

// Cached renders text into the cache unless it is there already and returns
// the cached file's path.
func (s *Speaker) Cached(ctx context.Context, text string) (string, error) {
	if s.voice == nil {
		return "", ErrNoVoice
	}
	if err := os.MkdirAll(s.cacheDir, 0o755); err != nil {
		return "", fmt.Errorf("speech cache: %w", err)
	}
	path := filepath.Join(s.cacheDir, CacheKey(s.voice.Name(), text))
	if _, err := WAVInfo(path); err == nil {
		return path, nil
	}
	if err := s.RenderTo(ctx, text, path); err != nil {
		return "", err
	}
	return path, nil
}

// Say reads text aloud and returns when it has been said (or ctx ends). A
// voice that cannot render (spd-say) speaks directly on the system's
// default output instead of the chosen device.
func (s *Speaker) Say(ctx context.Context, text string) error {
	path, err := s.Cached(ctx, text)
	if errors.Is(err, ErrCannotRender) {
		if d, ok := s.voice.(DirectSpeaker); ok {
			return d.Speak(ctx, text)
		}
	}
	if err != nil {
		return err
	}
	if s.sys == nil {
		return errors.New("speech: no audio system to play on")
	}
	return s.sys.PlayFile(ctx, s.device, path)
}

// RenderTo renders text to the WAV file out atomically: the voice writes a
// temporary file beside out, which is checked, fsync'd and renamed.
func (s *Speaker) RenderTo(ctx context.Context, text, out string) error {
	if s.voice == nil {
		return ErrNoVoice
	}
	tmp, err := atomicfile.CreateTemp(out)
	if err != nil {
		return fmt.Errorf("speech: %w", err)
	}
	name := tmp.Name()
	tmp.Close()
	defer os.Remove(name) // a no-op after the rename
	if err := s.voice.Render(ctx, text, name); err != nil {
		return err
	}
	if _, err := WAVInfo(name); err != nil {
		return fmt.Errorf("speech: %s rendered an unreadable file: %w", s.voice.Name(), err)
	}
	if err := atomicfile.Commit(name, out); err != nil {
		return fmt.Errorf("speech: %w", err)
	}
	return nil
}
