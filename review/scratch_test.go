package review

import (
	"encoding/json"
	"os"
	"testing"
)

func TestScratch(t *testing.T) {
	rv := New(builtinRules(t))
	q := &Question{ID: "budget", Category: "strategic", Prompt: "p", ThinkSeconds: 1, AnswerSeconds: 120,
		TalkingPoints: []TalkingPoint{{ID: "attribution-data", Label: "attribution", Cues: []string{"attribution"}}}}
	for _, s := range []string{os.Getenv("TXT")} {
		rep := rv.Review(Input{Transcript: &Transcript{Text: s}, Question: q})
		b, _ := json.MarshalIndent(rep, "", " ")
		t.Log(string(b))
	}
}
