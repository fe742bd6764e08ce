package coach

import "testing"

func TestQuoteLookup(t *testing.T) {
	transcript := "Um, so first I'd look at the historical attribution data, you know, which channels actually brought in pipeline. " +
		"Then I’d talk to Sales... and, uh, the CMO decides."
	x := newQuoteIndex(transcript)
	for _, tc := range []struct {
		quote string
		ok    bool
		span  string
	}{
		{"first I'd look at the historical attribution data", true, "first I'd look at the historical attribution data"},
		{"FIRST I'D LOOK AT THE HISTORICAL ATTRIBUTION DATA!", true, "first I'd look at the historical attribution data"},
		{"the historical attribution data which channels brought in pipeline", true, "the historical attribution data, you know, which channels actually brought in pipeline"},
		{"then I'd talk to sales and the CMO decides", true, "Then I’d talk to Sales... and, uh, the CMO decides"},
		{"I'd look at … brought in pipeline", true, "I'd look at the historical attribution data, you know, which channels actually brought in pipeline"},
		{"first I'd look at the recent attribution data", false, ""},
		{"the CMO", false, ""},                           // too short
		{"look ... data ... CMO", false, ""},             // one-word parts
		{"the CMO decides ... then I'd talk", false, ""}, // parts out of order
		{"", false, ""},
	} {
		start, end, ok := x.find(tc.quote)
		if ok != tc.ok {
			t.Errorf("find(%q) = %v, want %v", tc.quote, ok, tc.ok)
			continue
		}
		if ok && transcript[start:end] != tc.span {
			t.Errorf("find(%q) span = %q, want %q", tc.quote, transcript[start:end], tc.span)
		}
	}
}
