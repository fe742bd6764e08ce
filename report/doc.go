// Package report renders what Rehearse has to say about an answer for
// people to read: one review as text or Markdown, and a whole practice
// session as Markdown or a self-contained HTML page with bar charts (SVG).
//
// Every format is drawn from one view model, worked out once from a
// review: its metrics, scores, findings with their rules' titles,
// talking points, STAR structure and the highlights in the transcript.
// The package knows reviews (package review) and nothing else of the app:
// a session is handed in as a Session value.
package report
