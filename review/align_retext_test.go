package review

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// alignFixture is a transcript as whisper-1 gives it: words without
// punctuation, text with it, two segments.
func alignFixture() *Transcript {
	words := strings.Fields("So first I would check Marketto sync with um Salesforce Then look at the MQL rules")
	t := &Transcript{
		Text:     "So first I would check Marketto sync with, um, Salesforce. Then look at the MQL rules.",
		Language: "english",
		Duration: 9,
		Source:   &Source{Model: "whisper-1", Server: "api.openai.com"},
	}
	for i, w := range words {
		t.Words = append(t.Words, Word{Word: w, Start: float64(i) * 0.5, End: float64(i)*0.5 + 0.4})
	}
	t.Segments = []Segment{
		{Start: 0, End: 4.9, Text: "So first I would check Marketto sync with, um, Salesforce."},
		{Start: 5.0, End: 8.4, Text: "Then look at the MQL rules."},
	}
	return t
}

func wordTimes(t *Transcript) map[string][2]float64 {
	m := map[string][2]float64{}
	for _, w := range t.Words {
		m[w.Word] = [2]float64{w.Start, w.End}
	}
	return m
}

func TestRetextKeepsUnchangedTimings(t *testing.T) {
	old := alignFixture()
	before := fmt.Sprintf("%+v", *old)
	got := Retext(old, "So first I would check Marketo sync with Salesforce. Then I'd look at the MQL scoring rules.")
	if fmt.Sprintf("%+v", *old) != before {
		t.Fatal("Retext modified its input")
	}
	oldT := wordTimes(old)
	var kept []string
	for _, w := range got.Words {
		kept = append(kept, w.Word)
		if oldT[w.Word] != [2]float64{w.Start, w.End} {
			t.Errorf("%q moved from %v to %.1f..%.1f", w.Word, oldT[w.Word], w.Start, w.End)
		}
	}
	// Marketto->Marketo changed, "um" deleted, "I'd" and "scoring" added:
	// they have no timings; "Salesforce." and "Then" match despite
	// punctuation and case.
	want := "So first I would check sync with Salesforce Then look at the MQL rules"
	if strings.Join(kept, " ") != want {
		t.Errorf("timed words %q, want %q", strings.Join(kept, " "), want)
	}
	if got.Source == nil || got.Source.Model != SourceManualEdited || got.Source.Server != "api.openai.com" || got.Source.Time.IsZero() {
		t.Errorf("source %+v", got.Source)
	}
	if got.Language != "english" || got.Duration != 9 {
		t.Errorf("language %q duration %v", got.Language, got.Duration)
	}
	wantSegs := []Segment{
		{Start: 0, End: 4.9, Text: "So first I would check Marketo sync with Salesforce."},
		{Start: 5.0, End: 8.4, Text: "Then I'd look at the MQL scoring rules."},
	}
	if !reflect.DeepEqual(got.Segments, wantSegs) {
		t.Errorf("segments\n%+v\nwant\n%+v", got.Segments, wantSegs)
	}
}

func TestRetextSameTextKeepsEverything(t *testing.T) {
	old := alignFixture()
	got := Retext(old, old.Text)
	if !reflect.DeepEqual(got.Words, old.Words) {
		t.Errorf("words changed:\n%+v\n%+v", got.Words, old.Words)
	}
	if !reflect.DeepEqual(got.Segments, old.Segments) {
		t.Errorf("segments changed:\n%+v\n%+v", got.Segments, old.Segments)
	}
}

func TestRetextRewrittenSegmentMerges(t *testing.T) {
	old := alignFixture()
	got := Retext(old, "So first I would check Marketto sync with, um, Salesforce. After that I review lifecycle stages.")
	// The second segment's words were all rewritten: its text joins the
	// first segment, which now spans both.
	if len(got.Segments) != 1 || got.Segments[0].Start != 0 || got.Segments[0].End != 8.4 || got.Segments[0].Text != got.Text {
		t.Errorf("segments %+v", got.Segments)
	}
	if len(got.Words) != 10 {
		t.Errorf("%d timed words, want the first sentence's 10", len(got.Words))
	}
}

