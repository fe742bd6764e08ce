package coach

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/sashabaranov/go-openai/jsonschema"

	"github.com/rehearse-app/rehearse/review"
	"github.com/rehearse-app/rehearse/transcribe"
)

// maxOpinionTokens bounds the second opinion's answer.
const maxOpinionTokens = 3000

// Verdicts of the second opinion. "not-assessed" means the question's rubric
// does not ask for it.
const (
	AgencyShowsTradeoffs = "shows-tradeoffs"
	AgencyNoTradeoffs    = "no-tradeoffs"
	JumpedToSolution     = "jumped-to-solution"
	DiagnosedFirst       = "diagnosed-first"
	NotAssessed          = "not-assessed"
)

// StarElements are the parts of a STAR story, in order.
var StarElements = []string{"situation", "task", "action", "result"}

// Opinion is the interviewer model's second opinion on an answer. Every
// claim that something is in the answer carries a quote found in the
// transcript (Start and End are its byte offsets there); claims whose quote
// was not found are left out and listed in Dropped.
type Opinion struct {
	// TalkingPoints says, per talking point of the question, whether the
	// model found it covered.
	TalkingPoints []PointClaim `json:"talking_points"`
	// Agency is the trade-off verdict; nil when dropped or not given.
	Agency *Verdict `json:"agency"`
	// JumpToSolution is the diagnosis verdict; nil when dropped or not given.
	JumpToSolution *Verdict `json:"jump_to_solution"`
	// Star lists the STAR elements of a story; empty for other questions.
	Star []StarClaim `json:"star,omitempty"`
	// Dropped are the claims whose quote is not in the transcript.
	Dropped []DroppedClaim `json:"dropped"`
	// DroppedCount is len(Dropped): "n unsupported claims dropped".
	DroppedCount int `json:"dropped_count"`
	Meta
}

// Quote is a passage of the transcript: the model's words and where they
// were found.
type Quote struct {
	Text  string `json:"quote,omitempty"`
	Start int    `json:"start,omitempty"`
	End   int    `json:"end,omitempty"`
}

// PointClaim is the verdict on one talking point.
type PointClaim struct {
	ID      string `json:"id"`
	Label   string `json:"label"`
	Covered bool   `json:"covered"`
	Quote
	Reason string `json:"reason,omitempty"`
}

// Verdict is the agency or jump-to-solution verdict.
type Verdict struct {
	Verdict string `json:"verdict"`
	Quote
	Reason string `json:"reason,omitempty"`
}

// StarClaim is one STAR element of a story.
type StarClaim struct {
	Element string `json:"element"`
	Present bool   `json:"present"`
	Quote
	Reason string `json:"reason,omitempty"`
}

// DroppedClaim is a claim left out because its quote is not in the
// transcript.
type DroppedClaim struct {
	// Claim names it, e.g. "talking point attribution-data covered".
	Claim string `json:"claim"`
	// Quote is what the model said it quoted.
	Quote string `json:"quote"`
	// Why says what was wrong: not in the transcript, too short, missing.
	Why string `json:"why"`
}

// UnsupportedLine is the line shown under a second opinion, e.g.
// "2 unsupported claims dropped"; "" when none were.
func (o *Opinion) UnsupportedLine() string {
	switch o.DroppedCount {
	case 0:
		return ""
	case 1:
		return "1 unsupported claim dropped"
	}
	return fmt.Sprintf("%d unsupported claims dropped", o.DroppedCount)
}

// opinionWire is the JSON the model is asked for.
type opinionWire struct {
	TalkingPoints []struct {
		ID      string `json:"id"`
		Covered bool   `json:"covered"`
		Quote   string `json:"quote"`
		Reason  string `json:"reason"`
	} `json:"talking_points"`
	Agency         *verdictWire `json:"agency"`
	JumpToSolution *verdictWire `json:"jump_to_solution"`
	Star           []struct {
		Element string `json:"element"`
		Present bool   `json:"present"`
		Quote   string `json:"quote"`
		Reason  string `json:"reason"`
	} `json:"star"`
}

