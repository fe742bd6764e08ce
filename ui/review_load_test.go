package ui

import (
	"strings"
	"testing"

	"github.com/rehearse-app/rehearse/review"
)

// BenchmarkReviewScreenOpen10Min opens a 10-minute take of about 1,500
// timed words with a 10 ms envelope, in a 1200×800 window: session read,
// recording read (envelope and player), review, and every panel built.
func BenchmarkReviewScreenOpen10Min(b *testing.B) {
	f := newReviewFixture(b, reviewOpts{})
	sentence := strings.Fields("Um, I think we should just do LinkedIn Ads, but I'd start with the attribution data and, uh, look at velocity to revenue with sales leadership, or we could test first; it's your call.")
	var words []string
	for len(words) < 1500 {
		words = append(words, sentence...)
	}
	text := strings.Join(words[:1500], " ")
	tr := &review.Transcript{Text: text, Language: "en", Words: []review.Word{}, Segments: []review.Segment{}}
	for i, w := range strings.Fields(text) {
		s := 0.2 + float64(i)*0.398
		tr.Words = append(tr.Words, review.Word{Word: strings.Trim(w, ".,;"), Start: s, End: s + 0.3})
	}
	tr.Duration = 600
	take := f.addTake(600, tr)
	f.open(take) // warm up
	if f.s.report == nil || f.s.report.Metrics.Words < 1400 {
		b.Fatalf("report %+v", f.s.report)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		f.s.shutdown() // forget the recording so it is read again
		f.open(take)
	}
	b.StopTimer()
	if len(f.errs) > 0 {
		b.Fatal(f.errs)
	}
}
