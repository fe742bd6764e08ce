// Package session is the on-disk library of Rehearse: one folder per
// practice session under <root>/sessions/<id>/ holding session.json (the
// questions asked, the takes with their audio file, transcripts, summaries
// and a coach's notes) and the takes' WAV files.
//
// Every session.json is written atomically (temporary file in the same
// directory, fsync, rename, fsync of the directory). A damaged session.json
// never hides the other sessions: List reports it as damaged. A small index
// (<root>/index.json) keeps the library listing fast; entries whose
// session.json changed size or modification time are re-read on the next
// List.
//
// Sessions export to a .zip bundle that ImportBundle reads back with strict
// checks, because a bundle arrives from someone else (package audio checks
// its WAV files). Reports of a session are package report's job.
//
// The package imports review (for the transcript and question types) and
// audio (only to check imported WAV files); further audio checks are handed
// in through Options.
package session