type verdictWire struct {
	Verdict string `json:"verdict"`
	Quote   string `json:"quote"`
	Reason  string `json:"reason"`
}

// opinionSchema is the JSON schema of opinionWire, strict (every property
// required, no others), written out so it needs no $ref: local servers
// turn schemas into grammars and not all of them follow references.
func opinionSchema() *jsonschema.Definition {
	str := func(desc string) jsonschema.Definition {
		return jsonschema.Definition{Type: jsonschema.String, Description: desc}
	}
	obj := func(props map[string]jsonschema.Definition) jsonschema.Definition {
		req := make([]string, 0, len(props))
		for k := range props {
			req = append(req, k)
		}
		slices.Sort(req)
		return jsonschema.Definition{Type: jsonschema.Object, Properties: props, Required: req, AdditionalProperties: false}
	}
	quote := str("words copied exactly from the transcript that show it; empty when absent")
	reason := str("one short sentence")
	verdict := func(values ...string) jsonschema.Definition {
		return obj(map[string]jsonschema.Definition{
			"verdict": {Type: jsonschema.String, Enum: values},
			"quote":   quote,
			"reason":  reason,
		})
	}
	point := obj(map[string]jsonschema.Definition{
		"id":      str("the talking point's id"),
		"covered": {Type: jsonschema.Boolean},
		"quote":   quote,
		"reason":  reason,
	})
	star := obj(map[string]jsonschema.Definition{
		"element": {Type: jsonschema.String, Enum: StarElements},
		"present": {Type: jsonschema.Boolean},
		"quote":   quote,
		"reason":  reason,
	})
	root := obj(map[string]jsonschema.Definition{
		"talking_points":   {Type: jsonschema.Array, Items: &point},
		"agency":           verdict(AgencyShowsTradeoffs, AgencyNoTradeoffs, NotAssessed),
		"jump_to_solution": verdict(JumpedToSolution, DiagnosedFirst, NotAssessed),
		"star":             {Type: jsonschema.Array, Items: &star},
	})
	return &root
}

// SecondOpinion asks the model to judge the answer a against its
// question's rubric: talking points covered, the agency and
// jump-to-solution verdicts, and the STAR elements of a story, each with a
// quote. Quotes are checked against the transcript; claims whose quote is
// not there are dropped and counted. A server that refuses a JSON schema is
// asked for the JSON in the prompt.
func (c *Client) SecondOpinion(ctx context.Context, a Answer) (*Opinion, error) {
	op := "asking for a second opinion"
	d, notice, err := c.answerData(a)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	schema := opinionSchema()
	text, meta, err := c.chat(ctx, request{
		op: op, maxTokens: maxOpinionTokens, schema: schema, schemaName: "second_opinion",
		render: func(jsonInPrompt bool) (string, string, error) {
			dd := *d
			if dd.JSONInPrompt = jsonInPrompt; jsonInPrompt {
				b, _ := json.Marshal(schema)
				dd.Schema = string(b)
			}
			return c.renderPair(tmplSecondOpinion, tmplAnswer, &dd)
		},
	})
	addNotice(&meta, notice)
	if err != nil {
		return nil, err
	}
	var w opinionWire
	if err := decodeJSONAnswer(text, &w); err != nil {
		return nil, c.answerError(op, ErrMalformed, err.Error())
	}
	o := verifyOpinion(&w, a.Question, strings.TrimSpace(a.Transcript))
	o.Meta = meta
	return o, nil
}

// decodeJSONAnswer reads the JSON object of an answer. A model asked in
// words may wrap it in a code fence or a sentence: the outermost {...} is
// read. A cut-off object says so.
func decodeJSONAnswer(text string, v any) error {
	s := stripFence(text)
	if i := strings.IndexByte(s, '{'); i > 0 {
		s = s[i:]
	}
	if j := strings.LastIndexByte(s, '}'); j >= 0 && j < len(s)-1 {
		s = s[:j+1]
	}
	dec := json.NewDecoder(strings.NewReader(s))
	if err := dec.Decode(v); err != nil {
		if strings.Contains(err.Error(), "unexpected EOF") {
			return fmt.Errorf("the JSON stops before it is complete (%s)", transcribe.Shorten(text, 60))
		}
		return fmt.Errorf("it is not the JSON asked for: %v (%s)", err, transcribe.Shorten(text, 60))
	}
	return nil
}

