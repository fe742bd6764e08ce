package review

// Who does what: the subject of a verb, found by walking back through its
// sentence, so that "she thought about it and took the second one" is her
// choice and "my team and I weighed it, went with the dedupe" is the
// speaker's (MatchSpec.Subject).

// Subjects a concept line can ask for (MatchSpec.Subject).
const (
	SubjectAny     = ""        // whoever
	SubjectSpeaker = "speaker" // I or we: the speaker or their team
	SubjectOther   = "other"   // he, she, they, you, or a role: the CMO, the VP ...
	// SubjectNotSpeaker is anyone but the speaker, a subject found or not
	// ("Sanne replied within an hour", a name that opens its sentence).
	SubjectNotSpeaker = "not-speaker"
)

// subjectReach is how many words before a verb its subject is looked for.
const subjectReach = 12

// Subject kinds of a word (per token, conceptScratch.subjects).
const (
	subjNone       uint8 = iota
	subjSpeaker          // I, we (and their contractions)
	subjOther            // he, she, they, you, or a role noun
	subjObjSpeaker       // me, us: the subject of a verb right after ("let us decide")
	subjObjOther         // her, him, them: ditto ("let her choose", "asked them to pick")
	subjStop             // which, what, whether, that: a clause of its own ("that would land on her"), not the verb's subject
	subjDet              // the, a, our ...: close before the verb, a noun phrase is its subject ("the invitations go with two days")
	subjJoin             // and, then, but, or: a verb joined to an earlier one ("we talked it through as a team and decided")
	subjTo               // to: between an object pronoun and the verb it is the subject of ("asked them to pick")
	subjNotSpeaker       // (asked for by a line, never a word's kind) anyone but the speaker
)

// detReach is how close before a verb a determiner marks a noun phrase
// as its subject.
const detReach = 3

// subjectWordKind returns the subject kind of a normalised word.
func subjectWordKind(w []byte) uint8 {
	switch string(w) {
	case "i", "we", "i'd", "we'd", "i'll", "we'll", "i've", "we've", "i'm", "we're":
		return subjSpeaker
	case "he", "she", "they", "you", "he'd", "she'd", "they'd", "you'd", "he'll", "she'll", "they'll", "you'll",
		"he's", "she's", "they're", "you're", "hes", "shes", "theyre", "youre",
		"cmo", "vp", "vps", "director", "manager", "boss", "client", "requester", "ceo", "cro", "cfo", "coo",
		"stakeholder", "stakeholders", "leadership", "marketer", "officer", "officers", "directors", "managers",
		"leaders", "executives", "execs", "committee", "board", "council", "requesters", "clients", "marketers",
		"sales", "founder", "founders", "dean", "provost":
		return subjOther
	case "me", "us":
		return subjObjSpeaker
	case "her", "him", "them":
		return subjObjOther
	case "which", "whichever", "what", "whatever", "whether", "that":
		return subjStop
	case "the", "a", "an", "our", "my", "your", "their", "this", "these", "those", "every", "each":
		return subjDet
	case "and", "then", "but", "or":
		return subjJoin
	case "to":
		return subjTo
	}
	return subjNone
}

// subjectPronoun reports whether a normalised word is a subject pronoun
// other than "you" (which is as often an object: "I didn't give you a
// choice").
func subjectPronoun(w []byte) bool {
	switch string(w) {
	case "i", "we", "he", "she", "they", "i'd", "we'd", "he'd", "she'd", "they'd":
		return true
	}
	return false
}

// personName reports whether a word w, written within a sentence, looks
// like a name: a capital and then lower case ("Priya", not "CRM", "QA",
// "I"), and no day or month (norm is w normalised). The speaker's stories
// name their stakeholders ("Rajiv said", "Dan and Tom landed on the first
// one").
func personName(w string, norm []byte) bool {
	if len(w) < 2 || w[0] < 'A' || w[0] > 'Z' || w[1] < 'a' || w[1] > 'z' {
		return false
	}
	return !notNames[string(norm)]
}

// notNames are capitalised words that name no one: days and months ("we
// moved it to Friday and went with waves").
var notNames = map[string]bool{"monday": true, "tuesday": true, "wednesday": true, "thursday": true,
	"friday": true, "saturday": true, "sunday": true, "january": true, "february": true, "march": true,
	"april": true, "may": true, "june": true, "july": true, "august": true, "september": true,
	"october": true, "november": true, "december": true}

// subjectOf returns who does the verb at token i: subjSpeaker, subjOther or
// subjNone when no subject stands before it in its sentence, or a noun
// phrase does ("the event invitations go with two days' notice"). An object
// pronoun right before the verb, or before "to" and the verb, is its subject
// ("let her choose", "asked them to pick").
func (cs *conceptScratch) subjectOf(toks []Token, i int) uint8 {
	if k, ok := cs.walkSubject(toks, i); ok {
		return k
	}
	// a sentence that opens on its verb left its subject in the sentence
	// before: "He slept on it. Came back and said pilot."
	first := i
	for first > 0 && toks[first-1].Sentence == toks[i].Sentence {
		first--
	}
	if first == 0 || i-first > elidedReach {
		return subjNone
	}
	for j := first - 1; j >= 0 && j >= first-subjectReach && toks[j].Sentence == toks[first-1].Sentence; j-- {
		switch k := cs.subjects[j]; k {
		case subjSpeaker, subjOther:
			return k
		case subjStop:
			return subjNone
		}
	}
	return subjNone
}

// elidedReach is how many words may open a sentence before its verb when
// the subject is left out ("And then went with the tool").
const elidedReach = 3

// walkSubject walks back from the verb at token i through its sentence to
// its subject (see subjectOf); ok is false when the walk met nothing that
// settles it before the sentence's start.
func (cs *conceptScratch) walkSubject(toks []Token, i int) (kind uint8, ok bool) {
	joined := false
	for j := i - 1; j >= 0 && j >= i-subjectReach && toks[j].Sentence == toks[i].Sentence; j-- {
		switch k := cs.subjects[j]; k {
		case subjJoin:
			joined = true
		case subjSpeaker, subjOther:
			return k, true
		case subjStop:
			return subjNone, true
		case subjDet:
			// a determiner heads a noun before the verb ("the invitations go");
			// right before it, it is a pronoun object ("I weighed those, decided");
			// in a clause before the verb's, it is the object of another verb
			// ("she laughed at the third one, took the first")
			if j >= i-detReach && j < i-1 && !joined && !clauseBetween(toks, j, i) {
				return subjNone, true
			}
		case subjObjSpeaker, subjObjOther:
			if j == i-1 || j == i-2 && cs.subjects[i-1] == subjTo {
				if k == subjObjSpeaker {
					return subjSpeaker, true
				}
				return subjOther, true
			}
		}
	}
	return subjNone, false
}

// clauseBetween reports whether a clause ends between tokens j and i.
func clauseBetween(toks []Token, j, i int) bool {
	for k := j; k < i; k++ {
		if toks[k].Flags&ClauseEnd != 0 {
			return true
		}
	}
	return false
}

// subjectKind maps a MatchSpec.Subject to the subject kind it asks for.
func subjectKind(s string) uint8 {
	switch s {
	case SubjectSpeaker:
		return subjSpeaker
	case SubjectOther:
		return subjOther
	case SubjectNotSpeaker:
		return subjNotSpeaker
	}
	return subjNone
}

// subjectFits reports whether a verb whose subject is got fits a line that
// asks for want (subjNone: whoever).
func subjectFits(want, got uint8) bool {
	switch want {
	case subjNone:
		return true
	case subjNotSpeaker:
		return got != subjSpeaker
	}
	return got == want
}
