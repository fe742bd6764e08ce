package session

import "github.com/rehearse-app/rehearse/review"

// scoreItem is one named score.
type scoreItem struct {
	Name     string
	Value    int
	Assessed bool
}

// summaryScores lists the four scores of a summary in display order (the
// review JSON's names), marking which were assessed.
func summaryScores(sum *review.Summary) []scoreItem {
	sc, a := sum.Scores, sum.Assessed
	return []scoreItem{
		{"delivery", sc.Delivery, a.Delivery},
		{"structure", sc.Structure, a.Structure},
		{"agency", sc.Agency, a.Agency},
		{"content", sc.Content, a.Content},
	}
}
