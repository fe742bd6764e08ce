package coach

import (
	"context"
	"strings"
	"testing"
)

func TestRewriteReplacesInventedFactsInEveryServerShape(t *testing.T) {
	reply := "I'd start from our historical attribution data in HubSpot: last quarter webinars gave us 20% of pipeline, " +
		"and paid search closed in 45 days. Then I'd align with the VP of Sales on territory needs and check Marketo for bottlenecks. " +
		"I'd put most of the budget where the return is highest and keep ten percent for testing, about $50,000. " +
		"Each of the three departments would see what each option costs them, and the CMO decides."
	for _, v := range variants {
		t.Run(v.name, func(t *testing.T) {
			f := newFakeChat(t, v.shape)
			f.NoSchema = !v.schema
			f.Reply(reply)
			c, _ := newTestClient(t, f, streaming(v.stream))
			rw, err := c.Rewrite(context.Background(), Answer{Question: question(t, "budget-prioritization"), Transcript: budgetAnswer})
			if err != nil {
				t.Fatal(err)
			}
			for _, kept := range []string{"HubSpot", "20% of pipeline", "VP of Sales", "ten percent for testing", "three departments", "the CMO decides"} {
				if !strings.Contains(rw.Text, kept) {
					t.Errorf("the candidate's own fact %q was not kept:\n%s", kept, rw.Text)
				}
			}
			for _, gone := range []string{"45", "Marketo", "50,000"} {
				if strings.Contains(rw.Text, gone) {
					t.Errorf("the invented %q is still there:\n%s", gone, rw.Text)
				}
			}
			if !strings.Contains(rw.Text, "closed in [your number] days") || !strings.Contains(rw.Text, "check [your system] for bottlenecks") ||
				!strings.Contains(rw.Text, "about [your number].") {
				t.Errorf("placeholders missing:\n%s", rw.Text)
			}
			if len(rw.Placeholders) != 3 {
				t.Errorf("placeholders = %+v", rw.Placeholders)
			}
		})
	}
}

func TestCheckFacts(t *testing.T) {
	original := "So we moved 1,200 leads from Salesforce to HubSpot in two weeks, and the MQL rate went up twenty-five percent. We spent $2M."
	f := newFacts(original, "How do you handle the sync between Salesforce and the marketing automation platform?", "")
	for _, tc := range []struct{ in, want string }{
		{"We moved 1200 leads in 2 weeks.", "We moved 1200 leads in 2 weeks."},
		{"The MQL rate rose 25%.", "The MQL rate rose 25%."},
		{"It cost $2 million.", "It cost $2 million."},
		{"It cost $3 million.", "It cost [your number]."},
		{"We moved 1,500 leads.", "We moved [your number] leads."},
		{"In three weeks we fixed it.", "In [your number] weeks we fixed it."},
		{"Our Marketo instance and Google Ads account.", "Our [your system] instance and [your system] account."},
		{"Salesforce and HubSpot stayed in sync.", "Salesforce and HubSpot stayed in sync."},
		{"GA4 showed it.", "[your number] showed it."},
		{"The CMO and the VP of Sales agreed on the KPIs.", "The CMO and the VP of Sales agreed on the KPIs."},
		{"I'm sure I'd do it, and I've done it.", "I'm sure I'd do it, and I've done it."},
		{"Keep [your number] for tests.", "Keep [your number] for tests."},
		{"The Salesforce Marketing Cloud sync failed.", "The Salesforce Marketing [your system] sync failed."},
		{"We hit 10x ROI.", "We hit [your number] ROI."},
	} {
		got, _ := checkFacts(tc.in, f)
		if got != tc.want {
			t.Errorf("checkFacts(%q)\n  = %q\nwant %q", tc.in, got, tc.want)
		}
	}
}

func TestNumberWordRuns(t *testing.T) {
	runs := numberWordRuns("twenty-five leads, two hundred accounts, three thousand contacts and one list")
	var got []float64
	for _, r := range runs {
		got = append(got, r.value)
	}
	want := []float64{25, 200, 3000}
	if len(got) != len(want) {
		t.Fatalf("runs = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("runs = %v, want %v", got, want)
		}
	}
}
