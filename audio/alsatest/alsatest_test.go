package alsatest

import (
	"os"
	"strings"
	"testing"
)

func TestRawSamplesRoundTrip(t *testing.T) {
	s := []int16{0, 1, -1, 32767, -32768, 1234}
	got := Samples(Raw(s))
	if len(got) != len(s) {
		t.Fatalf("%d samples back, want %d", len(got), len(s))
	}
	for i := range s {
		if got[i] != s[i] {
			t.Fatalf("sample %d = %d, want %d", i, got[i], s[i])
		}
	}
}

func TestSetupWritesConfig(t *testing.T) {
	played := Setup(t, []byte{1, 2, 3, 4})
	conf, err := os.ReadFile(os.Getenv("ALSA_CONFIG_PATH"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"pcm.mic", "pcm.speaker", played, "mic.raw"} {
		if !strings.Contains(string(conf), want) {
			t.Errorf("config lacks %q:\n%s", want, conf)
		}
	}
}

func TestSpeechIsSpeech(t *testing.T) {
	raw := Speech(t, "Hello there", 16000)
	s := Samples(raw)
	if len(s) < 8000 || len(s) > 48000 {
		t.Fatalf("%d samples for two words at 16 kHz, want 0.5–3 s", len(s))
	}
	peak := 0
	for _, v := range s {
		peak = max(peak, int(v), -int(v))
	}
	if peak < 3000 {
		t.Errorf("peak %d: speech too quiet or silent", peak)
	}
}
