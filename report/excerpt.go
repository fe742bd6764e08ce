package report

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// excerpt returns the words around [start, end) on their line, with the
// span in brackets, e.g. "…so I'd [do LinkedIn Ads], because…".
func excerpt(text string, start, end int, open, close string) string {
	if start < 0 || end > len(text) || start > end {
		return ""
	}
	ls := strings.LastIndexByte(text[:start], '\n') + 1
	le := strings.IndexByte(text[end:], '\n')
	if le < 0 {
		le = len(text)
	} else {
		le += end
	}
	const room = 40
	a := max(ls, start-room)
	for a > ls && !utf8.RuneStart(text[a]) {
		a--
	}
	if a > ls { // start at a word boundary
		if i := strings.IndexByte(text[a:start], ' '); i >= 0 {
			a += i + 1
		}
	}
	b := min(le, end+room)
	for b < le && !utf8.RuneStart(text[b]) {
		b++
	}
	if b < le {
		if i := strings.LastIndexByte(text[end:b], ' '); i >= 0 {
			b = end + i
		}
	}
	var sb strings.Builder
	if a > ls {
		sb.WriteString("…")
	}
	sb.WriteString(text[a:start])
	sb.WriteString(open)
	sb.WriteString(text[start:end])
	sb.WriteString(close)
	sb.WriteString(text[end:b])
	if b < le {
		sb.WriteString("…")
	}
	return sb.String()
}

// clockTenths formats seconds as m:ss.s, as the review report gives times.
func clockTenths(sec float64) string {
	m := int(sec) / 60
	return fmt.Sprintf("%d:%04.1f", m, sec-float64(m*60))
}
