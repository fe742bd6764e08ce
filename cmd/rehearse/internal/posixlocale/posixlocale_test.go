package posixlocale

import "testing"

func TestIsPOSIX(t *testing.T) {
	for loc, want := range map[string]bool{
		"C": true, "POSIX": true, "C.UTF-8": true, "C.utf8": true, "POSIX.UTF-8": true, "C@euro": true,
		"": false, "en_US.UTF-8": false, "Ca": false, "CA.UTF-8": false, "de_DE@euro": false, ".UTF-8": false,
	} {
		if got := IsPOSIX(loc); got != want {
			t.Errorf("IsPOSIX(%q) = %v, want %v", loc, got, want)
		}
	}
}
