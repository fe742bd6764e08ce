package coach

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

// opinionReply is a second opinion with two true quotes (one with fillers
// and punctuation left out, one in other case) and one fabricated quote.
const opinionReply = `{
  "talking_points": [
    {"id": "attribution-data", "covered": true, "quote": "first I'd look at the historical attribution data which channels brought in pipeline", "reason": "Starts from attribution."},
    {"id": "velocity-to-revenue", "covered": true, "quote": "we measured how quickly each channel closed revenue", "reason": "Talks about velocity."},
    {"id": "sales-alignment", "covered": true, "quote": "SIT DOWN WITH THE VP OF SALES", "reason": "Aligns with sales."},
    {"id": "pipeline-bottlenecks", "covered": false, "quote": "", "reason": "No pipeline audit."}
  ],
  "agency": {"verdict": "shows-tradeoffs", "quote": "each department would see what each option costs them", "reason": "Costs per option."},
  "jump_to_solution": {"verdict": "diagnosed-first", "quote": "first I'd look … the historical attribution data", "reason": "Diagnosis first."},
  "star": []
}`

func TestSecondOpinionDropsAFabricatedQuoteInEveryServerShape(t *testing.T) {
	for _, v := range variants {
		t.Run(v.name, func(t *testing.T) {
			f := newFakeChat(t, v.shape)
			f.NoSchema = !v.schema
			reply := opinionReply
			if !v.schema { // a model asked in words wraps its JSON
				reply = "Here is my assessment:\n```json\n" + opinionReply + "\n```"
			}
			f.Reply(reply)
			c, _ := newTestClient(t, f, streaming(v.stream))
			op, err := c.SecondOpinion(context.Background(), Answer{Question: question(t, "budget-prioritization"), Transcript: budgetAnswer})
			if err != nil {
				t.Fatal(err)
			}
			if op.DroppedCount != 1 || len(op.Dropped) != 1 || !strings.Contains(op.Dropped[0].Claim, "velocity-to-revenue") {
				t.Fatalf("dropped = %d %+v, want the fabricated velocity quote", op.DroppedCount, op.Dropped)
			}
			if op.UnsupportedLine() != "1 unsupported claim dropped" {
				t.Errorf("line = %q", op.UnsupportedLine())
			}
			if len(op.TalkingPoints) != 3 {
				t.Fatalf("talking points kept: %+v", op.TalkingPoints)
			}
			tp := op.TalkingPoints[0]
			if got := budgetAnswer[tp.Start:tp.End]; !strings.HasPrefix(got, "first I'd look") || !strings.HasSuffix(got, "brought in pipeline") {
				t.Errorf("quote span = %q", got)
			}
			if tp.Label != "Start from historical attribution data" {
				t.Errorf("label = %q", tp.Label)
			}
			if op.Agency == nil || op.Agency.Verdict != AgencyShowsTradeoffs || op.JumpToSolution == nil || op.JumpToSolution.Verdict != DiagnosedFirst {
				t.Errorf("verdicts = %+v %+v", op.Agency, op.JumpToSolution)
			}
			reqs := f.Seen()
			if v.schema {
				if len(reqs) != 1 || !reqs[0].Schema || len(op.Notices) != 0 {
					t.Errorf("a server with JSON schema support: %d requests, schema %v, notices %q", len(reqs), reqs[0].Schema, op.Notices)
				}
			} else {
				if len(reqs) != 2 || !reqs[0].Schema || reqs[1].Schema || !strings.Contains(reqs[1].System, `"talking_points"`) {
					t.Fatalf("no fallback to a prompt: %d requests", len(reqs))
				}
				if len(op.Notices) != 1 || !strings.Contains(op.Notices[0], "JSON schema") {
					t.Errorf("notices = %q", op.Notices)
				}
				if op.SentBytes != int64(len(reqs[0].Body)+len(reqs[1].Body)) {
					t.Errorf("SentBytes %d does not count both attempts", op.SentBytes)
				}
				// The client remembers: the next request asks in words at once.
				if _, err := c.SecondOpinion(context.Background(), Answer{Question: question(t, "budget-prioritization"), Transcript: budgetAnswer}); err != nil {
					t.Fatal(err)
				}
				if reqs := f.Seen(); len(reqs) != 3 || reqs[2].Schema {
					t.Errorf("the second opinion asked with a schema again")
				}
			}
			b, _ := json.Marshal(op)
			noKey(t, "the opinion's JSON", string(b))
		})
	}
}

func TestSecondOpinionStarAndUnknownPoints(t *testing.T) {
	f := newFakeChat(t, "openai")
	story := "The situation was a product launch with no budget. My task was to get the sales team leads in two weeks. " +
		"I built a nurture program in HubSpot myself. Pipeline grew by a third in a month."
	f.Reply(`{"talking_points": [{"id": "no-such-point", "covered": true, "quote": "I built a nurture program", "reason": "x"}],
	 "agency": {"verdict": "maybe", "quote": "", "reason": ""},
	 "jump_to_solution": {"verdict": "not-assessed", "quote": "", "reason": ""},
	 "star": [
	   {"element": "situation", "present": true, "quote": "the situation was a product launch with no budget", "reason": ""},
	   {"element": "task", "present": true, "quote": "get", "reason": ""},
	   {"element": "action", "present": true, "quote": "I built a nurture program in HubSpot myself", "reason": ""},
	   {"element": "result", "present": true, "quote": "revenue doubled in a quarter", "reason": ""}
	 ]}`)
	c, _ := newTestClient(t, f)
	op, err := c.SecondOpinion(context.Background(), Answer{Question: question(t, "impossible-request"), Transcript: story})
	if err != nil {
		t.Fatal(err)
	}
	if op.DroppedCount != 3 || op.UnsupportedLine() != "3 unsupported claims dropped" {
		t.Errorf("dropped %d: %+v", op.DroppedCount, op.Dropped)
	}
	if len(op.Star) != 2 || op.Star[0].Element != "situation" || op.Star[1].Element != "action" {
		t.Errorf("star = %+v", op.Star)
	}
	if op.Agency != nil {
		t.Errorf("an unknown verdict was kept: %+v", op.Agency)
	}
	if op.JumpToSolution == nil || op.JumpToSolution.Verdict != NotAssessed {
		t.Errorf("jump = %+v", op.JumpToSolution)
	}
	var short bool
	for _, d := range op.Dropped {
		short = short || strings.Contains(d.Why, "too short")
	}
	if !short {
		t.Errorf("a one-word quote is not reported as too short: %+v", op.Dropped)
	}
}

func TestSecondOpinionMalformedJSON(t *testing.T) {
	for _, reply := range []string{`{"talking_points": [{"id": "attribution-data", "covered": tr`, `I think the answer was good.`, `{"talking_points": "many"}`} {
		f := newFakeChat(t, "openai")
		f.Reply(reply)
		c, _ := newTestClient(t, f)
		_, err := c.SecondOpinion(context.Background(), Answer{Question: question(t, "budget-prioritization"), Transcript: budgetAnswer})
		if !errors.Is(err, ErrMalformed) {
			t.Errorf("reply %q: err = %v, want ErrMalformed", reply, err)
			continue
		}
		t.Logf("%q → %v", reply, err)
	}
}
