// Package transcribe turns recorded takes into transcripts with word timings
// through the OpenAI audio API or any OpenAI-compatible server (speaches /
// faster-whisper-server, whisper.cpp's server, LocalAI).
//
// It is the only package of the module that imports go-openai. It holds the
// client (Client), the background queue that transcribes takes and survives a
// restart (Queue), the API key store backed by the OS keychain (Keychain), and
// the speech call used to read a question aloud (Client.Speech).
//
// Errors are *Error values written in plain words; they never contain the API
// key (see Redact), and errors.Is matches them against ErrUnauthorized,
// ErrTooLarge, ErrRateLimited and the other sentinels. IsRetryable says which
// ones are worth another attempt.
package transcribe
