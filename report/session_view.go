package report

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/rehearse-app/rehearse/review"
)

// takeGroup is one question of a report with its takes, in session order.
type takeGroup struct {
	Prompt string
	// Category is the title of the question's category, "" when it has none.
	Category string
	Takes    []takeView
}

// takeView is what a session report shows of one take, gathered once so
// the Markdown and HTML exports only differ in markup.
type takeView struct {
	Take
	N   int // number within its question
	All int // number within the session (T1, T2... of the HTML overview)
	// Findings, TalkingPoints and Star come from the take's review's view
	// model; none without a review.
	Findings      []findingView
	TalkingPoints []pointView
	Star          []starView
	// Figures are the headline numbers: the review's summary, or else the
	// take's stored one; nil when the take has neither.
	Figures *review.Summary
	Metrics []metric           // columns of the metrics table; empty without Figures
	Scores  []review.AreaScore // the assessed scores
	// Text is the transcript ("" when there is none yet), Spans the
	// findings highlighted in it and Anchors the notes' markers.
	Text    string
	Spans   []span
	Anchors []anchor
	// Parent is the number, within its question, of the take a follow-up
	// answer follows up (0 when the take is not a follow-up answer, or its
	// parent is gone).
	Parent int
}

// FollowUpLine says which take a follow-up answer follows up, and the
// question asked: "Follow-up to take 1: Which model did you trust?".
func (v takeView) FollowUpLine() string {
	if v.FollowUp == nil {
		return ""
	}
	if v.Parent > 0 {
		return fmt.Sprintf("Follow-up to take %d: %s", v.Parent, v.FollowUp.Question)
	}
	return "Follow-up: " + v.FollowUp.Question
}

// metric is one column of a take's metrics table.
type metric struct{ Head, Value string }

// reportGroups groups a session's takes under its questions (questions in
// snapshot order, then any question id a take names that the snapshot
// lacks) and gathers what the report shows of each take; title names a
// rule.
func reportGroups(s *Session, title func(string) string) []takeGroup {
	var gs []takeGroup
	var takes [][]Take
	idx := map[string]int{}
	for _, q := range s.Questions {
		idx[q.ID] = len(gs)
		gs = append(gs, takeGroup{Prompt: q.Prompt, Category: review.CategoryTitle(q.Category)})
		takes = append(takes, nil)
	}
	for _, tk := range s.Takes {
		i, ok := idx[tk.QuestionID]
		if !ok {
			i = len(gs)
			idx[tk.QuestionID] = i
			gs = append(gs, takeGroup{Prompt: "Question " + tk.QuestionID})
			takes = append(takes, nil)
		}
		takes[i] = append(takes[i], tk)
	}
	all := 0
	for i := range gs {
		num := map[string]int{} // take id -> number within the question
		for n, tk := range takes[i] {
			all++
			num[tk.ID] = n + 1
			v := viewTake(tk, n+1, all, title)
			if tk.FollowUp != nil {
				v.Parent = num[tk.FollowUp.Parent]
			}
			gs[i].Takes = append(gs[i].Takes, v)
		}
	}
	return gs
}

// viewTake gathers what the report shows of take tk, number n within its
// question and all within the session; title names a rule.
func viewTake(tk Take, n, all int, title func(string) string) takeView {
	v := takeView{Take: tk, N: n, All: all, Figures: tk.Summary}
	if tk.Transcript != nil {
		v.Text = tk.Transcript.Text
	}
	r := tk.Review
	if r != nil {
		sum := r.Summary()
		v.Figures = &sum
		rv := newReviewView(r, v.Text, title)
		v.Findings, v.TalkingPoints, v.Star = rv.Findings, rv.TalkingPoints, rv.Star
	}
	if fg := v.Figures; fg != nil {
		v.Metrics = []metric{
			{"Words", fmt.Sprint(fg.Words)},
			{"WPM", fmt.Sprintf("%.0f", fg.WPM)},
			{"Fillers / 100 words", fmt.Sprintf("%.1f", fg.FillersPer100Words)},
		}
		for _, sc := range fg.AreaScores() {
			if sc.Assessed {
				v.Scores = append(v.Scores, sc)
			}
		}
	}
	if r != nil {
		v.Metrics = append(v.Metrics,
			metric{"Fillers", fmt.Sprint(r.Metrics.Fillers)},
			metric{"Longest pause", fmt.Sprintf("%.1f s", r.Metrics.LongestPauseS)},
			metric{"Pauses > 2 s", fmt.Sprint(r.Metrics.PausesOver2s)})
	}
	if v.Text != "" {
		v.Spans = flagSpans(v.Text, r, title)
		v.Anchors = mergeAnchors(timeAnchors(tk.Transcript, tk.Duration, r, title), noteAnchors(v.Text, tk.Notes))
	}
	return v
}

// noteWhere describes where a note points: its playback time and quoted
// span of the transcript text, when it has them. The result is plain text,
// for the caller to escape.
func noteWhere(n Note, text string) string {
	var parts []string
	if n.Time >= 0 {
		parts = append(parts, "at "+clock(n.Time))
	}
	if n.Start >= 0 && validSpan(text, n.Start, n.End) {
		q := text[n.Start:n.End]
		if len(q) > 80 {
			q = q[:77]
			for len(q) > 0 && !utf8.ValidString(q) {
				q = q[:len(q)-1]
			}
			q += "…"
		}
		parts = append(parts, "on “"+q+"”")
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

// takesCount says how many takes there are, in words: "1 take", "3 takes".
func takesCount(n int) string {
	if n == 1 {
		return "1 take"
	}
	return fmt.Sprintf("%d takes", n)
}
