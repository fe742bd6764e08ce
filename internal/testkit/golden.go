package testkit

import (
	"os"
	"testing"
)

// Golden compares got with the golden file at path, or, when update is set
// (a test's -update flag), rewrites the file with got.
func Golden(t testing.TB, path string, got []byte, update bool) {
	t.Helper()
	if update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run the test with -update to create it)", err)
	}
	if string(want) != string(got) {
		t.Errorf("%s differs from the output (run with -update if the change is right)\n--- got:\n%s\n--- want:\n%s", path, got, want)
	}
}
