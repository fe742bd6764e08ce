package review

// AreaScore is one area's score in a Summary.
type AreaScore struct {
	Area     string // AreaDelivery, AreaStructure, AreaAgency or AreaContent
	Score    int
	Assessed bool
}

// AreaScores lists the summary's four scores in display order (delivery,
// structure, agency, content), marking which were assessed.
func (s *Summary) AreaScores() []AreaScore {
	sc, a := s.Scores, s.Assessed
	return []AreaScore{
		{AreaDelivery, sc.Delivery, a.Delivery},
		{AreaStructure, sc.Structure, a.Structure},
		{AreaAgency, sc.Agency, a.Agency},
		{AreaContent, sc.Content, a.Content},
	}
}
