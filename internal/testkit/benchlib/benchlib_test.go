package benchlib

import (
	"testing"

	"github.com/rehearse-app/rehearse/review"
	"github.com/rehearse-app/rehearse/session"
)

// TestWriteOpensAsALibrary: what Write writes is a library the store lists
// in full, with every take's figures.
func TestWriteOpensAsALibrary(t *testing.T) {
	root := t.TempDir()
	qs := []review.Question{{ID: "a", Category: review.CategoryStrategic, Prompt: "A?"}, {ID: "b", Category: review.CategoryTechnical, Prompt: "B?"}}
	if err := Write(root, qs, 12, 3); err != nil {
		t.Fatal(err)
	}
	st, err := session.Open(root, session.Options{})
	if err != nil {
		t.Fatal(err)
	}
	l, err := st.List(t.Context())
	if err != nil || len(l) != 12 {
		t.Fatalf("%d entries, %v", len(l), err)
	}
	for _, e := range l {
		if e.Damaged || e.Takes != 3 || e.Reviewed != 3 {
			t.Fatalf("entry %+v", e)
		}
	}
	if err := Write(root, nil, 1, 1); err == nil {
		t.Fatal("no questions accepted")
	}
}
