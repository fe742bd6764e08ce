package session

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

// takeView is what a report shows of one take, gathered once so the
// Markdown and HTML exports only differ in markup.
type takeView struct {
	Take
	N   int // number within its question
	All int // number within the session (T1, T2... of the HTML overview)
	// Findings and TalkingPoints are the take's review's; none without one.
	Findings      []findingView
	TalkingPoints []review.TalkingPointHit
	// Figures are the headline numbers: the report's summary, or else the
	// take's stored one; nil when the take has neither.
	Figures *review.Summary
	Metrics []metric    // columns of the metrics table; empty without Figures
	Scores  []scoreItem // the assessed scores
	Notes   []Note
	// Text is the transcript ("" when there is none yet), Spans the
	// findings highlighted in it and Anchors the notes' markers.
	Text    string
	Spans   []span
	Anchors []anchor
}

// findingView is a finding as a report lists it: with its rule's human
// title (rule ids stay in the JSON output).
type findingView struct {
	review.Finding
	Title string
}

// metric is one column of a take's metrics table.
type metric struct{ Head, Value string }

// ruleTitler names rules for people: the rule set's titles, or the stable
// titles of review.RuleTitle when there is no rule set.
func ruleTitler(rules *review.RuleSet) func(string) string {
	if rules == nil {
		return review.RuleTitle
	}
	return rules.Title
}

// reportGroups groups a session's takes under its questions (questions in
// snapshot order, then any question id a take names that the snapshot
// lacks) and gathers what the report shows of each take. reports maps take
// ids to their review and may be nil; title names a rule.
func reportGroups(s *Session, reports map[string]*review.Report, title func(string) string) []takeGroup {
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
		for n, tk := range takes[i] {
			all++
			gs[i].Takes = append(gs[i].Takes, viewTake(s, tk, n+1, all, reports[tk.ID], title))
		}
	}
	return gs
}

// viewTake gathers what the report shows of take tk, number n within its
// question and all within the session, reviewed by r (nil: not reviewed);
// title names a rule.
func viewTake(s *Session, tk Take, n, all int, r *review.Report, title func(string) string) takeView {
	v := takeView{Take: tk, N: n, All: all, Notes: s.TakeNotes(tk.ID), Figures: tk.Summary}
	if r != nil {
		sum := r.Summary()
		v.Figures = &sum
		v.TalkingPoints = r.TalkingPoints
		for _, f := range r.Findings {
			v.Findings = append(v.Findings, findingView{Finding: f, Title: title(f.Rule)})
		}
	}
	if fg := v.Figures; fg != nil {
		v.Metrics = []metric{
			{"Words", fmt.Sprint(fg.Words)},
			{"WPM", fmt.Sprintf("%.0f", fg.WPM)},
			{"Fillers / 100 words", fmt.Sprintf("%.1f", fg.FillersPer100Words)},
		}
		for _, sc := range summaryScores(fg) {
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
	if tk.Transcript != nil && tk.Transcript.Text != "" {
		v.Text = tk.Transcript.Text
		v.Spans = flagSpans(v.Text, r, title)
		v.Anchors = mergeAnchors(timeAnchors(tk.Transcript, tk.Duration, r, title), noteAnchors(v.Text, v.Notes))
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

// reportTitle is the heading of a report of s: the name the user gave the
// session; else, for a session of one question, that question's full
// prompt (the library's default name is the prompt cut short); else a
// generic name.
func reportTitle(s *Session) string {
	title := strings.TrimSpace(s.Title)
	if len(s.Questions) == 1 {
		if p := strings.TrimSpace(s.Questions[0].Prompt); p != "" && (title == "" || IsPromptTitle(title, p)) {
			return p
		}
	}
	if title == "" {
		return "Practice session " + s.ID
	}
	return s.Title
}

// PromptTitleRunes is the longest a session's default name, made from its
// question's prompt, runs before it is cut short.
const PromptTitleRunes = 60

// PromptTitle is the default name of a session of one question: its
// prompt, cut short with "…" past PromptTitleRunes runes.
func PromptTitle(prompt string) string {
	if r := []rune(prompt); len(r) > PromptTitleRunes {
		return strings.TrimSpace(string(r[:PromptTitleRunes-3])) + "…"
	}
	return prompt
}

// IsPromptTitle reports whether title is prompt itself or prompt cut short
// with a trailing "…" (a default name, not one the user gave).
func IsPromptTitle(title, prompt string) bool {
	if title == prompt {
		return true
	}
	head, ok := strings.CutSuffix(title, "…")
	head = strings.TrimSpace(head)
	return ok && head != "" && strings.HasPrefix(prompt, head)
}

// takesCount says how many takes there are, in words: "1 take", "3 takes".
func takesCount(n int) string {
	if n == 1 {
		return "1 take"
	}
	return fmt.Sprintf("%d takes", n)
}
