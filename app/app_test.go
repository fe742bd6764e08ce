package app

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/rehearse-app/rehearse/audio"
)

func TestNewWithoutAudioStillOpens(t *testing.T) {
	root := t.TempDir()
	if err := os.MkdirAll(UserQuestionsDir(root), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(UserQuestionsDir(root), "broken.yaml"), []byte("questions: [\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var warnings []string
	a, err := New(Options{
		Root: root, Prefs: mapPrefs{}, Keys: &memKeys{},
		OpenAudio: func() (*audio.System, error) { return nil, errors.New("no sound card") },
		Warn: func(err error) {
			mu.Lock()
			warnings = append(warnings, err.Error())
			mu.Unlock()
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if a.Bank == nil || len(a.Bank.All()) == 0 || a.Reviewer == nil || a.Store == nil || a.Reviews == nil {
		t.Fatalf("parts missing: %+v", a)
	}
	if a.Audio != nil || a.Voices != nil || a.AudioErr == nil || !strings.Contains(a.AudioErr.Error(), "no sound card") {
		t.Errorf("audio = %v, voices = %v, err = %v; want none and the reason", a.Audio, a.Voices, a.AudioErr)
	}
	joined := strings.Join(warnings, "\n")
	if !strings.Contains(joined, "broken.yaml") || !strings.Contains(joined, "audio is not available: no sound card") {
		t.Errorf("warnings = %q, want the broken question file and the missing audio", joined)
	}
	for _, dir := range []string{LibraryDir(root), UserRulesDir(root)} {
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			t.Errorf("%s not created: %v", dir, err)
		}
	}
	if a.UserBankDir() != UserQuestionsDir(root) {
		t.Errorf("UserBankDir = %q", a.UserBankDir())
	}
	// No key and no server: the queue is there and says where to set one.
	if a.Transcription == nil || a.Transcription.Configured() {
		t.Fatal("the queue must always be set, and not configured without a key or server")
	}
	if err := a.Transcription.Retry("t1"); !errors.Is(err, ErrNotConfigured) {
		t.Errorf("Retry = %v, want ErrNotConfigured", err)
	}
	if bank, problems := a.ReloadBank(); bank == nil || len(problems) == 0 {
		t.Errorf("ReloadBank = %v, %v; want the bank and the broken file's problem", bank, problems)
	}
}

func TestNewWithoutAnAudioOpener(t *testing.T) {
	a, err := New(Options{Root: t.TempDir(), Prefs: mapPrefs{}, Keys: &memKeys{}})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if a.Audio != nil || a.AudioErr == nil {
		t.Errorf("audio = %v, err = %v; want none and a reason", a.Audio, a.AudioErr)
	}
}
