// Package ui holds the Fyne screens of Rehearse: practice, review, library
// and settings. It is the only package besides cmd that imports Fyne.
//
// Each screen is one struct holding its widgets and its dependencies, built
// by a build method, with onXxx handlers; state lives in plain fields, not
// in widget text. A big screen is split by concern, one file and one part
// struct each (review_player.go, review_notes.go, ...), and a flow with
// phases is a plain type tested without widgets (practice_run.go). Work
// done off the UI goroutine reaches widgets through fyne.Do. Everything a screen talks to (recorder, speaker, store, queue) is
// handed in through Deps, so tests can give it fakes.
package ui
