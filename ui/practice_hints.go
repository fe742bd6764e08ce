package ui

import (
	"fmt"
	"math"

	"github.com/rehearse-app/rehearse/audio"
)

// silentPeak is the loudest a take may be (0..1 of full scale, -40 dBFS)
// and still count as silence: speech into a working microphone peaks far
// above it, a muted or wrong input device stays below.
const silentPeak = 0.01

// silentTake reports whether a saved take heard nothing.
func silentTake(res audio.Result) bool {
	return res.Frames > 0 && res.Peak < silentPeak
}

// silentTakeWarning says that a take is silent, how loud it got and what
// to check.
func silentTakeWarning(peak float32) string {
	loudest := "no sound at all"
	if peak > 0 {
		loudest = fmt.Sprintf("its loudest moment was %.0f dBFS", 20*math.Log10(float64(peak)))
	}
	return "This take is silent: the microphone picked up nothing (" + loudest + "). " +
		"Check that the microphone is not muted and that the input device in Settings is the one you speak into " +
		"(Settings › Test microphone shows its level), then Retake."
}

// showTakeWarning shows a warning about the take just saved; empty hides it.
func (p *practiceScreen) showTakeWarning(text string) {
	p.takeWarn.SetText(text)
	if text == "" {
		p.takeWarn.Hide()
	} else {
		p.takeWarn.Show()
	}
}

// onQuestion shows the picked question in full under the picker, so a
// prompt cut short in the list can be read before starting.
func (p *practiceScreen) onQuestion() {
	qs := p.questionsInCategory()
	i := p.pick.question.SelectedIndex()
	if i < 0 || i >= len(qs) {
		p.pick.preview.SetText("")
		p.pick.preview.Hide()
		return
	}
	p.pick.preview.SetText(qs[i].Prompt)
	p.pick.preview.Show()
}
