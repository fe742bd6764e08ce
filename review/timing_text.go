package review

import (
	"sort"
	"strings"
)

// TimeBasis says how a time in the recording was found for a place in the
// transcript text.
type TimeBasis string

// The ways Timeline finds a time, best first.
const (
	BasisWord     TimeBasis = "word timings"
	BasisFinding  TimeBasis = "the finding's time"
	BasisSegment  TimeBasis = "segment timings (estimated within the segment)"
	BasisEstimate TimeBasis = "an estimate from the text position (the transcript has no timings)"
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

// Timeline maps between places in a transcript's text and times in its
// recording: word timings first, segments next, and a proportional
// estimate when the transcript has neither. It is read-only once built.
type Timeline struct {
	text     string
	duration float64
	words    []textWord
	segs     []textSegment
	timed    bool // at least one word has a time
}

// NewTimeline aligns the transcript's timed words and segments with its
// text (tr may be nil). duration is the recording's length, for estimates;
// when it is not positive the transcript's own duration is used.
func NewTimeline(tr *Transcript, duration float64) *Timeline {
	tl := &Timeline{duration: duration}
	if tr == nil {
		return tl
	}
	tl.text = tr.Text
	if tl.duration <= 0 {
		tl.duration = tr.Duration
	}
	for i := 0; i < len(tl.text); {
		a, b := WordBounds(tl.text, i)
		if b > a {
			tl.words = append(tl.words, textWord{start: a, end: b})
		}
		i = max(b, i+1)
	}
	tl.timeWords(tr.Words)
	tl.placeSegments(tr.Segments)
	return tl
}

// timeWords gives the text's words the times of the transcribed words
// they align with (see alignWords), ignoring case and punctuation.
func (tl *Timeline) timeWords(words []Word) {
	var a, b []string
	var aIdx, bIdx []int
	for k, tw := range tl.words {
		if norm := NormalizeWord(tl.text[tw.start:tw.end]); norm != "" {
			a, aIdx = append(a, norm), append(aIdx, k)
		}
	}
	for i, w := range words {
		if norm := NormalizeWord(w.Word); norm != "" {
			b, bIdx = append(b, norm), append(bIdx, i)
		}
	}
	for _, p := range alignWords(len(a), len(b), func(i, j int) bool { return a[i] == b[j] }) {
		tw, w := &tl.words[aIdx[p[0]]], words[bIdx[p[1]]]
		tw.t0, tw.t1, tw.timed = w.Start, w.End, true
		tl.timed = true
	}
}

// placeSegments finds each segment's text in the transcript, in order.
func (tl *Timeline) placeSegments(segs []Segment) {
	cursor := 0
	for _, s := range segs {
		st := strings.TrimSpace(s.Text)
		if st == "" || cursor >= len(tl.text) {
			continue
		}
		if i := strings.Index(tl.text[cursor:], st); i >= 0 {
			a := cursor + i
			tl.segs = append(tl.segs, textSegment{start: a, end: a + len(st), t0: s.Start, t1: s.End})
			cursor = a + len(st)
		}
	}
}

// Text is the transcript text the timeline maps.
func (tl *Timeline) Text() string { return tl.text }

// Timed reports whether at least one word of the text has a time.
func (tl *Timeline) Timed() bool { return tl.timed }

// wordAt returns the index of the word holding off, or of the first word
// after it; len(words) when none.
func (tl *Timeline) wordAt(off int) int {
	return sort.Search(len(tl.words), func(i int) bool { return tl.words[i].end > off })
}

// TimeAt returns the time of byte offset off and how it was found.
func (tl *Timeline) TimeAt(off int) (float64, TimeBasis) {
	if i := tl.wordAt(off); i < len(tl.words) && tl.words[i].timed {
		return tl.words[i].t0, BasisWord
	}
	for _, s := range tl.segs {
		if off >= s.start && off < s.end {
			f := float64(off-s.start) / float64(max(s.end-s.start, 1))
			return s.t0 + f*(s.t1-s.t0), BasisSegment
		}
	}
	if tl.duration > 0 && len(tl.text) > 0 {
		return float64(off) / float64(len(tl.text)) * tl.duration, BasisEstimate
	}
	return 0, BasisEstimate
}

// FindingTime returns where in the recording a finding is: its own time
// when the reviewer gave one, else the time of its span.
func (tl *Timeline) FindingTime(f Finding) (float64, TimeBasis) {
	if f.HasTime {
		return f.TimeStart, BasisFinding
	}
	return tl.TimeAt(f.Start)
}

// OffsetAt returns the byte offset of the word spoken at sec (the last
// word starting at or before it).
func (tl *Timeline) OffsetAt(sec float64) int {
	if tl.timed {
		best := -1
		for _, w := range tl.words {
			if w.timed && w.t0 <= sec+0.001 {
				best = w.start
			}
		}
		return max(best, 0)
	}
	for _, s := range tl.segs {
		if sec >= s.t0 && sec < s.t1 {
			f := (sec - s.t0) / max(s.t1-s.t0, 0.001)
			return WordStart(tl.text, s.start+int(f*float64(s.end-s.start)))
		}
	}
	if tl.duration > 0 && len(tl.text) > 0 {
		off := int(sec / tl.duration * float64(len(tl.text)))
		return WordStart(tl.text, min(max(off, 0), len(tl.text)))
	}
	return 0
}

// SpokenAt returns the span of the timed word being spoken at sec (held
// for a moment after it ends), or -1, -1.
func (tl *Timeline) SpokenAt(sec float64) (int, int) {
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

// WordBounds returns the byte span of the whitespace-separated word of
// text holding off (or of the word after off when it is on a space);
// len(text), len(text) past the end.
func WordBounds(text string, off int) (int, int) {
	if off >= len(text) {
		return len(text), len(text)
	}
	for off < len(text) && isSpaceByte(text[off]) {
		off++
	}
	a, b := off, off
	for a > 0 && !isSpaceByte(text[a-1]) {
		a--
	}
	for b < len(text) && !isSpaceByte(text[b]) {
		b++
	}
	return a, b
}

// WordStart returns the start of the word WordBounds finds at off.
func WordStart(text string, off int) int { a, _ := WordBounds(text, off); return a }

func isSpaceByte(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }
