package review

import (
	"strings"
	"unicode"
)

// domainVocabulary is the Marketing Ops vocabulary a transcriber should
// spell right whatever the question: product names and acronyms from the
// interview guide.
var domainVocabulary = []string{
	"Marketo", "Salesforce", "HubSpot", "MQL", "SQL", "CRM", "DKIM", "SPF", "DMARC",
	"ZoomInfo", "Clearbit", "ROI", "MOps", "UTM", "B2B",
}

// Vocabulary returns the words a transcriber should be primed with for
// question q (nil for none): the proper nouns and acronyms among its talking
// points' cues first, then the general domain vocabulary, without duplicates.
func Vocabulary(q *Question) []string {
	seen := map[string]bool{}
	var out []string
	add := func(w string) {
		w = strings.TrimSpace(w)
		k := strings.ToLower(w)
		if w == "" || seen[k] {
			return
		}
		seen[k] = true
		out = append(out, w)
	}
	if q != nil {
		for _, tp := range q.TalkingPoints {
			for _, cue := range tp.Cues {
				if hasUpper(cue) {
					add(cue)
				}
			}
		}
	}
	for _, w := range domainVocabulary {
		add(w)
	}
	return out
}

func hasUpper(s string) bool {
	for _, r := range s {
		if unicode.IsUpper(r) {
			return true
		}
	}
	return false
}
