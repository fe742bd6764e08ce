package review

import (
	"testing"
)

// timelineFixture is "Hello big world" with the words timed 1 s apart
// (the transcriber wrote "hello," and left out "big").
func timelineFixture() *Transcript {
	return &Transcript{Text: "Hello big world", Duration: 4,
		Words: []Word{{Word: "hello,", Start: 1, End: 1.5}, {Word: "world", Start: 3, End: 3.5}}}
}

func TestTimelineTimeAt(t *testing.T) {
	segs := &Transcript{Text: "one two. three four.", Duration: 10,
		Segments: []Segment{{Start: 0, End: 4, Text: "one two."}, {Start: 4, End: 10, Text: "three four."}}}
	for _, tc := range []struct {
		name      string
		tr        *Transcript
		duration  float64
		off       int
		want      float64
		wantBasis TimeBasis
	}{
		{"timed word", timelineFixture(), 0, 0, 1, BasisWord},
		{"inside a timed word", timelineFixture(), 0, 12, 3, BasisWord},
		{"untimed word: estimate", timelineFixture(), 0, 6, 1.6, BasisEstimate},
		{"segment start", segs, 0, 9, 4, BasisSegment},
		{"within a segment", segs, 0, 4, 2, BasisSegment},
		{"no timings: proportional", &Transcript{Text: "abcd"}, 8, 2, 4, BasisEstimate},
		{"no duration", &Transcript{Text: "abcd"}, 0, 2, 0, BasisEstimate},
		{"nil transcript", nil, 5, 0, 0, BasisEstimate},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, basis := NewTimeline(tc.tr, tc.duration).TimeAt(tc.off)
			if diff := got - tc.want; diff > 1e-9 || diff < -1e-9 || basis != tc.wantBasis {
				t.Errorf("TimeAt(%d) = %v (%s), want %v (%s)", tc.off, got, basis, tc.want, tc.wantBasis)
			}
		})
	}
}

func TestTimelineOffsetAndSpokenAt(t *testing.T) {
	tl := NewTimeline(timelineFixture(), 0)
	if !tl.Timed() || tl.Text() != "Hello big world" {
		t.Fatalf("timed %v text %q", tl.Timed(), tl.Text())
	}
	for _, tc := range []struct {
		sec          float64
		off          int
		spokeA, spkB int
	}{
		{0, 0, -1, -1},
		{1.2, 0, 0, 5},
		{1.85, 0, 0, 5}, // held a moment after the word ends
		{2.5, 0, -1, -1},
		{3.1, 10, 10, 15},
	} {
		if got := tl.OffsetAt(tc.sec); got != tc.off {
			t.Errorf("OffsetAt(%v) = %d, want %d", tc.sec, got, tc.off)
		}
		if a, b := tl.SpokenAt(tc.sec); a != tc.spokeA || b != tc.spkB {
			t.Errorf("SpokenAt(%v) = %d, %d, want %d, %d", tc.sec, a, b, tc.spokeA, tc.spkB)
		}
	}
	untimed := NewTimeline(&Transcript{Text: "one two three four"}, 4)
	if got := untimed.OffsetAt(2.1); got != 8 {
		t.Errorf("estimated OffsetAt(2.1) = %d, want the start of \"three\" (8)", got)
	}
}

func TestTimelineFindingTime(t *testing.T) {
	tl := NewTimeline(timelineFixture(), 0)
	if got, basis := tl.FindingTime(Finding{HasTime: true, TimeStart: 2.2, Start: 0}); got != 2.2 || basis != BasisFinding {
		t.Errorf("timed finding at %v (%s)", got, basis)
	}
	if got, basis := tl.FindingTime(Finding{Start: 10, End: 15}); got != 3 || basis != BasisWord {
		t.Errorf("finding on \"world\" at %v (%s)", got, basis)
	}
}

func TestWordBounds(t *testing.T) {
	const text = "one  two\tthree"
	for _, tc := range []struct{ off, a, b int }{
		{0, 0, 3}, {2, 0, 3}, {3, 5, 8}, {4, 5, 8}, {6, 5, 8}, {9, 9, 14}, {14, 14, 14}, {20, 14, 14},
	} {
		if a, b := WordBounds(text, tc.off); a != tc.a || b != tc.b {
			t.Errorf("WordBounds(%d) = %d, %d, want %d, %d", tc.off, a, b, tc.a, tc.b)
		}
	}
}
