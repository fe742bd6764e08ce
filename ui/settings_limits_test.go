package ui

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/rehearse-app/rehearse/review"
)

// TestImportQuestionFileLimits imports hostile question files: each is
// refused with its message, the warnings are capped, nothing is copied.
func TestImportQuestionFileLimits(t *testing.T) {
	var many strings.Builder
	many.WriteString("questions:\n")
	for i := range 20_000 {
		fmt.Fprintf(&many, "  - {id: q%d, category: x}\n", i)
	}
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"too large", append([]byte("questions:\n#"), bytes.Repeat([]byte("x"), review.MaxQuestionFileBytes)...), "question file is too large: 1,048,588 bytes, over the limit of 1,048,576 bytes (MaxQuestionFileBytes)"},
		{"many broken", []byte(many.String()), "… and 19,990 more in huge.yaml"},
		{"alias bomb", []byte("a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\nquestions: [*d]\n"), "huge.yaml:5"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newFixture(t)
			s := f.ui.settings
			var shown []error
			s.notify = func(err error) { shown = append(shown, err) }
			s.importBank("huge.yaml", c.data)
			if len(shown) != 1 || !strings.Contains(shown[0].Error(), c.want) {
				t.Fatalf("errors shown %v, want one saying %q", shown, c.want)
			}
			if n := strings.Count(shown[0].Error(), "\n"); n > review.MaxWarningsPerFile+2 {
				t.Errorf("%d lines in the error, want at most %d", n, review.MaxWarningsPerFile+2)
			}
			if entries, _ := os.ReadDir(f.ui.deps.UserBankDir); len(entries) != 0 {
				t.Fatalf("a refused file was copied: %v", entries)
			}
		})
	}
}
