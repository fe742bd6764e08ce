package ui

import (
	"strings"
	"testing"
)

func TestWrapRows(t *testing.T) {
	for _, tc := range []struct {
		name string
		text string
		maxW float32 // every rune is 1 wide
		want []string
	}{
		{"empty", "", 10, []string{""}},
		{"fits", "one two", 10, []string{"one two"}},
		{"breaks after the last space", "one two three", 9, []string{"one two ", "three"}},
		{"space at the edge is dropped", "one two", 3, []string{"one", "two"}},
		{"long word is cut", "abcdefgh", 3, []string{"abc", "def", "gh"}},
		{"newline ends a row", "one\ntwo", 10, []string{"one", "two"}},
		{"trailing newline adds no row", "one\n", 10, []string{"one"}},
		{"blank line", "a\n\nb", 10, []string{"a", "", "b"}},
		{"word moves down with its tail", "ab cdef", 5, []string{"ab ", "cdef"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			runes := []rune(tc.text)
			var got []string
			for _, r := range wrapRows(runes, func(int) float32 { return 1 }, tc.maxW) {
				got = append(got, string(runes[r[0]:r[1]]))
			}
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("wrapRows(%q, %v) = %q, want %q", tc.text, tc.maxW, got, tc.want)
			}
		})
	}
}

func TestWrapRowsMeasuresEachRune(t *testing.T) {
	runes := []rune("iii WWW")
	width := func(i int) float32 {
		if runes[i] == 'W' {
			return 3
		}
		return 1
	}
	got := wrapRows(runes, width, 9)
	if len(got) != 2 || got[0] != [2]int{0, 4} || got[1] != [2]int{4, 7} {
		t.Fatalf("rows %v, want [0 4] [4 7]", got)
	}
}
