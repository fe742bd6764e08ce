package review

import (
	"fmt"
	"image/color"
	"slices"
	"strconv"
	"strings"
)

// How a rule's findings are drawn (RuleSpec.Show).
const (
	ShowWords   = "words"   // the finding's words are highlighted, over any stretch
	ShowStretch = "stretch" // a wide stretch, highlighted under word-level findings
	ShowAnswer  = "answer"  // about the answer as a whole: listed, not highlighted
	ShowPause   = "pause"   // a silence: a "[pause n s]" marker at its time
	ShowGap     = "gap"     // a likely untranscribed filler: an "[um?]" marker at its time
)

// OtherRuleColor is the colour of a rule whose file gives none.
var OtherRuleColor = color.NRGBA{R: 96, G: 125, B: 139, A: 255}

// RuleDisplay is how the findings of one rule are shown, from its rule file.
type RuleDisplay struct {
	Rule  string      // the rule id
	Title string      // the legend name (RuleSet.Title)
	Color color.NRGBA // OtherRuleColor when the file gives none
	Show  string      // one of the Show constants
	// Own is set when the rule file gives a colour: the rule then has its
	// own legend entry; the others share "Other rule".
	Own bool
}

// Whole reports whether the findings concern the answer as a whole.
func (d RuleDisplay) Whole() bool { return d.Show == ShowAnswer }

// Display returns how findings of rule id are shown. An id the set does
// not hold (e.g. a STAR element's finding) is an "Other rule" stretch
// with the title RuleSet.Title gives it.
func (rs *RuleSet) Display(id string) RuleDisplay {
	d := RuleDisplay{Rule: id, Title: rs.Title(id), Color: OtherRuleColor, Show: ShowStretch}
	r, ok := rs.Rule(id)
	if !ok {
		return d
	}
	if r.Show != "" {
		d.Show = r.Show
	}
	if c, err := ParseColor(r.Color); err == nil && r.Color != "" {
		d.Color, d.Own = c, true
	}
	return d
}

// Legend returns the display of every rule with a colour of its own: the
// stable rules first, in StableRuleIDs order, then the others in load order.
func (rs *RuleSet) Legend() []RuleDisplay {
	var out []RuleDisplay
	for _, id := range StableRuleIDs() {
		if d := rs.Display(id); d.Own {
			out = append(out, d)
		}
	}
	for _, r := range rs.rules {
		if d := rs.Display(r.ID); d.Own && !slices.Contains(StableRuleIDs(), r.ID) {
			out = append(out, d)
		}
	}
	return out
}

// ParseColor reads a "#rrggbb" colour; "" is black with no error.
func ParseColor(s string) (color.NRGBA, error) {
	c := color.NRGBA{A: 255}
	if s == "" {
		return c, nil
	}
	v, err := strconv.ParseUint(strings.TrimPrefix(s, "#"), 16, 32)
	if len(s) != 7 || s[0] != '#' || err != nil {
		return c, fmt.Errorf("%q is not a colour written #rrggbb", s)
	}
	c.R, c.G, c.B = uint8(v>>16), uint8(v>>8), uint8(v)
	return c, nil
}

// validateDisplay checks a rule's display fields and returns the field at
// fault.
func validateDisplay(r *RuleSpec) (string, error) {
	if _, err := ParseColor(r.Color); err != nil {
		return "color", err
	}
	switch r.Show {
	case "", ShowWords, ShowStretch, ShowAnswer, ShowPause, ShowGap:
		return "", nil
	}
	return "show", fmt.Errorf("%q is not one of words, stretch, answer, pause, gap", r.Show)
}
