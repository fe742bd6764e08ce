package review

// maxAlignEdits bounds the edit distance (in words) that alignWords aligns
// exactly; past it, words between the common start and end stay unmatched.
// 2000 word edits costs at most 16 MB and a few milliseconds.
const maxAlignEdits = 2000

// alignWords is the one word aligner of the package: it matches two word
// sequences in order and returns the index pairs (i in a, j in b) of a
// longest common subsequence, i and j both increasing. eq(i, j) says
// whether a[i] and b[j] are the same word; n and m are the lengths.
//
// It matches the common start and end first and runs Myers' O(ND) diff on
// what is left, keeping only the diagonals used at each step (O(D²)
// memory), so two sequences that agree cost almost nothing. Retext
// (old transcript words against corrected text), timeTokens (the
// reviewer's tokens against transcribed words) and Timeline (the words
// of the text against timed words) all align through it.
func alignWords(n, m int, eq func(i, j int) bool) [][2]int {
	var pairs [][2]int
	pre := 0
	for pre < n && pre < m && eq(pre, pre) {
		pairs = append(pairs, [2]int{pre, pre})
		pre++
	}
	suf := 0
	for suf < n-pre && suf < m-pre && eq(n-1-suf, m-1-suf) {
		suf++
	}
	mid := func(i, j int) bool { return eq(i+pre, j+pre) }
	pairs = append(pairs, alignMyers(n-pre-suf, m-pre-suf, mid, pre)...)
	for k := suf; k > 0; k-- {
		pairs = append(pairs, [2]int{n - k, m - k})
	}
	return pairs
}

// alignMyers aligns a[0:n] and b[0:m] (eq compares them; the pairs
// returned are shifted by off) with Myers' greedy shortest edit script. It
// gives up, matching nothing, past maxAlignEdits.
func alignMyers(n, m int, eq func(i, j int) bool, off int) [][2]int {
	if n == 0 || m == 0 {
		return nil
	}
	maxD := min(n+m, maxAlignEdits)
	trace, found := myersTrace(n, m, maxD, eq)
	if found < 0 {
		return nil
	}
	var rev [][2]int
	x, y := n, m
	for d := found; d > 0; d-- {
		prev := trace[d-1]
		get := func(k int) int { return int(prev[k+d-1]) }
		k := x - y
		var pk int
		if k == -d || (k != d && get(k-1) < get(k+1)) {
			pk = k + 1
		} else {
			pk = k - 1
		}
		px := get(pk)
		py := px - pk
		for x > px && y > py {
			x, y = x-1, y-1
			rev = append(rev, [2]int{x + off, y + off})
		}
		x, y = px, py
	}
	for x > 0 && y > 0 {
		x, y = x-1, y-1
		rev = append(rev, [2]int{x + off, y + off})
	}
	for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
		rev[i], rev[j] = rev[j], rev[i]
	}
	return rev
}

// myersTrace runs the forward pass of Myers' diff for at most maxD edits.
// trace[d][k+d] is the furthest x on diagonal k after step d; found is
// the number of edits of the shortest script, or -1 past maxD.
func myersTrace(n, m, maxD int, eq func(i, j int) bool) (trace [][]int32, found int) {
	v := make([]int32, 2*maxD+3)
	at := func(k int) int { return k + maxD + 1 }
	found = -1
	for d := 0; d <= maxD && found < 0; d++ {
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || (k != d && v[at(k-1)] < v[at(k+1)]) {
				x = int(v[at(k+1)])
			} else {
				x = int(v[at(k-1)]) + 1
			}
			y := x - k
			for x < n && y < m && eq(x, y) {
				x, y = x+1, y+1
			}
			v[at(k)] = int32(x)
			if x >= n && y >= m {
				found = d
			}
		}
		snap := make([]int32, 2*d+1)
		for k := -d; k <= d; k++ {
			snap[k+d] = v[at(k)]
		}
		trace = append(trace, snap)
	}
	return trace, found
}