func TestRetextWithoutTimings(t *testing.T) {
	for _, old := range []*Transcript{nil, {Text: "typed in", Words: []Word{}, Segments: []Segment{}}} {
		got := Retext(old, "  A typed answer.  ")
		if got.Text != "A typed answer." || got.Words == nil || got.Segments == nil || len(got.Words) != 0 {
			t.Errorf("%+v", got)
		}
		if got.Source.Model != SourceManual {
			t.Errorf("source %+v", got.Source)
		}
	}
	// Everything rewritten: no timings, no segments.
	got := Retext(alignFixture(), "Completely different words here.")
	if len(got.Words) != 0 || len(got.Segments) != 0 || got.Source.Model != SourceManualEdited {
		t.Errorf("%+v", got)
	}
}

// lcsLen is the textbook O(nm) longest common subsequence length.
func lcsLen(a, b []string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := range a {
		for j := range b {
			if a[i] == b[j] {
				cur[j+1] = prev[j] + 1
			} else {
				cur[j+1] = max(cur[j], prev[j+1])
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

func TestAlignWordsIsALongestCommonSubsequence(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	vocab := strings.Fields("a b c d e um uh so budget mql")
	for iter := range 500 {
		a := make([]string, r.IntN(40))
		for i := range a {
			a[i] = vocab[r.IntN(len(vocab))]
		}
		b := append([]string(nil), a...)
		for e := r.IntN(8); e > 0 && len(b) > 0; e-- {
			i := r.IntN(len(b))
			switch r.IntN(3) {
			case 0:
				b = append(b[:i], b[i+1:]...)
			case 1:
				b[i] = vocab[r.IntN(len(vocab))]
			default:
				b = append(b[:i], append([]string{vocab[r.IntN(len(vocab))]}, b[i:]...)...)
			}
		}
		pairs := alignStrings(a, b)
		if want := lcsLen(a, b); len(pairs) != want {
			t.Fatalf("iter %d: %d matches, LCS is %d\na=%v\nb=%v", iter, len(pairs), want, a, b)
		}
		for k, p := range pairs {
			if a[p[0]] != b[p[1]] || (k > 0 && (p[0] <= pairs[k-1][0] || p[1] <= pairs[k-1][1])) {
				t.Fatalf("iter %d: bad pair %v (%v)", iter, p, pairs)
			}
		}
	}
}

// longAlignFixture is a 5000-word transcript with a word every 0.4 s.
func longAlignFixture(n int) (*Transcript, []string) {
	r := rand.New(rand.NewPCG(3, 4))
	vocab := strings.Fields("we moved the lead scoring model into Marketo and synced it with Salesforce so that every MQL had a clear owner and SLA um uh")
	t := &Transcript{Words: make([]Word, n)}
	ws := make([]string, n)
	for i := range ws {
		ws[i] = vocab[r.IntN(len(vocab))]
		t.Words[i] = Word{Word: ws[i], Start: float64(i) * 0.4, End: float64(i)*0.4 + 0.3}
	}
	t.Text = strings.Join(ws, " ")
	return t, ws
}

func TestRetextLongTranscriptScatteredEdits(t *testing.T) {
	old, ws := longAlignFixture(5000)
	edited := append([]string(nil), ws...)
	changed := 0
	for i := 37; i < len(edited); i += 100 { // 50 corrections spread over the whole take
		edited[i] = "CORRECTED"
		changed++
	}
	got := Retext(old, strings.Join(edited, " "))
	if len(got.Words) != 5000-changed {
		t.Fatalf("%d timed words, want %d", len(got.Words), 5000-changed)
	}
	for _, w := range got.Words {
		if w.Word == "CORRECTED" {
			t.Fatal("a changed word kept a timing")
		}
	}
}

func BenchmarkRetext5000Words50Edits(b *testing.B) {
	old, ws := longAlignFixture(5000)
	edited := append([]string(nil), ws...)
	for i := 37; i < len(edited); i += 100 {
		edited[i] = "CORRECTED"
	}
	text := strings.Join(edited, " ")
	b.ReportAllocs()
	for b.Loop() {
		Retext(old, text)
	}
}
