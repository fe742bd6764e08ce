// Package coach is the optional interviewer model: a chat model reached
// through OpenAI's chat-completions protocol (OpenAI itself, or a local
// server such as Ollama, llama.cpp's llama-server, LM Studio or LocalAI).
//
// A Client asks one follow-up question about an answer (FollowUp), gives a
// second opinion on it as structured claims, each backed by a quote that is
// checked against the transcript (SecondOpinion), writes a stronger answer
// that keeps the candidate's own facts (Rewrite), and drafts questions for a
// job description in the question bank's format (Questions).
//
// What is sent is the question, its rubric and the transcript; never audio,
// and the user's notes only when Config.SendNotes is set. Prompts are the
// template files of assets/prompts. A failed request is a *transcribe.Error
// in plain words, the same type transcription fails with, and never holds
// the API key; errors.Is tells the kinds apart (ErrRefused,
// ErrContextTooLong, ErrTruncated, ErrMalformed, ErrNoModel, and
// transcribe's ErrUnauthorized, ErrRateLimited, ErrServer, ErrTimeout, ...).
// Drafted questions that fail the bank's checks wrap ErrBadQuestions and the
// loader's own error.
package coach
