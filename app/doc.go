// Package app is the application layer of Rehearse: what the desktop
// screens and the command line share. It opens the library and the
// question bank, reviews takes (the one review path), wires transcription
// and the API key, builds the voices that read questions aloud, caches
// recordings' envelopes, and names the settings keys.
//
// It imports no Fyne: the settings store and the key store are handed in.
package app
