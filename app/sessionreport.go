package app

import (
	"github.com/rehearse-app/rehearse/report"
	"github.com/rehearse-app/rehearse/review"
	"github.com/rehearse-app/rehearse/session"
)

// SessionReport gathers what a report shows of library session s, for
// report.SessionMarkdown and report.SessionHTML: its heading
// (Session.ReportTitle), questions, takes with their notes, and each
// take's review from reports (take id to review; nil or a missing take:
// reported without flags).
func SessionReport(s *session.Session, reports map[string]*review.Report) *report.Session {
	out := &report.Session{ID: s.ID, Title: s.ReportTitle(), Created: s.Created, Questions: s.Questions}
	for _, tk := range s.Takes {
		rt := report.Take{
			ID: tk.ID, QuestionID: tk.QuestionID, Created: tk.Created, Duration: tk.Duration,
			Transcript:       tk.Transcript,
			TranscriptFailed: tk.TranscriptState == session.TranscriptFailed,
			TranscriptError:  tk.TranscriptError,
			Summary:          tk.Summary,
			Review:           reports[tk.ID],
		}
		if tk.FollowUp != nil {
			rt.FollowUp = &report.FollowUp{Parent: tk.FollowUp.Parent, Question: tk.FollowUp.Question}
		}
		for _, n := range s.TakeNotes(tk.ID) {
			rt.Notes = append(rt.Notes, report.Note{Author: n.Author, Tag: n.Tag, Text: n.Text, Start: n.Start, End: n.End, Time: n.Time})
		}
		out.Takes = append(out.Takes, rt)
	}
	return out
}
