package review

import (
	"strings"
	"testing"

	"github.com/rehearse-app/rehearse/internal/testkit"
)

// benchAnswer is a realistic spoken answer of about 300 words, with fillers,
// hedges, a trade-off and talking point cues.
func benchAnswer() string {
	base := "So, um, I would start by analyzing our historical attribution data, because I need to know which channels have the highest velocity to revenue, not just lead volume. " +
		"I think the pipeline probably has a bottleneck somewhere, like, between MQL and SQL, so I'd audit it and, you know, align with sales leadership on territory needs. " +
		"We can fund the top request fully and it hits its number, or we can spread the budget across all three, but then nobody learns anything. That's the trade-off, and it's their call. " +
		"I'd keep about ten percent for testing, uh, maybe a small partner webinar, right? Tools like Marketo make the reporting easy, and it looks like the data is clean. "
	var b strings.Builder
	for b.Len() < 1800 {
		b.WriteString(base)
	}
	return b.String()
}

// BenchmarkReview reviews a 300-word answer with every built-in rule and a
// question with talking points (its matcher cached after the first call).
func BenchmarkReview(b *testing.B) {
	rv := New(builtinRules(b))
	q := &Question{ID: "budget-prioritization", Category: CategoryStrategic, Prompt: "p", ThinkSeconds: 20, AnswerSeconds: 120,
		Tags: []string{"stakeholder"},
		TalkingPoints: []TalkingPoint{
			{ID: "attribution-data", Label: "Attribution", Cues: []string{"attribution", "historical data"}},
			{ID: "velocity", Label: "Velocity", Cues: []string{"velocity", "not just lead volume"}},
			{ID: "bottlenecks", Label: "Bottlenecks", Cues: []string{"bottleneck", "audit the pipeline"}},
			{ID: "sales", Label: "Sales", Cues: []string{"sales leadership", "territory"}},
			{ID: "reserve", Label: "Reserve", Cues: []string{"ten percent", "10%", "for testing"}},
		}}
	text := benchAnswer()
	toks, _ := Tokenize(text)
	tr := &Transcript{Text: text, Duration: 130}
	rv.Review(Input{Transcript: tr, Question: q})
	b.ReportAllocs()
	b.ReportMetric(float64(len(toks)), "words")
	// CPU time of the process per review: on a shared, loaded machine the
	// wall-clock ns/op includes time spent waiting for a core; this does not.
	before := testkit.CPUTime()
	n := 0
	for b.Loop() {
		rv.Review(Input{Transcript: tr, Question: q})
		n++
	}
	if n > 0 {
		b.ReportMetric(float64((testkit.CPUTime()-before).Nanoseconds())/float64(n), "cpu-ns/op")
	}
}

// BenchmarkStartupLexicon is what the lemmatiser adds to start-up: reading
// WordNet's irregular forms into a map (once per process).
func BenchmarkStartupLexicon(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if len(parseMorph(morphText)) < 5000 {
			b.Fatal("irregular forms missing")
		}
	}
}

// BenchmarkStartupRules is loading and compiling every built-in rule and
// concept, as the app and each CLI command do once.
func BenchmarkStartupRules(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		builtinRules(b)
	}
}
