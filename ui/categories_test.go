package ui

import (
	"testing"

	"github.com/rehearse-app/rehearse/review"
)

func TestCategoryOptionsAndIDs(t *testing.T) {
	opts := categoryOptions()
	if len(opts) != len(review.Categories)+1 || opts[0] != allCategories {
		t.Fatalf("options %q", opts)
	}
	for i, c := range review.Categories {
		if got := categoryOf(opts[i+1]); got != c {
			t.Errorf("categoryOf(%q) = %q, want %q", opts[i+1], got, c)
		}
	}
	for _, title := range []string{allCategories, "", "No such category"} {
		if got := categoryOf(title); got != "" {
			t.Errorf("categoryOf(%q) = %q, want every category", title, got)
		}
	}
}
