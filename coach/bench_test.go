package coach

import (
	"context"
	"strings"
	"testing"
)

// twoMinuteAnswer is about 300 words: two minutes of speech at 150 words a
// minute.
var twoMinuteAnswer = func() string {
	words := strings.Fields(strings.Repeat(budgetAnswer+" ", 5))
	return strings.Join(words[:300], " ")
}()

// TestBytesSentForATwoMinuteAnswer reports what one request of each kind
// sends for a 2-minute answer (go test -run BytesSent -v ./coach/).
func TestBytesSentForATwoMinuteAnswer(t *testing.T) {
	q := question(t, "budget-prioritization")
	a := Answer{Question: q, Transcript: twoMinuteAnswer}
	f := newFakeChat(t, "openai")
	c, _ := newTestClient(t, f)
	ctx := context.Background()
	f.Reply("Which attribution model did you use?")
	fu, err := c.FollowUp(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	f.Reply(opinionReply)
	op, err := c.SecondOpinion(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	f.Reply("I'd start from the historical attribution data.")
	rw, err := c.Rewrite(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	f.Reply(goodQuestions)
	qs, err := c.Questions(ctx, jobDescription, 2, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("transcript: %d words, %d bytes", len(strings.Fields(twoMinuteAnswer)), len(twoMinuteAnswer))
	t.Logf("follow-up request:      %5d bytes", fu.SentBytes)
	t.Logf("second opinion request: %5d bytes (with the JSON schema)", op.SentBytes)
	t.Logf("rewrite request:        %5d bytes", rw.SentBytes)
	t.Logf("questions request:      %5d bytes (job description of %d bytes)", qs.SentBytes, len(jobDescription))
	for _, n := range []int64{fu.SentBytes, op.SentBytes, rw.SentBytes} {
		if n > 16<<10 {
			t.Errorf("a request of %d bytes for a 2-minute answer", n)
		}
	}
}

// BenchmarkFollowUp is the client's own overhead from the call to the
// follow-up's text, against a local fake server that answers at once:
// building the prompt, the HTTP round trip on loopback, reading the answer.
func BenchmarkFollowUp(b *testing.B) {
	for _, v := range []struct {
		name, shape string
		stream      bool
	}{{"openai", "openai", false}, {"openai-stream", "openai", true}, {"ollama-stream", "ollama", true}} {
		b.Run(v.name, func(b *testing.B) {
			f := newFakeChat(b, v.shape)
			c, _ := newTestClient(b, f, streaming(v.stream))
			a := Answer{Question: question(b, "budget-prioritization"), Transcript: twoMinuteAnswer}
			ctx := context.Background()
			var sent int64
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				fu, err := c.FollowUp(ctx, a)
				if err != nil {
					b.Fatal(err)
				}
				sent = fu.SentBytes
			}
			b.ReportMetric(float64(sent), "B-sent/op")
		})
	}
}
