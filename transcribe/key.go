package transcribe

import (
	"errors"
	"fmt"
	"os"
	"regexp"
	"strings"
	"time"

	"github.com/zalando/go-keyring"
)

// Key store names: the keychain entry holding the API key.
const (
	// KeyringService is the keychain service name of the API key entry.
	KeyringService = "rehearse"
	// KeyringUser is the keychain account name of the API key entry.
	KeyringUser = "openai-api-key"
	// EnvAPIKey is the environment variable read before the keychain.
	EnvAPIKey = "OPENAI_API_KEY"
)

// Where LoadAPIKey found the key.
const (
	KeyFromEnv      = "environment"
	KeyFromKeychain = "keychain"
)

// ErrNoKeychain means the OS keychain (Secret Service on Linux) is not
// available, so the key cannot be saved there.
var ErrNoKeychain = errors.New("the system keychain is not available")

// Keychain reads and writes the API key: OPENAI_API_KEY first, then the OS
// keychain through go-keyring. The zero value is ready to use with the real
// environment and keychain; tests call keyring.MockInit() and set Getenv.
type Keychain struct {
	// Getenv reads an environment variable; nil means os.Getenv.
	Getenv func(string) string
	// Timeout bounds a keychain call (a missing D-Bus can hang); 0 means 5s.
	Timeout time.Duration
}

// LoadAPIKey returns the API key and where it came from (KeyFromEnv or
// KeyFromKeychain). With no key anywhere it returns "", "" and a nil error;
// a missing or broken keychain also counts as no key, never as a crash.
func (s Keychain) LoadAPIKey() (key string, from string, err error) {
	getenv := s.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	if k := strings.TrimSpace(getenv(EnvAPIKey)); k != "" {
		return k, KeyFromEnv, nil
	}
	k, err := s.withTimeout(func() (string, error) { return keyring.Get(KeyringService, KeyringUser) })
	if err != nil || strings.TrimSpace(k) == "" {
		return "", "", nil
	}
	return strings.TrimSpace(k), KeyFromKeychain, nil
}

// SaveAPIKey stores key in the OS keychain. It fails with ErrNoKeychain
// (wrapped) when there is no keychain; the error never contains the key.
func (s Keychain) SaveAPIKey(key string) error {
	key = strings.TrimSpace(key)
	if key == "" {
		return errors.New("saving the API key: the key is empty")
	}
	if _, err := s.withTimeout(func() (string, error) { return "", keyring.Set(KeyringService, KeyringUser, key) }); err != nil {
		return fmt.Errorf("saving the API key to the keychain (service %q): %w: %s", KeyringService, ErrNoKeychain, Redact(err.Error(), key))
	}
	return nil
}

// DeleteAPIKey removes the key from the OS keychain. Deleting a key that is
// not there is not an error.
func (s Keychain) DeleteAPIKey() error {
	_, err := s.withTimeout(func() (string, error) { return "", keyring.Delete(KeyringService, KeyringUser) })
	if err == nil || errors.Is(err, keyring.ErrNotFound) {
		return nil
	}
	return fmt.Errorf("deleting the API key from the keychain (service %q): %w: %v", KeyringService, ErrNoKeychain, err)
}

func (s Keychain) withTimeout(f func() (string, error)) (string, error) {
	d := s.Timeout
	if d <= 0 {
		d = 5 * time.Second
	}
	type result struct {
		v   string
		err error
	}
	ch := make(chan result, 1)
	go func() {
		v, err := f()
		ch <- result{v, err}
	}()
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case r := <-ch:
		return r.v, r.err
	case <-t.C:
		return "", fmt.Errorf("no answer from the keychain within %s", d)
	}
}

// MaskKey shows a key the way Settings displays it: its prefix up to the
// first dash and its last four characters, e.g. "sk-…abcd". Short keys are
// masked entirely.
func MaskKey(k string) string {
	k = strings.TrimSpace(k)
	if k == "" {
		return ""
	}
	if len(k) < 12 {
		return "…"
	}
	prefix := ""
	if i := strings.IndexByte(k, '-'); i >= 0 && i <= 3 {
		prefix = k[:i+1]
	}
	return prefix + "…" + k[len(k)-4:]
}

// skToken matches strings shaped like OpenAI keys and bearer tokens, so a
// server that echoes a key back (even another one) does not leak it.
var skToken = regexp.MustCompile(`(?i)(sk-[A-Za-z0-9_\-*]{8,}|bearer\s+[A-Za-z0-9_\-.~+/]{8,}=*)`)

// Redact returns s with every occurrence of key, and anything shaped like an
// API key or bearer token, replaced by "[API key]". Use it on any text that
// may reach an error message, a log line or a file.
func Redact(s, key string) string {
	key = strings.TrimSpace(key)
	if key != "" {
		s = strings.ReplaceAll(s, key, "[API key]")
	}
	return skToken.ReplaceAllString(s, "[API key]")
}
