package review

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// TestGapsMatchOnce checks that a phrase with many "..." reviews a long
// sentence quickly: each place is tried once, not once per path to it.
func TestGapsMatchOnce(t *testing.T) {
	phrase := "so" + strings.Repeat(" ...", 12) + " zzz"
	data := []byte("rules:\n  - {id: x, extends: existence, level: info, message: m, match: [{tokens: ['" + phrase + "']}]}\n")
	rs, errs := ParseRuleFile(data, "gaps.yaml")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	text := "So " + strings.Repeat("word ", 80) + "end."
	start := time.Now()
	rep := New(NewRuleSet(rs)).Review(Input{Transcript: &Transcript{Text: text}})
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("review took %v", d)
	}
	if len(rep.Findings) != 0 {
		t.Errorf("findings %v, want none (no \"zzz\")", rep.Findings)
	}
}

// TestGapMemoSameResult checks that remembering failed places does not
// change where a phrase with gaps matches.
func TestGapMemoSameResult(t *testing.T) {
	m := &matcher{}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		n := 5 + rng.IntN(40)
		toks := make([]Token, n)
		ids := make([]int32, n)
		sentence := 0
		for i := range toks {
			if rng.IntN(15) == 0 {
				sentence++
			}
			toks[i] = Token{Sentence: sentence}
			ids[i] = int32(rng.IntN(3))
		}
		phrase := []int32{int32(rng.IntN(3))}
		for range 1 + rng.IntN(4) {
			phrase = append(phrase, gapMarker, int32(rng.IntN(3)))
			if rng.IntN(3) == 0 {
				phrase = append(phrase, int32(rng.IntN(3)))
			}
		}
		for i := range toks {
			e1, ok1 := m.matchRest(toks, ids, phrase, 0, i, nil)
			e2, ok2 := m.matchRest(toks, ids, phrase, 0, i, map[phraseAt]bool{})
			if e1 != e2 || ok1 != ok2 {
				t.Fatalf("phrase %v at %d of %v: %d,%v without memo, %d,%v with", phrase, i, ids, e1, ok1, e2, ok2)
			}
		}
	}
}