// stripFence removes a Markdown code fence around s.
func stripFence(s string) string {
	s = strings.TrimSpace(s)
	if !strings.HasPrefix(s, "```") {
		return s
	}
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[i+1:]
	} else {
		return ""
	}
	return strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "```"))
}

// verifyOpinion keeps the claims of w that hold up: a claim that something
// is in the answer needs its quote in the transcript. Talking points and
// STAR elements the question does not have are dropped too.
func verifyOpinion(w *opinionWire, q *review.Question, transcript string) *Opinion {
	x := newQuoteIndex(transcript)
	o := &Opinion{Dropped: []DroppedClaim{}}
	check := func(claim, quote string) (Quote, bool) {
		quote = strings.TrimSpace(quote)
		if quote == "" {
			o.Dropped = append(o.Dropped, DroppedClaim{Claim: claim, Why: "no quote given"})
			return Quote{}, false
		}
		start, end, ok := x.find(quote)
		if !ok {
			why := "not in the transcript"
			if len(normWords(quote)) < MinQuoteWords {
				why = fmt.Sprintf("too short to show anything (fewer than %d words)", MinQuoteWords)
			}
			o.Dropped = append(o.Dropped, DroppedClaim{Claim: claim, Quote: quote, Why: why})
			return Quote{}, false
		}
		return Quote{Text: quote, Start: start, End: end}, true
	}
	seen := map[string]bool{}
	for _, p := range w.TalkingPoints {
		i := slices.IndexFunc(q.TalkingPoints, func(tp review.TalkingPoint) bool { return tp.ID == p.ID })
		if i < 0 || seen[p.ID] {
			if p.Covered {
				o.Dropped = append(o.Dropped, DroppedClaim{Claim: fmt.Sprintf("talking point %q covered", p.ID), Quote: p.Quote, Why: "the question has no such talking point, or it was judged twice"})
			}
			continue
		}
		seen[p.ID] = true
		pc := PointClaim{ID: p.ID, Label: q.TalkingPoints[i].Label, Covered: p.Covered, Reason: strings.TrimSpace(p.Reason)}
		if p.Covered {
			qt, ok := check(fmt.Sprintf("talking point %s covered", p.ID), p.Quote)
			if !ok {
				continue
			}
			pc.Quote = qt
		}
		o.TalkingPoints = append(o.TalkingPoints, pc)
	}
	verdict := func(name string, v *verdictWire, allowed []string, positive ...string) *Verdict {
		if v == nil || !slices.Contains(allowed, v.Verdict) {
			return nil
		}
		out := &Verdict{Verdict: v.Verdict, Reason: strings.TrimSpace(v.Reason)}
		if slices.Contains(positive, v.Verdict) {
			qt, ok := check(name+" "+v.Verdict, v.Quote)
			if !ok {
				return nil
			}
			out.Quote = qt
		}
		return out
	}
	o.Agency = verdict("agency", w.Agency, []string{AgencyShowsTradeoffs, AgencyNoTradeoffs, NotAssessed}, AgencyShowsTradeoffs)
	o.JumpToSolution = verdict("jump to solution", w.JumpToSolution, []string{JumpedToSolution, DiagnosedFirst, NotAssessed}, JumpedToSolution, DiagnosedFirst)
	for _, s := range w.Star {
		if !slices.Contains(StarElements, s.Element) {
			continue
		}
		sc := StarClaim{Element: s.Element, Present: s.Present, Reason: strings.TrimSpace(s.Reason)}
		if s.Present {
			qt, ok := check("STAR "+s.Element+" present", s.Quote)
			if !ok {
				continue
			}
			sc.Quote = qt
		}
		o.Star = append(o.Star, sc)
	}
	o.DroppedCount = len(o.Dropped)
	return o
}
