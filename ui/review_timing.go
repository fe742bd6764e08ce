package ui

import (
	"sort"
	"strings"

	"github.com/rehearse-app/rehearse/review"
)

// How a time in the recording was found for a place in the transcript.
const (
	basisWord     = "word timings"
	basisFinding  = "the finding's time"
	basisSegment  = "segment timings (estimated within the segment)"
	basisEstimate = "an estimate from the text position (the transcript has no timings)"
)

// textWord is one whitespace-separated word of the transcript text, with
// its time when the transcriber gave one.
type textWord struct {
	start, end int // byte span in the text
	t0, t1     float64
	timed      bool
}

// textSegment is a transcript segment located in the text.
type textSegment struct {
	start, end int
	t0, t1     float64
}

// timeline maps between places in the transcript text and times in the
// recording: word timings first, segments next, and a proportional
// estimate when the transcript has neither.
type timeline struct {
	text     string
	duration float64
	words    []textWord
	segs     []textSegment
	timed    bool // at least one word has a time
}

// newTimeline aligns the transcript's timed words and segments with its
// text. duration is the recording's length (for estimates).
func newTimeline(tr *review.Transcript, duration float64) *timeline {
	tl := &timeline{duration: duration}
	if tr == nil {
		return tl
	}
	tl.text = tr.Text
	if tl.duration <= 0 {
		tl.duration = tr.Duration
	}
	text := tr.Text
	for i := 0; i < len(text); {
		for i < len(text) && isSpaceByte(text[i]) {
			i++
		}
		j := i
		for j < len(text) && !isSpaceByte(text[j]) {
			j++
		}
		if j > i {
			tl.words = append(tl.words, textWord{start: i, end: j})
		}
		i = j
	}
	// Match timed words to text words in order, resynchronising over a
	// short look-ahead when the two disagree (edited or split words).
	const look = 8
	wi := 0
	for k := range tl.words {
		tw := &tl.words[k]
		norm := review.NormalizeWord(text[tw.start:tw.end])
		if norm == "" {
			continue
		}
		for d := 0; d < look && wi+d < len(tr.Words); d++ {
			if review.NormalizeWord(tr.Words[wi+d].Word) == norm {
				w := tr.Words[wi+d]
				tw.t0, tw.t1, tw.timed = w.Start, w.End, true
				tl.timed = true
				wi += d + 1
				break
			}
		}
	}
	cursor := 0
	for _, s := range tr.Segments {
		st := strings.TrimSpace(s.Text)
		if st == "" || cursor >= len(text) {
			continue
		}
		if i := strings.Index(text[cursor:], st); i >= 0 {
			a := cursor + i
			tl.segs = append(tl.segs, textSegment{start: a, end: a + len(st), t0: s.Start, t1: s.End})
			cursor = a + len(st)
		}
	}
	return tl
}

// wordAt returns the index of the word holding off, or of the first word
// after it; len(words) when none.
func (tl *timeline) wordAt(off int) int {
	return sort.Search(len(tl.words), func(i int) bool { return tl.words[i].end > off })
}

// timeAt returns the time of byte offset off and how it was found.
func (tl *timeline) timeAt(off int) (float64, string) {
	if i := tl.wordAt(off); i < len(tl.words) && tl.words[i].timed {
		return tl.words[i].t0, basisWord
	}
	for _, s := range tl.segs {
		if off >= s.start && off < s.end {
			f := float64(off-s.start) / float64(max(s.end-s.start, 1))
			return s.t0 + f*(s.t1-s.t0), basisSegment
		}
	}
	if tl.duration > 0 && len(tl.text) > 0 {
		return float64(off) / float64(len(tl.text)) * tl.duration, basisEstimate
	}
	return 0, basisEstimate
}

// findingTime returns where in the recording a finding is: its own time
// when the reviewer gave one, else the time of its span.
func (tl *timeline) findingTime(f review.Finding) (float64, string) {
	if f.HasTime {
		return f.TimeStart, basisFinding
	}
	return tl.timeAt(f.Start)
}

// offsetAt returns the byte offset of the word spoken at sec (the last
// word starting at or before it).
func (tl *timeline) offsetAt(sec float64) int {
	if tl.timed {
		best := -1
		for _, w := range tl.words {
			if w.timed && w.t0 <= sec+0.001 {
				best = w.start
			}
		}
		if best >= 0 {
			return best
		}
		return 0
	}
	for _, s := range tl.segs {
		if sec >= s.t0 && sec < s.t1 {
			f := (sec - s.t0) / max(s.t1-s.t0, 0.001)
			return wordStartOf(tl.text, s.start+int(f*float64(s.end-s.start)))
		}
	}
	if tl.duration > 0 && len(tl.text) > 0 {
		off := int(sec / tl.duration * float64(len(tl.text)))
		return wordStartOf(tl.text, min(max(off, 0), len(tl.text)))
	}
	return 0
}

// spokenAt returns the span of the timed word being spoken at sec (held
// for a moment after it ends), or -1, -1.
func (tl *timeline) spokenAt(sec float64) (int, int) {
	const hold = 0.4
	last := -1
	for i, w := range tl.words {
		if !w.timed {
			continue
		}
		if w.t0 > sec {
			break
		}
		last = i
	}
	if last >= 0 && sec < tl.words[last].t1+hold {
		return tl.words[last].start, tl.words[last].end
	}
	return -1, -1
}
