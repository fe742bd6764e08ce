package review

import "testing"

// checkRoutes reviews each text with one existence rule whose only match
// is a routes line (joiner "or", counts, proposals; the cost "@price"), and
// checks whether it finds anything.
func checkRoutes(t *testing.T, cases []textMatch) {
	t.Helper()
	cs := NewConcepts([]ConceptSpec{
		{ID: "joiner", Terms: []string{"or", "or we", "lay it out"}},
		{ID: "count", Terms: []string{"one", "two", "first", "second", "option one", "option two", "first way", "second way"}},
		{ID: "proposal", Terms: []string{"we can", "we could"}},
		{ID: "price", Terms: []string{"cost", "a week", "grand", "slow"}},
	})
	checkRuleFinds(t, cs, RuleSpec{ID: "x", Kind: KindExistence, Level: LevelPositive, Message: "m",
		Match: []MatchSpec{{Concepts: []string{"@joiner", "@count", "@proposal", "@price"}, Routes: 2, Window: 40, Real: true}}},
		cases)
}

// TestRoutes: an offer laid out route by route is found however the
// routes are opened, when one of them is priced; steps of a story, a
// count that is no list, routes of mixed ways and a cost outside the
// routes are not.
func TestRoutes(t *testing.T) {
	checkRoutes(t, []textMatch{
		// counted, each set off by a pause
		{"One, a reverse-IP tool, about 14 grand a year. Two, a gated calculator on the pricing page.", true},
		{"Option one: the list today. Option two: the integration, a week later.", true},
		// proposals, joined by "or" without commas (speech-to-text)
		{"we can sync the fields your reps use or we do all of them and that takes a week", true},
		{"We could send the list today. We could wait for the integration, which costs a week.", true},
		// no price in any route
		{"One, a reverse-IP tool. Two, a gated calculator on the pricing page.", false},
		// the price is the problem's, before the routes
		{"The tool would cost us a lot. One, a list today. Two, the integration.", false},
		// a count that is no list, and steps of a story
		{"One of you goes Tuesday and one goes Thursday, which is slow for the second.", false},
		{"First I checked the numbers. Then I asked for time alone; the slow part was the data.", false},
		{"First I checked the numbers. Second I asked for time alone; the slow part was the data.", false},
		{"One of you goes Tuesday. One goes Thursday, which is slow.", false},
		// a narrative "First," and proposals are not one run
		{"First, I'd listen to why they want it, because slow routing hurts. We could run a pilot.", false},
		// speech-to-text with no punctuation: phrases open routes anywhere
		{"our head of demand gen wanted every duplicate merged by monday and she wanted zero lost history " +
			"which a bulk merge just does not give you so i did not just say it cannot be done and i pulled the " +
			"table and gave her two ways first way merge only the ones with an open opp by monday " +
			"second way do all of them properly which is slow and she took the first", true},
		// ...and counting words in order open routes there
		{"she wanted last years deals attributed to campaigns but half were never tracked so the data " +
			"just wasnt there and i did not say no i said here is what i can do three things one i rebuild " +
			"from what we have which covers most of it two a model on the self reported field but its soft " +
			"data and costs a week three we start clean this quarter and she took one", true},
		{"she wanted last years deals attributed to campaigns but half were never tracked so the data " +
			"just wasnt there and i did not say no i said here is what i can do and i rebuild it from one " +
			"of the exports we have which covers most of it and costs a week three weeks later she was happy", false},
		// ...but not a number that counts people, money or time
		{"our vp of events wanted the webinar and the launch in the same week and my manager said we only have " +
			"one builder and two people on qa so the launch would slip a week and i told her it was her call", false},
		// ...but not where the text has its commas
		{"She wanted zero lost history, which a bulk merge does not give you. I pulled the table and gave her " +
			"the facts, first way merge only the ones with an open opp by monday, and the second way is slow.", false},
		// a phrase that introduces the routes opens the first
		{"I laid it out for her: mail it this week, or work the same accounts through ads at twice the cost.", true},
		{"I laid it out for her. The tool would cost a week.", false},
		// the last route goes on in a sentence that opens on it
		{"We could send the list today. Or we wait for the integration. That one costs a week.", true},
		{"We could send the list today. Or we wait for the integration. Her team met. The cost was a week.", false},
		// labels and a colon open routes, with labels or "or"
		{"Event first: invites go Tuesday and the nurture slips a week. AWS first: the invites go out late.", true},
		{"Then it's his pick: everything raw, and his reps are slow to call, or a fast lane for demo requests.", true},
		{"Then I bring data: the slow leads convert at one percent. We could push everything anyway.", false},
		// ...and so do two orders set off by a comma, not one
		{"Roadshow first, the launch nurture slips a week. Launch first, the invite goes out late.", true},
		{"But first, I asked him why. The reps would drown in a week.", false},
		// one route only
		{"We could wait for the integration, which costs a week.", false},
		// negated routes offer nothing
		{"I didn't say we could send the list today, or we could wait a week.", false},
	})
}

// TestNeedsAfterMatch: a need marked after_match counts only after the
// rule's first match: the stakeholder's answer to the offer, not what they
// said before it; the last such answer counts, however many came before.
func TestNeedsAfterMatch(t *testing.T) {
	checkOptionRule(t, RuleSpec{Needs: []MatchSpec{{Concepts: []string{"say"}, Subject: SubjectOther, AfterMatch: true}}},
		[]textMatch{
			{"Two options: a list today or we wait. She said, the list.", true},
			{"She said she wanted everyone. Two options: a list today or we wait. I built the list.", false},
			{"She said she wanted everyone. Two options: a list today or we wait. She thought and said, the list.", true},
			{"Two options: a list today or we wait. I said I'd build the list.", false},
		})
	// a quotative "goes", set off by its comma
	checkOptionRule(t, RuleSpec{Needs: []MatchSpec{{Concepts: []string{"go"}, Subject: SubjectOther, Position: PosBeforeComma, AfterMatch: true}}},
		[]textMatch{
			{"Two options: a list today or we wait. He goes, \"the list, and fast.\"", true},
			{"Two options: a list today or we wait. He goes to his boss about it.", false},
		})
}
