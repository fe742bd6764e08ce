package session

import "github.com/rehearse-app/rehearse/review"

// Score names in display order (the review JSON's keys).
var scoreNames = []string{"delivery", "structure", "agency", "content"}

// scoreItem is one named score.
type scoreItem struct {
	Name     string
	Value    int
	Assessed bool
}

// scoreItems lists the four scores in display order.
func scoreItems(sc review.Scores) []scoreItem {
	return []scoreItem{
		{"delivery", sc.Delivery, true},
		{"structure", sc.Structure, true},
		{"agency", sc.Agency, true},
		{"content", sc.Content, true},
	}
}

// summaryScores lists the scores of a summary, marking which were assessed.
func summaryScores(sum *review.Summary) []scoreItem {
	it := scoreItems(sum.Scores)
	it[0].Assessed = sum.Assessed.Delivery
	it[1].Assessed = sum.Assessed.Structure
	it[2].Assessed = sum.Assessed.Agency
	it[3].Assessed = sum.Assessed.Content
	return it
}

// reportScores lists the scores of a report, marking which were assessed.
func reportScores(r *review.Report) []scoreItem {
	it := scoreItems(r.Scores)
	it[0].Assessed = r.ScoreReasons.Delivery.Assessed
	it[1].Assessed = r.ScoreReasons.Structure.Assessed
	it[2].Assessed = r.ScoreReasons.Agency.Assessed
	it[3].Assessed = r.ScoreReasons.Content.Assessed
	return it
}
