package review

import (
	"reflect"
	"strings"
	"testing"
)

// alignStrings aligns two word lists with alignWords.
func alignStrings(a, b []string) [][2]int {
	return alignWords(len(a), len(b), func(i, j int) bool { return a[i] == b[j] })
}

func TestAlignWords(t *testing.T) {
	for _, tc := range []struct {
		name string
		a, b string
		want [][2]int
	}{
		{"both empty", "", "", nil},
		{"one empty", "a b", "", nil},
		{"same", "a b c", "a b c", [][2]int{{0, 0}, {1, 1}, {2, 2}}},
		{"word changed", "a b c", "a x c", [][2]int{{0, 0}, {2, 2}}},
		{"word added", "a c", "a b c", [][2]int{{0, 0}, {1, 2}}},
		{"word dropped", "a um b", "a b", [][2]int{{0, 0}, {2, 1}}},
		{"start and end changed", "x a b y", "a b", [][2]int{{1, 0}, {2, 1}}},
		{"repeated words keep order", "a a b", "a b a", [][2]int{{0, 0}, {2, 1}}},
		{"nothing in common", "a b", "c d", nil},
		{"split word", "root cause analysis", "root cause x analysis", [][2]int{{0, 0}, {1, 1}, {2, 3}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := alignStrings(strings.Fields(tc.a), strings.Fields(tc.b))
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("alignWords(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
			}
		})
	}
}

func TestAlignWordsGivesUpPastTheEditBound(t *testing.T) {
	n := maxAlignEdits
	a, b := make([]string, n), make([]string, n)
	for i := range a {
		a[i], b[i] = "a", "b"
	}
	a = append(a, "same")
	b = append(b, "same")
	got := alignStrings(a, b)
	if want := [][2]int{{n, n}}; !reflect.DeepEqual(got, want) {
		t.Fatalf("got %d pairs, want only the common end %v", len(got), want)
	}
}

func TestTimeTokens(t *testing.T) {
	for _, tc := range []struct {
		name  string
		text  string
		words []Word
		want  []span // per token
	}{
		{"every word timed", "So, first I", []Word{{"So", 0, 1}, {"first", 1, 2}, {"I", 2, 3}},
			[]span{{0, 1, true}, {1, 2, true}, {2, 3, true}}},
		{"hyphenated word covers its runs", "a root-cause b", []Word{{"a", 0, 1}, {"root-cause", 1, 2}, {"b", 2, 3}},
			[]span{{0, 1, true}, {1, 2, true}, {1, 2, true}, {2, 3, true}}},
		{"word missing from the text is skipped", "a b", []Word{{"a", 0, 1}, {"um", 1, 2}, {"b", 2, 3}},
			[]span{{0, 1, true}, {2, 3, true}}},
		{"token no word gave stays unknown", "a x b", []Word{{"a", 0, 1}, {"b", 2, 3}},
			[]span{{0, 1, true}, {}, {2, 3, true}}},
		{"apostrophes and case ignored", "Don’t STOP", []Word{{"don't", 0, 1}, {"stop", 1, 2}},
			[]span{{0, 1, true}, {1, 2, true}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			toks, _ := Tokenize(tc.text)
			var norm normWords
			for _, tk := range toks {
				norm.add(tc.text[tk.Start:tk.End])
			}
			got, _ := timeTokens(&norm, tc.words, nil, nil)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("timeTokens(%q) = %v, want %v", tc.text, got, tc.want)
			}
		})
	}
}
