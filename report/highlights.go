package report

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/rehearse-app/rehearse/review"
)

// span is a highlighted stretch of transcript: finding number N (1-based)
// of rule Rule.
type span struct {
	Start, End int
	Rule       string
	N          int
	Title      string
}

// anchor is a marker inserted after byte At: a note reference (Label), or
// the place of a finding that has a time but no words (Rule set, N its
// 1-based number, Title its rule's human title, Message what it says).
type anchor struct {
	At    int
	Label string
	Rule  string
	N     int
	Title string
	// Message is the finding's message, for the HTML tooltip.
	Message string
}

// validSpan reports whether start..end is a non-empty span of text on rune
// boundaries.
func validSpan(text string, start, end int) bool {
	return start >= 0 && end > start && end <= len(text) &&
		utf8.RuneStart(byteAt(text, start)) && (end == len(text) || utf8.RuneStart(text[end]))
}

func byteAt(s string, i int) byte {
	if i < len(s) {
		return s[i]
	}
	return 0
}

// flagSpans picks the findings to highlight from the report's spans
// (review.Report.Spans): valid spans of text, earliest first, skipping any
// that overlap one already chosen (they are still listed). title names a
// rule; a span's Title is its rule's title and message.
func flagSpans(text string, r *review.Report, title func(string) string) []span {
	if r == nil || (r.Text != "" && r.Text != text) {
		return nil
	}
	var out []span
	for _, s := range r.Spans() {
		if validSpan(text, s.Start, s.End) {
			out = append(out, span{Start: s.Start, End: s.End, Rule: s.Rule, N: s.Finding + 1,
				Title: title(s.Rule) + ": " + r.Findings[s.Finding].Message})
		}
	}
	slices.SortStableFunc(out, func(a, b span) int { return cmp.Compare(a.Start, b.Start) })
	kept := out[:0]
	last := 0
	for _, s := range out {
		if s.Start >= last {
			kept = append(kept, s)
			last = s.End
		}
	}
	return kept
}

// noteAnchors places a marker for each note with a valid span at the end
// of its span, labelled N1, N2... in the order of notes.
func noteAnchors(text string, notes []Note) []anchor {
	var out []anchor
	for i, n := range notes {
		if n.Start >= 0 && validSpan(text, n.Start, n.End) {
			out = append(out, anchor{At: n.End, Label: fmt.Sprintf("N%d", i+1)})
		}
	}
	slices.SortStableFunc(out, func(a, b anchor) int { return cmp.Compare(a.At, b.At) })
	return out
}

// textMark is one piece of a marked-up transcript, in order: exactly one
// of plain Text, the Open or Close of a span, or an Anchor.
type textMark struct {
	Text   string
	Open   *span
	Close  *span
	Anchor *anchor
}

// textMarks splits text into plain pieces, span openings and closings and
// anchors, in order. spans must be sorted and not overlap, anchors sorted.
func textMarks(text string, spans []span, anchors []anchor) []textMark {
	var out []textMark
	pos, si, ai := 0, 0, 0
	inSpan := false
	for {
		next := len(text)
		if si < len(spans) {
			if inSpan {
				next = min(next, spans[si].End)
			} else {
				next = min(next, spans[si].Start)
			}
		}
		if ai < len(anchors) {
			next = min(next, anchors[ai].At)
		}
		if next > pos {
			out = append(out, textMark{Text: text[pos:next]})
		}
		pos = next
		if inSpan && spans[si].End == pos {
			out = append(out, textMark{Close: &spans[si]})
			inSpan = false
			si++
		}
		for ai < len(anchors) && anchors[ai].At == pos {
			out = append(out, textMark{Anchor: &anchors[ai]})
			ai++
		}
		if !inSpan && si < len(spans) && spans[si].Start == pos {
			out = append(out, textMark{Open: &spans[si]})
			inSpan = true
			continue
		}
		if pos >= len(text) && !inSpan && ai >= len(anchors) {
			return out
		}
		if pos >= len(text) && si >= len(spans) && ai >= len(anchors) {
			return out
		}
	}
}

// markText renders text with spans and anchors: esc escapes plain text,
// open/close wrap a span, mark renders an anchor.
func markText(text string, spans []span, anchors []anchor, esc func(string) string,
	open, close func(span) string, mark func(anchor) string) string {
	var b strings.Builder
	for _, m := range textMarks(text, spans, anchors) {
		switch {
		case m.Open != nil:
			b.WriteString(open(*m.Open))
		case m.Close != nil:
			b.WriteString(close(*m.Close))
		case m.Anchor != nil:
			b.WriteString(mark(*m.Anchor))
		default:
			b.WriteString(esc(m.Text))
		}
	}
	return b.String()
}

// clock formats seconds as m:ss.
func clock(sec float64) string {
	if math.IsNaN(sec) || sec < 0 {
		return "-"
	}
	s := int(math.Round(sec))
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}
