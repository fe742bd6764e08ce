package app

import (
	"strings"
	"sync"

	"github.com/rehearse-app/rehearse/transcribe"
)

// KeyStore keeps the API key; transcribe.Keychain (the environment, then
// the OS keychain) is the real one.
type KeyStore interface {
	// LoadAPIKey returns the key and where it came from
	// (transcribe.KeyFromEnv or transcribe.KeyFromKeychain); "" when there
	// is none.
	LoadAPIKey() (key, from string, err error)
	// SaveAPIKey stores key in the keychain.
	SaveAPIKey(key string) error
	// DeleteAPIKey removes the key from the keychain.
	DeleteAPIKey() error
}

// cachedKeys reads the API key from the keychain once and remembers it, so
// no screen waits on the keychain (which can take seconds to answer) more
// than once; saving or removing the key in Settings updates the cache.
type cachedKeys struct {
	store KeyStore

	once      sync.Once
	mu        sync.Mutex
	key, from string
	err       error
}

// LoadAPIKey returns the key, reading the keychain on the first call only.
func (c *cachedKeys) LoadAPIKey() (string, string, error) {
	c.once.Do(func() {
		key, from, err := c.store.LoadAPIKey()
		c.mu.Lock()
		c.key, c.from, c.err = key, from, err
		c.mu.Unlock()
	})
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.key, c.from, c.err
}

// SaveAPIKey stores key in the keychain and, when that worked, in the cache.
func (c *cachedKeys) SaveAPIKey(key string) error {
	if err := c.store.SaveAPIKey(key); err != nil {
		return err
	}
	c.LoadAPIKey() // settle the first read before overwriting it
	c.mu.Lock()
	c.key, c.from, c.err = strings.TrimSpace(key), transcribe.KeyFromKeychain, nil
	c.mu.Unlock()
	return nil
}

// DeleteAPIKey removes the key from the keychain and reads again where the
// key now comes from (the environment may still hold one).
func (c *cachedKeys) DeleteAPIKey() error {
	err := c.store.DeleteAPIKey()
	c.LoadAPIKey()
	key, from, lerr := c.store.LoadAPIKey()
	c.mu.Lock()
	c.key, c.from, c.err = key, from, lerr
	c.mu.Unlock()
	return err
}
