package review

import (
	"image/color"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/rehearse-app/rehearse/assets"
)

// coachRules is a coach's own rule file: one rule with a colour, one
// without.
const coachRules = `rules:
  - id: buzzword
    extends: existence
    level: warning
    title: Buzzword
    color: "#1E88E5"
    show: words
    message: A buzzword
    match:
      - tokens: [synergy]
  - id: jargon
    extends: existence
    level: info
    title: Jargon
    message: Jargon
    match:
      - tokens: [leverage]
`

func loadWithCoachRules(t *testing.T, file string) (*RuleSet, []error) {
	t.Helper()
	return LoadRules(BankSource{FS: assets.Rules(), Dir: "rules", Label: "builtin"},
		BankSource{FS: fstest.MapFS{"user/coach.yaml": {Data: []byte(file)}}, Dir: "user", Label: "user"})
}

func TestRuleDisplayComesFromTheRuleFiles(t *testing.T) {
	rs, errs := loadWithCoachRules(t, coachRules)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	for _, tc := range []struct {
		rule  string
		want  RuleDisplay
		whole bool
	}{
		{"filler", RuleDisplay{Rule: "filler", Title: "Filler word", Color: color.NRGBA{255, 152, 0, 255}, Show: ShowWords, Own: true}, false},
		{"pace", RuleDisplay{Rule: "pace", Title: "Pace", Color: color.NRGBA{0, 137, 123, 255}, Show: ShowAnswer, Own: true}, true},
		{"long-pause", RuleDisplay{Rule: "long-pause", Title: "Long pause", Color: color.NRGBA{142, 36, 170, 255}, Show: ShowPause, Own: true}, false},
		{"buzzword", RuleDisplay{Rule: "buzzword", Title: "Buzzword", Color: color.NRGBA{30, 136, 229, 255}, Show: ShowWords, Own: true}, false},
		{"jargon", RuleDisplay{Rule: "jargon", Title: "Jargon", Color: OtherRuleColor, Show: ShowStretch}, false},
		{"star-missing-result", RuleDisplay{Rule: "star-missing-result", Title: "No result", Color: OtherRuleColor, Show: ShowStretch}, false},
		{"no-such-rule", RuleDisplay{Rule: "no-such-rule", Title: "no-such-rule", Color: OtherRuleColor, Show: ShowStretch}, false},
	} {
		got := rs.Display(tc.rule)
		if got != tc.want || got.Whole() != tc.whole {
			t.Errorf("Display(%q) = %+v, want %+v", tc.rule, got, tc.want)
		}
	}
	var legend []string
	for _, d := range rs.Legend() {
		legend = append(legend, d.Rule)
	}
	want := strings.Join(append(StableRuleIDs(), "buzzword"), " ")
	if got := strings.Join(legend, " "); got != want {
		t.Errorf("legend %q, want %q (stable rules, then the coach's coloured rule)", got, want)
	}
}

func TestRuleDisplayFieldsAreChecked(t *testing.T) {
	for _, tc := range []struct{ from, to, field string }{
		{`color: "#1E88E5"`, `color: "blue"`, "color"},
		{`color: "#1E88E5"`, `color: "#1E88EZ"`, "color"},
		{`show: words`, `show: underline`, "show"},
	} {
		rs, errs := loadWithCoachRules(t, strings.Replace(coachRules, tc.from, tc.to, 1))
		if len(errs) != 1 || !strings.Contains(errs[0].Error(), tc.field) || !strings.Contains(errs[0].Error(), "buzzword") {
			t.Errorf("%s: errors %v, want one naming rule buzzword and field %s", tc.to, errs, tc.field)
		}
		if _, ok := rs.Rule("jargon"); !ok {
			t.Errorf("%s: the good rule of the file did not load", tc.to)
		}
	}
}
