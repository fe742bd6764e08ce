package app

import "testing"

// TestInterviewFollowUps: one follow-up by default, the stored count
// otherwise, bounded whatever was stored.
func TestInterviewFollowUps(t *testing.T) {
	for stored, want := range map[string]int{"": 1, "0": 0, "2": 2, " 3 ": 3, "9": MaxInterviewFollowUps, "-1": 0, "two": 1} {
		p := mapPrefs{}
		if stored != "" {
			p[PrefInterviewFollowUps] = stored
		}
		if got := InterviewFollowUps(p); got != want {
			t.Errorf("stored %q: %d follow-ups, want %d", stored, got, want)
		}
	}
}
