package ui

import (
	"fmt"
	"image/color"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
	"github.com/rehearse-app/rehearse/review"
)

// reviewTranscript is the transcript with its highlights, or a note
// saying why there is none.
type reviewTranscript struct {
	view      *transcriptView
	emptyNote *widget.Label
	box       fyne.CanvasObject
}

func (s *reviewScreen) buildTranscript() {
	s.text.view = newTranscriptView(s.kinds)
	s.text.view.onWord = s.onWordTapped
	s.text.view.onInsert = s.onInsertTapped
	s.text.view.onRange = s.onRangeSelected
	s.text.emptyNote = widget.NewLabel("")
	s.text.emptyNote.Wrapping = fyne.TextWrapWord
	// The transcript's width is held whether or not there is one yet, so
	// the screen does not shift when it arrives.
	holdWidth := canvas.NewRectangle(color.Transparent)
	holdWidth.SetMinSize(fyne.NewSize(transcriptMinWidth, 0))
	s.text.box = container.NewBorder(nil, nil, nil, nil, container.NewStack(holdWidth, s.text.view, container.NewVBox(s.text.emptyNote)))
}

// showTranscript shows the transcript with its findings highlighted,
// markers for pauses and notes, and the current selection.
func (s *reviewScreen) showTranscript() {
	if !s.hasTranscript() {
		s.text.view.Hide()
		msg := "No transcript yet."
		var m review.Metrics
		if s.report != nil {
			m = s.report.Metrics
		}
		switch {
		case m.WPMAudio > 0:
			msg += fmt.Sprintf(" The review so far is from the recording alone: your pace (about %.0f words a minute), "+
				"pauses and likely hesitations. Talking points, structure and agency need your words.", m.WPMAudio)
		case m.DurationS > 0 && m.SpeakingS == 0:
			msg += " The recording holds no speech, so there is nothing to review: was the microphone muted? Retake the question."
		}
		if s.deps.Transcription == nil {
			msg += " Use “Type transcript” to type or paste what was said; the full review runs on it."
		} else {
			msg += " Transcribe the take, or type it in with “Type transcript”."
		}
		s.text.emptyNote.SetText(msg)
		s.text.emptyNote.Show()
		return
	}
	s.text.emptyNote.Hide()
	s.text.view.Show()
	text := s.take.Transcript.Text
	var marks []textMark
	var inserts []textInsert
	if s.report != nil {
		for _, tp := range s.report.TalkingPoints {
			if tp.Covered && tp.End > tp.Start {
				marks = append(marks, textMark{tp.Start, tp.End, kindTalkingPoint})
			}
		}
		// Paint the wide stretches first, the word-level flags on top.
		for pass := 0; pass < 2; pass++ {
			for i, f := range s.report.Findings {
				k := s.kinds.ofRule(f.Rule)
				show := s.kinds.info(k).show
				if (pass == 0) != (show == review.ShowStretch) {
					continue
				}
				switch {
				case f.End > f.Start:
					marks = append(marks, textMark{f.Start, f.End, k})
				case pass == 1 && f.HasTime && (show == review.ShowPause || show == review.ShowGap):
					inserts = append(inserts, s.timeMarker(i, f, k, show))
				}
			}
		}
	}
	var noteSpans []textMark
	for i, n := range s.takeNotes() {
		switch {
		case n.Start >= 0 && n.End >= n.Start:
			noteSpans = append(noteSpans, textMark{n.Start, min(n.End, len(text)), kindNote})
			inserts = append(inserts, textInsert{at: min(n.End, len(text)), text: fmt.Sprintf(" [note %d]", i+1), kind: kindNote, id: i})
		case n.Time >= 0 && s.tl != nil:
			inserts = append(inserts, textInsert{at: s.tl.OffsetAt(n.Time), text: fmt.Sprintf("[note %d] ", i+1), kind: kindNote, id: i})
		}
	}
	s.text.view.SetContent(text, marks, inserts, noteSpans)
	s.showSelection()
}

// timeMarker is the marker of finding i that has a time but no words: a
// pause ("[pause 2.8 s]") or a likely untranscribed filler ("[um?]").
func (s *reviewScreen) timeMarker(i int, f review.Finding, k spanKind, show string) textInsert {
	at := f.Start
	if !s.tl.Timed() {
		at = s.tl.OffsetAt(f.TimeStart)
	}
	label := "[pause " + strconv.FormatFloat(f.TimeEnd-f.TimeStart, 'f', 1, 64) + " s] "
	if show == review.ShowGap {
		label = "[um?] "
	}
	return textInsert{at: at, text: label, kind: k, id: i}
}

// showSelection shows the selected stretch (or the current finding's span).
func (s *reviewScreen) showSelection() {
	a, b := s.selA, s.selB
	if a < 0 && s.current >= 0 && s.report != nil {
		f := s.report.Findings[s.current]
		if f.End > f.Start {
			a, b = f.Start, f.End
		}
	}
	s.text.view.Select(a, b)
}

// onWordTapped selects the tapped word and plays from it.
func (s *reviewScreen) onWordTapped(off int) {
	if s.tl == nil {
		return
	}
	a, b := review.WordBounds(s.tl.Text(), off)
	if a >= b {
		return
	}
	s.selectText(a, b)
	s.updateAnchorHint()
	s.playFromText(a)
}

// onRangeSelected selects a stretch dragged across (for a note).
func (s *reviewScreen) onRangeSelected(a, b int) {
	s.selectText(a, b)
	s.updateAnchorHint()
}

// selectText selects the stretch [a, b) of the transcript in place of the
// current finding.
func (s *reviewScreen) selectText(a, b int) {
	s.current = -1
	s.highlightFindingRow()
	s.selA, s.selB = a, b
	s.showSelection()
}

// playFromText plays from the time of byte offset off, saying how that
// time was found.
func (s *reviewScreen) playFromText(off int) {
	t, basis := s.tl.TimeAt(off)
	s.playback.seekBasis = basis
	s.showSeekBasis()
	s.playFrom(t)
}

// onInsertTapped handles a tap on a marker: a pause plays from the pause,
// a note opens in the notes tab.
func (s *reviewScreen) onInsertTapped(id int, k spanKind) {
	if k == kindNote {
		notes := s.takeNotes()
		if id < len(notes) {
			s.tabs.SelectIndex(2)
			s.onEditNote(notes[id].ID)
		}
		return
	}
	s.selectFinding(id, true)
}
