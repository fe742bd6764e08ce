package coach

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rehearse-app/rehearse/assets"
	"github.com/rehearse-app/rehearse/internal/chattest"
	"github.com/rehearse-app/rehearse/review"
)

// testKey is a distinctive API key: no error, output or request log may
// show it, apart from the Authorization header.
const testKey = "sk-rehearse-DISTINCTIVE-test-key-7f3a9c1e5b2d"

var (
	bankOnce sync.Once
	bank     *review.Bank
)

// builtinBank is the embedded question bank.
func builtinBank(t testing.TB) *review.Bank {
	bankOnce.Do(func() {
		var errs []error
		bank, errs = review.LoadBank(review.BankSource{FS: assets.Questions(), Dir: "questions", Label: "builtin"})
		if len(errs) > 0 {
			t.Fatalf("built-in bank: %v", errs)
		}
	})
	return bank
}

// question returns a built-in question.
func question(t testing.TB, id string) *review.Question {
	q, ok := builtinBank(t).ByID(id)
	if !ok {
		t.Fatalf("no built-in question %q", id)
	}
	return &q
}

// budgetAnswer is a spoken answer to budget-prioritization, fillers and all.
const budgetAnswer = `Um, so first I'd look at the historical attribution data, you know, which channels actually brought in pipeline last year. ` +
	`Then I'd sit down with the VP of Sales to understand territory needs. We use HubSpot for attribution, and last quarter webinars gave us 20% of pipeline. ` +
	`I'd put most of the budget where the return is highest, and keep about ten percent for testing. ` +
	`Each department would see what each option costs them, and the CMO decides.`

// sleeps records the waits a client asked for instead of sleeping.
type sleeps struct {
	mu sync.Mutex
	d  []time.Duration
}

func (s *sleeps) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	s.d = append(s.d, d)
	s.mu.Unlock()
	return ctx.Err()
}

// newTestClient returns a client of f with the test key; opts adjust the
// config. Waits are recorded, not slept.
// newFakeChat starts a local chat server in the given shape (chattest's
// ShapeOpenAI or ShapeOllama) answering a follow-up question until told
// otherwise.
func newFakeChat(t testing.TB, shape string) *chattest.Server {
	f := chattest.NewShaped(t, shape)
	f.Reply("What did the VP of Sales say when you showed them the numbers?")
	return f
}

func newTestClient(t testing.TB, f *chattest.Server, opts ...func(*Config)) (*Client, *sleeps) {
	t.Helper()
	cfg := Config{APIKey: testKey, BaseURL: f.BaseURL(), Model: "test-model", RequestTimeout: 5 * time.Second}
	for _, o := range opts {
		o(&cfg)
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	s := &sleeps{}
	c.sleep = s.sleep
	return c, s
}

func streaming(on bool) func(*Config) { return func(c *Config) { c.Stream = on } }

// noKey fails the test when s shows the test key.
func noKey(t testing.TB, what, s string) {
	t.Helper()
	if strings.Contains(s, testKey) || strings.Contains(s, testKey[10:30]) {
		t.Errorf("%s shows the API key: %s", what, s)
	}
}

// variants are the server kinds every operation is tried against.
var variants = []struct {
	name           string
	shape          string
	stream, schema bool
}{
	{"openai", "openai", false, true},
	{"openai-stream", "openai", true, true},
	{"ollama", "ollama", false, true},
	{"ollama-stream", "ollama", true, true},
	{"ollama-noschema", "ollama", false, false},
	{"ollama-stream-noschema", "ollama", true, false},
	{"openai-noschema", "openai", false, false},
}
