package review

import (
	"strings"
	"unicode"
)

// A pasted transcript of a mock interview may carry both sides, each turn
// opened by its speaker's label ("INTERVIEWER: Mm-hm. CANDIDATE: Then I'd
// pull the numbers."). Only the candidate's turns are the answer: the
// interviewer's "mm-hm" is no filler of theirs, a question asked is not
// theirs to have asked.

// interviewerLabels and candidateLabels name the two sides, lower case.
var (
	interviewerLabels = []string{"interviewer", "recruiter", "hiring manager", "panel", "panelist", "q", "question"}
	candidateLabels   = []string{"candidate", "interviewee", "me", "a", "answer"}
)

// turnLabel is a speaker's label found in a text: text[start:end] is the
// label and its colon.
type turnLabel struct {
	start, end  int
	interviewer bool
}

// candidateTurns returns text with the interviewer's turns and every label
// blanked (the same length, so offsets still point into text; each blank
// opens with two newlines, a sentence break), and how many interviewer
// turns it left out. Text without labels of both sides is returned as it
// is: a lone "Question:" may open one of the candidate's own sentences.
func candidateTurns(text string) (string, int) {
	labels := findTurnLabels(text)
	interviewer, candidate := false, false
	for _, l := range labels {
		interviewer = interviewer || l.interviewer
		candidate = candidate || !l.interviewer
	}
	if !interviewer || !candidate {
		return text, 0
	}
	b := []byte(text)
	turns := 0
	for i, l := range labels {
		end := l.end // a candidate's label: blank the label alone
		if l.interviewer {
			end = len(text)
			if i+1 < len(labels) {
				end = labels[i+1].start
			}
			turns++
		}
		blank(b[l.start:end])
	}
	return string(b), turns
}

// blank overwrites b with a sentence break and spaces.
func blank(b []byte) {
	for i := range b {
		b[i] = ' '
		if i < 2 {
			b[i] = '\n'
		}
	}
}

// findTurnLabels finds the labels that open a turn: a known side's name
// and a colon, at the start of the text, of a line, or after a sentence's
// end. It looks only before each colon, so a text without one costs a
// single byte search.
func findTurnLabels(text string) []turnLabel {
	var out []turnLabel
	for c := strings.IndexByte(text, ':'); c >= 0; {
		if l, ok := labelBefore(text, c); ok {
			out = append(out, l)
		}
		next := strings.IndexByte(text[c+1:], ':')
		if next < 0 {
			break
		}
		c += 1 + next
	}
	return out
}

// labelBefore returns the label that ends with the colon at text[c], if
// the words before it name a side and begin a turn.
func labelBefore(text string, c int) (turnLabel, bool) {
	e := c
	for e > 0 && text[e-1] == ' ' {
		e--
	}
	for _, side := range [...]struct {
		names       []string
		interviewer bool
	}{{interviewerLabels, true}, {candidateLabels, false}} {
		for _, name := range side.names {
			s := e - len(name)
			if s >= 0 && strings.EqualFold(text[s:e], name) && turnStart(text, s) {
				return turnLabel{s, c + 1, side.interviewer}, true
			}
		}
	}
	return turnLabel{}, false
}

// turnStart says whether a label may begin at text[i]: a letter at the
// start of the text or of a line, or after a sentence's end and a space.
func turnStart(text string, i int) bool {
	if !unicode.IsLetter(rune(text[i])) {
		return false
	}
	j := i
	for j > 0 && (text[j-1] == ' ' || text[j-1] == '\t') {
		j--
	}
	if j == 0 || text[j-1] == '\n' || text[j-1] == '\r' {
		return true
	}
	return j < i && strings.ContainsRune(".!?\"'”’)", rune(text[j-1]))
}
