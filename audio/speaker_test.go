package audio

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/rehearse-app/rehearse/audio/alsatest"
)

const questionText = "Your webinar got zero engagement. Walk me through how you would troubleshoot it."

func TestSpeakerSaysQuestionOnFileDevice(t *testing.T) {
	voice, err := FindSystemVoice("")
	if err != nil {
		t.Skipf("no system voice: %v", err)
	}
	played := alsatest.Setup(t, nil)
	sys := initSystem(t)
	cache := t.TempDir()
	sp := NewSpeaker(sys, voice, cache, alsatest.Speaker)
	if err := sp.Say(context.Background(), questionText); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(cache, "*.wav"))
	if len(files) != 1 || filepath.Base(files[0]) != CacheKey(voice.Name(), questionText) {
		t.Fatalf("cache holds %v, want one file named by the key", files)
	}
	rendered, err := ReadWAV(files[0])
	if err != nil {
		t.Fatal(err)
	}
	// Spoken questions of 12 words last 3 to 8 s.
	if d := rendered.Duration(); d < 3*time.Second || d > 8*time.Second {
		t.Errorf("rendered speech lasts %v, want 3–8 s", d)
	}
	raw, err := os.ReadFile(played)
	if err != nil {
		t.Fatal(err)
	}
	got := alsatest.Samples(raw)
	// The device was opened at the rendering's rate, mono: the played file
	// holds exactly the rendered samples, then at most one buffer of padding.
	want := rendered.Mono().Samples
	if len(got) < len(want) || len(got) > len(want)+rendered.Rate/10 {
		t.Fatalf("played %d samples, want %d plus at most a buffer", len(got), len(want))
	}
	if !slicesEqual(got[:len(want)], want) {
		c, lag := bestCorrelation(got, want, 100)
		t.Errorf("played audio differs from the rendering (correlation %.3f at lag %d)", c, lag)
	}
	env := Envelope(&PCM{Rate: rendered.Rate, Channels: 1, Samples: got}, 20*time.Millisecond)
	spans := VoiceActivity(env, 20*time.Millisecond, VADOptions{})
	if len(spans) == 0 || spans[len(spans)-1].End-spans[0].Start < 2*time.Second {
		t.Errorf("played file holds speech spans %v, want over 2 s of speech", spans)
	}

	// A second Say uses the cache (the file is not rewritten).
	st1, _ := os.Stat(files[0])
	time.Sleep(10 * time.Millisecond)
	if err := sp.Say(context.Background(), questionText); err != nil {
		t.Fatal(err)
	}
	st2, _ := os.Stat(files[0])
	if !st2.ModTime().Equal(st1.ModTime()) {
		t.Error("the cached rendering was rendered again")
	}
}

// newFilePlayer sets up the ALSA file devices and returns the system, a
// Player on the "speaker" device (closed when t ends) and the file it plays
// into.
func newFilePlayer(t *testing.T) (sys *System, p *Player, played string) {
	t.Helper()
	played = alsatest.Setup(t, nil)
	sys = initSystem(t)
	p, err := sys.NewPlayer(alsatest.Speaker)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	return sys, p, played
}

