package review

import "testing"

// TestAgencyPhrasings checks the agency verdict on phrasings the tradeoff
// rule was extended for, and on near misses that must stay unflagged.
func TestAgencyPhrasings(t *testing.T) {
	cases := []struct {
		name, text string
		offered    bool
	}{
		{"options put as a question", "I'd ask what it's for. Then: do you want the engaged segment on Monday, tested, or everybody on Wednesday after QA? A full list on Monday risks our sender reputation. Her pick.", true},
		{"each option weighed as it is named", "I'd tell her she can present sourced only, which is smaller but solid, or sourced and influenced side by side, which is more honest but needs a minute of explaining.", true},
		{"a question without options", "I asked him: do you want this live tomorrow? He said yes, so I told him it wasn't possible.", false},
		{"a flat no", "I told him it wasn't possible in that time and explained why. He wasn't happy but accepted it.", false},
		{"each route's time", "The head of events wanted badge scans in Salesforce overnight. I said a manual upload could be there Thursday, or the proper integration next Wednesday. She took Wednesday.", true},
		{"what a route takes", "I told him we can build it for the fifty top accounts for the meeting, or we build the real version for all accounts, but that needs three weeks. He chose the fifty.", true},
		{"options with no cost", "I told him we could rebuild the scores from activity data, tag the old leads by hand, or start fresh with a new model this quarter. He picked the new model.", false},
		{"'a few' ways is no cost", "I told him there were a few ways we could handle it: we could do a fast lane for demo requests or run a pilot with one team. He picked the fast lane.", false},
		{"a pricing page is no price", "He wanted reps told when someone hits pricing. I said there were a few ways we could go: we could send an alert email, or we could create a task in Salesforce. He went with the alert.", false},
		{"a platitude handed over", "It's really a trade-off between a bold story and being defensible, and I'd help her think it through. In the end it's her presentation and her decision.", false},
		{"options only in hindsight", "I didn't give her options. If I did it again I'd bring her a couple of versions, like influenced with sourced next to it, and say what each one costs her in the story she's telling, and then let her choose.", false},
		{"the speaker goes with her pick", "I'd ask her which she would rather do: show the sourced number, which is smaller but holds up, or the bigger influenced number, which needs a slide of explanation. Whatever she picks, I go with it and help her build it.", true},
		{"the speaker wants her picking", "I'd tell her there are two ways to go: keep the big figure and risk the CFO contradicting it, or present the smaller sourced number, which is less impressive but holds up. She picks; I just want her picking with everything I know.", true},
		{"the speaker decides after weighing", "One path was a manual match, about eighty hours, maybe sixty percent accurate. Another was a source field at intake, which gives nothing for the retreat. I weighed those, decided the sample was the sensible combination, and told her.", false},
		{"options weighed, then just done", "I knew the risks: a full send could hurt our deliverability for weeks, or we could send to a segment, which misses half the list. So I built it that night and it went out Monday to everyone.", false},
		{"a route opened with 'Or', then her written reply", "Admins at customers could go Monday at ten, and the only downside is she doesn't reach prospects on day one. Or everyone engaged in the last six months on Monday and the rest in waves, which means my team spends half of Monday watching the numbers. She wrote back after the call: admins Monday.", true},
		{"the speaker makes the call", "I'd weigh it up: full send Monday risks the domain, engaged-only Monday leaves out a big chunk of the list. And honestly, I'd make the call myself and tell her Monday what's going out.", false},
		{"the speaker picks", "We could send to the engaged segment, which is safer but smaller, or to everybody, which is bigger but risky. I decided we'd go with the engaged segment.", false},
		{"routes counted out, then her reply", "It landed on me. I gave her two ways. First way, merge only the forty thousand with an open opp, doable by Monday, but the rest stay messy for a month. Second way, do all of them properly, which is three weeks. She said: the first one.", true},
		{"the reply that came before the offer", "She said she wanted everyone. First way, merge only the forty thousand with an open opp, doable by Monday, but the rest stay messy for a month. Second way, do all of them properly, which is three weeks. I built the first that night.", false},
		{"a conditional the speaker put to them", "I said it like this: if we do the launch first, the webinar slips a week and loses registrations; if we do the webinar first, the launch misses the press date. Which hurts less? They chose the launch.", true},
		{"the warning's own suggestion", "We can launch a simple version in 24 hours, or the full one in 48; it's your call.", true},
		{"left to them to hash out", "I'd put it to both VPs: if the launch goes first, the webinar slips a week and loses registrations. If the webinar goes first, the launch misses the press date. Then let them hash it out.", true},
		{"the speaker's recommendation, then his pick", "I gave him two options: the nightly sync, which is free but a day behind, or the hourly one, which costs eight thousand a year. He asked which one I would pick, I said the first, and he took it.", true},
	}
	q, ok := builtinBank(t).ByID("impossible-request")
	if !ok {
		t.Fatal("no impossible-request question")
	}
	rv := New(builtinRules(t))
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rep := rv.Review(Input{Transcript: &Transcript{Text: c.text}, Question: &q})
			got := false
			for _, f := range rep.Findings {
				got = got || f.Rule == "tradeoff"
			}
			if got != c.offered {
				t.Errorf("offered = %v, want %v: %q", got, c.offered, c.text)
			}
		})
	}
}
