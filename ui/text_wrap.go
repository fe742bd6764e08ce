package ui

// wrapRows breaks runes into rows at most maxW wide, greedily, at spaces
// when it can (widthOf gives the width of rune i). Each row is a span
// [start, end) of runes. A newline ends a row and belongs to none; so does
// a space that would overflow its row. When a word overflows, the row ends
// after the last space before it (the space stays on that row) and the
// word moves down; a word wider than a row is cut where it overflows.
// There is always at least one row.
func wrapRows(runes []rune, widthOf func(i int) float32, maxW float32) [][2]int {
	var rows [][2]int
	start := 0
	var rowW float32
	lastSpace := -1
	for i, r := range runes {
		if r == '\n' {
			rows = append(rows, [2]int{start, i})
			start, rowW, lastSpace = i+1, 0, -1
			continue
		}
		w := widthOf(i)
		if rowW+w > maxW && i > start {
			if r == ' ' {
				rows = append(rows, [2]int{start, i})
				start, rowW, lastSpace = i+1, 0, -1
				continue
			}
			if lastSpace >= 0 {
				rows = append(rows, [2]int{start, lastSpace + 1})
				start = lastSpace + 1
			} else {
				rows = append(rows, [2]int{start, i})
				start = i
			}
			rowW = 0
			for j := start; j < i; j++ {
				rowW += widthOf(j)
			}
			lastSpace = -1
		}
		if r == ' ' {
			lastSpace = i
		}
		rowW += w
	}
	if start < len(runes) || len(rows) == 0 {
		rows = append(rows, [2]int{start, len(runes)})
	}
	return rows
}