// playToEnd plays what p has loaded and waits for the end.
func playToEnd(t *testing.T, p *Player) {
	t.Helper()
	if err := p.Play(); err != nil {
		t.Fatal(err)
	}
	if err := p.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func TestPlayerPauseSeekWait(t *testing.T) {
	sys, p, played := newFilePlayer(t)
	if _, err := sys.NewPlayer("no-such-speaker"); !errors.Is(err, ErrNoDevice) {
		t.Errorf("unknown output device: %v", err)
	}
	x := sine(440, TakeRate, 2*TakeRate, 10000)
	if err := p.Load(&PCM{Rate: TakeRate, Channels: 1, Samples: x}); err != nil {
		t.Fatal(err)
	}
	if p.Duration() != 2*time.Second || p.Playing() {
		t.Fatalf("Duration %v Playing %v after Load", p.Duration(), p.Playing())
	}
	p.Seek(time.Second)
	if p.Position() != time.Second {
		t.Fatalf("Position after Seek = %v", p.Position())
	}
	playToEnd(t, p)
	if p.Playing() || p.Position() != 2*time.Second {
		t.Errorf("after the end: Playing %v Position %v", p.Playing(), p.Position())
	}
	raw, _ := os.ReadFile(played)
	got := alsatest.Samples(raw)
	if len(got) < TakeRate || !slicesEqual(got[:TakeRate], x[TakeRate:]) {
		t.Errorf("played %d samples, want the second half of the tone first", len(got))
	}
	// Pause from another goroutine while playing a long file.
	p.Load(&PCM{Rate: TakeRate, Channels: 1, Samples: make([]int16, 600*TakeRate)})
	p.Play()
	p.Pause()
	if p.Playing() {
		t.Error("Playing after Pause")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	p.Play()
	if err := p.Wait(ctx); !errors.Is(err, context.Canceled) || p.Playing() {
		t.Errorf("Wait with a cancelled context = %v, playing %v", err, p.Playing())
	}
}

func TestPCMVoiceRendersWAV(t *testing.T) {
	want := sine(300, 24000, 2400, 5000)
	v := NewPCMVoice("openai:alloy", 24000, func(ctx context.Context, text string) ([]byte, error) {
		if text != "hello" {
			return nil, errors.New("wrong text")
		}
		return append(alsatest.Raw(want), 7), nil // odd trailing byte
	})
	out := filepath.Join(t.TempDir(), "v.wav")
	if err := v.Render(context.Background(), "hello", out); err != nil {
		t.Fatal(err)
	}
	pcm, err := ReadWAV(out)
	if err != nil || pcm.Rate != 24000 || !slicesEqual(pcm.Samples, want) {
		t.Fatalf("PCMVoice wrote %+v, %v", pcm, err)
	}
	if err := v.Render(context.Background(), "other", out); err == nil {
		t.Error("fn error not returned")
	}
	sp := NewSpeaker(nil, v, t.TempDir(), "")
	if err := sp.RenderTo(context.Background(), "hello", filepath.Join(t.TempDir(), "r.wav")); err != nil {
		t.Fatal(err)
	}
	if err := NewSpeaker(nil, nil, t.TempDir(), "").Say(context.Background(), "x"); !errors.Is(err, ErrNoVoice) {
		t.Errorf("Say without a voice = %v, want ErrNoVoice", err)
	}
}

func TestFindSystemVoicePerPlatform(t *testing.T) {
	has := func(names ...string) func(string) (string, error) {
		return func(n string) (string, error) {
			for _, h := range names {
				if h == n {
					return "/bin/" + n, nil
				}
			}
			return "", errors.New("not found")
		}
	}
	for _, tc := range []struct {
		goos  string
		have  []string
		want  string
		noVox bool
	}{
		{"linux", []string{"spd-say", "espeak-ng"}, "espeak-ng", false},
		{"linux", []string{"spd-say"}, "spd-say", false},
		{"linux", nil, "", true},
		{"darwin", []string{"say"}, "say", false},
		{"windows", []string{"powershell"}, "powershell", false},
	} {
		v, err := findSystemVoice(tc.goos, "", has(tc.have...))
		if tc.noVox {
			if !errors.Is(err, ErrNoVoice) {
				t.Errorf("%s with %v: %v, want ErrNoVoice", tc.goos, tc.have, err)
			}
			continue
		}
		if err != nil || v.Name() != tc.want {
			t.Errorf("%s with %v: %v, %v; want %s", tc.goos, tc.have, v, err, tc.want)
		}
	}
	v, _ := findSystemVoice("linux", "", has("spd-say"))
	if err := v.Render(context.Background(), "hi", "x.wav"); !errors.Is(err, ErrCannotRender) {
		t.Errorf("spd-say Render = %v, want ErrCannotRender", err)
	}
}

func TestPlayerResamplesWhenDeviceRefusesRate(t *testing.T) {
	_, p, played := newFilePlayer(t)
	p.forceRate = 48000 // as a device that only runs at 48 kHz
	x := sine(1000, TakeRate, TakeRate, 10000)
	if err := p.Load(&PCM{Rate: TakeRate, Channels: 1, Samples: x}); err != nil {
		t.Fatal(err)
	}
	if p.Duration() != time.Second {
		t.Errorf("Duration = %v, want 1s", p.Duration())
	}
	playToEnd(t, p)
	raw, _ := os.ReadFile(played)
	got := alsatest.Samples(raw)
	if len(got) < 48000 || len(got) > 48000+4800 {
		t.Fatalf("played %d samples at 48 kHz, want 48000 plus at most a buffer", len(got))
	}
	ideal := sine(1000, 48000, 48000, 10000)
	if c := correlation(got[4800:43200], ideal[4800:43200]); c < 0.999 {
		t.Errorf("played audio vs an ideal 48 kHz sine: correlation %.4f", c)
	}
}
