package ui

import (
	"image/color"
	"math"
	"strings"
	"testing"
	"testing/fstest"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"github.com/rehearse-app/rehearse/assets"
	"github.com/rehearse-app/rehearse/review"
)

// wcagContrast is the WCAG contrast ratio of two colours.
func wcagContrast(a, b color.Color) float64 {
	lum := func(c color.Color) float64 {
		n := toNRGBA(c)
		ch := func(v uint8) float64 {
			x := float64(v) / 255
			if x <= 0.03928 {
				return x / 12.92
			}
			return math.Pow((x+0.055)/1.055, 2.4)
		}
		return 0.2126*ch(n.R) + 0.7152*ch(n.G) + 0.0722*ch(n.B)
	}
	l1, l2 := lum(a), lum(b)
	if l1 < l2 {
		l1, l2 = l2, l1
	}
	return (l1 + 0.05) / (l2 + 0.05)
}

func TestReviewReadableInLightAndDarkThemes(t *testing.T) {
	for _, tc := range []struct {
		name string
		th   fyne.Theme
	}{{"light", theme.LightTheme()}, {"dark", theme.DarkTheme()}} { //nolint:staticcheck // the fixed variants are what this checks
		t.Run(tc.name, func(t *testing.T) {
			f := newReviewFixture(t, reviewOpts{})
			f.app.Settings().SetTheme(tc.th)
			tr := timedTranscript(answerText, indexOfWord(answerText, "Then"))
			f.open(f.addTake(tr.Duration, tr))
			fg := theme.Color(theme.ColorNameForeground)
			for _, k := range f.s.kinds.ordered {
				if c := wcagContrast(fg, f.s.kinds.highlight(k)); c < 4.5 {
					t.Errorf("%s: text on %q highlight has contrast %.2f, want at least 4.5", tc.name, f.s.kinds.info(k).title, c)
				}
			}
			// The grid follows the theme: a filler is painted in this theme's colour.
			_, fd := findingByRule(f.s.report, "filler")
			st, _ := cellStyle(f.s.text.view, fd.Start)
			if filler := f.s.kinds.highlight(f.s.kinds.ofRule("filler")); st == nil || toNRGBA(st.BackgroundColor()) != filler {
				t.Errorf("filler cell style %v, want %v", st, filler)
			}
			img := f.win.Canvas().Capture()
			if img.Bounds().Dx() == 0 {
				t.Error("nothing rendered")
			}
		})
	}
}

func TestReviewFollowsThemeChange(t *testing.T) {
	f := newReviewFixture(t, reviewOpts{})
	f.app.Settings().SetTheme(theme.LightTheme()) //nolint:staticcheck // a fixed variant is what this checks
	tr := timedTranscript(answerText, -1)
	f.open(f.addTake(tr.Duration, tr))
	_, fd := findingByRule(f.s.report, "filler")
	filler := f.s.kinds.ofRule("filler")
	light := f.s.kinds.highlight(filler)
	f.app.Settings().SetTheme(theme.DarkTheme()) //nolint:staticcheck
	dark := f.s.kinds.highlight(filler)
	if light == dark {
		t.Fatal("filler highlight is the same in light and dark themes")
	}
	test.WidgetRenderer(f.s.text.view).Refresh() // what a theme change does to each widget
	st, _ := cellStyle(f.s.text.view, fd.Start)
	if st == nil || toNRGBA(st.BackgroundColor()) != dark {
		t.Errorf("after switching to dark, filler cell %v, want %v", st, dark)
	}
}

// coachRuleFile is a coach's own rule: a colour and a legend title of its
// own, no id the app knows.
const coachRuleFile = `rules:
  - id: buzzword
    extends: existence
    level: warning
    title: Buzzword
    color: "#1E88E5"
    show: words
    message: A buzzword
    match:
      - tokens: [synergy]
`

// TestReviewCoachRuleGetsItsOwnLegendEntry: a rule from a user's rule
// file is listed in the legend under its title and painted in its colour,
// not grey as "Other rule".
func TestReviewCoachRuleGetsItsOwnLegendEntry(t *testing.T) {
	rules, errs := review.LoadRules(review.BankSource{FS: assets.Rules(), Dir: "rules", Label: "builtin"},
		review.BankSource{FS: fstest.MapFS{"user/coach.yaml": {Data: []byte(coachRuleFile)}}, Dir: "user", Label: "user"})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	f := newReviewFixture(t, reviewOpts{})
	rv := review.New(rules)
	deps := f.s.deps
	deps.Reviewer, deps.ReviewTake = rv, reviewTakeWith(rv, f.store)
	f.s.shutdown()
	f.s = newReviewScreen(deps, f.win, f.notify)
	f.s.do = f.q.do
	f.win.SetContent(f.s.content)
	t.Cleanup(f.s.shutdown)

	text := "We could find synergy with sales, or run the full plan next month; it's your call."
	tr := timedTranscript(text, -1)
	f.open(f.addTake(tr.Duration, tr))
	if !strings.Contains(joined(texts(f.s.content)), "Buzzword") {
		t.Fatalf("legend has no Buzzword entry: %q", texts(f.s.content))
	}
	k := f.s.kinds.ofRule("buzzword")
	want := color.NRGBA{30, 136, 229, 255}
	if info := f.s.kinds.info(k); k == kindOther || info.hue != want || info.title != "Buzzword" {
		t.Fatalf("buzzword kind %d: %+v, want its own, coloured %v", k, info, want)
	}
	_, fd := findingByRule(f.s.report, "buzzword")
	if fd.Rule == "" {
		t.Fatalf("no buzzword finding: %+v", f.s.report.Findings)
	}
	st, _ := cellStyle(f.s.text.view, fd.Start)
	if st == nil || toNRGBA(st.BackgroundColor()) != highlightColor(want) {
		t.Errorf("buzzword cell style %v, want %v", st, highlightColor(want))
	}
	if got := f.s.findingTitle(fd); got != "Buzzword" {
		t.Errorf("finding title %q", got)
	}
}
