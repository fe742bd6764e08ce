package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"

	"github.com/rehearse-app/rehearse/app"
	"github.com/rehearse-app/rehearse/audio"
)

// enter shows state st and starts what its phase needs: reading the
// question aloud, the think-time countdown or the recording.
func (p *practiceScreen) enter(st practiceState) {
	switch st.Phase {
	case phaseSpeaking:
		p.askQuestion(st)
	case phaseThinking:
		p.startThinking()
	case phaseRecording:
		p.startRecording()
	case phaseFinished:
		p.cancelPhase()
		p.render(st)
		p.progress.SetText(fmt.Sprintf("Session finished · %d question(s)", len(st.Questions)))
		p.prompt.SetText("Well done. Review your takes, or pick new questions above.")
		p.status.SetText("")
		p.timer.SetText("")
		if p.fu.failed != "" { // the last follow-up of an interview did not come
			p.addNotice(p.fu.failed)
			p.fu.failed = ""
		}
	default:
		p.render(st)
	}
}

// askQuestion shows the current question and reads it aloud.
func (p *practiceScreen) askQuestion(st practiceState) {
	q := st.Question()
	p.progress.SetText(progressText(st))
	p.prompt.SetText(q.Prompt)
	p.render(st)
	p.timer.SetText("")
	p.setNotice(p.micNote)
	if note := p.interviewNote(st); note != "" {
		p.addNotice(note)
	}
	p.cal.refresh(p.deps.Store) // for the live meter, before recording starts
	ctx := p.newPhaseContext()
	speaker, err := p.speaker()
	if err != nil || speaker == nil {
		if err != nil {
			p.addNotice(fmt.Sprintf("Not reading the question aloud: %v", err))
		}
		p.enter(p.run.Asked())
		return
	}
	p.status.SetText("Reading the question aloud…")
	go func() {
		err := speaker.Say(ctx, q.Prompt)
		p.do(func() {
			if ctx.Err() != nil || p.run.State().Phase != phaseSpeaking {
				return // skipped or superseded
			}
			if err != nil {
				p.addNotice(fmt.Sprintf("Could not read the question aloud: %v", err))
			}
			p.enter(p.run.Asked())
		})
	}()
}

// startThinking runs the think-time countdown, then starts recording.
func (p *practiceScreen) startThinking() {
	p.render(p.run.State())
	think := p.thinkTime()
	ctx := p.newPhaseContext()
	end := time.Now().Add(think)
	p.showThink(think)
	go func() {
		t := time.NewTicker(200 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case now := <-t.C:
				left := end.Sub(now)
				p.do(func() {
					if ctx.Err() != nil || p.run.State().Phase != phaseThinking {
						return
					}
					if left <= 0 {
						p.enter(p.run.TimeUp())
						return
					}
					p.showThink(left)
				})
				if left <= 0 {
					return
				}
			}
		}
	}()
}

func (p *practiceScreen) showThink(left time.Duration) {
	secs := int((left + time.Second - 1) / time.Second)
	p.status.SetText(fmt.Sprintf("Think time: %d s — recording starts when it runs out (Skip to start now).", secs))
	p.timer.SetText(fmt.Sprintf("%d s", secs))
}

// startRecording records the answer to the current question.
func (p *practiceScreen) startRecording() {
	p.cancelPhase()
	if p.deps.Recorder == nil {
		p.render(p.run.Failed())
		p.status.SetText("No microphone: type your answer on the Review screen, or pick Next.")
		return
	}
	st := p.run.State()
	pending, err := p.deps.Store.BeginTake(st.SessionID, st.Title, st.Questions, st.Question().ID)
	p.run.InSession(pending.SessionID) // created even when the take file was not
	if err != nil {
		p.notify(err)
		p.render(p.run.Failed())
		return
	}
	p.limit = p.answerTime()
	levels := make(chan audio.Level, 1)
	var pace chan audio.LivePace
	if !p.deps.Prefs.Bool(app.PrefLivePaceOff) {
		pace = make(chan audio.LivePace, 1)
	}
	ctx := p.newPhaseContext()
	rec, err := p.deps.Recorder.Record(ctx, audio.RecordOptions{
		Device:      p.deps.Prefs.String(app.PrefInputDevice),
		Path:        pending.Path,
		MaxFrames:   int64(p.limit.Seconds() * audio.TakeRate),
		Levels:      levels,
		Pace:        pace,
		PaceOptions: paceOptions(p.deps.Reviewer, p.cal.get()),
	})
	if err != nil {
		p.notify(fmt.Errorf("could not start recording: %w", err))
		p.render(p.run.Failed())
		p.status.SetText("Recording did not start. Check the input device in Settings, then Retake.")
		return
	}
	p.recording, p.pending, p.recStart = rec, pending, time.Now()
	p.showTakeWarning("")
	p.render(p.run.Recording(pending.SessionID, pending.TakeID))
	const usual = "Recording — answer out loud. Press Stop or Space when you are done."
	p.status.SetText(usual)
	if pace != nil {
		p.live.start(usual)
	}
	p.showElapsed(0)
	go p.watchRecording(ctx, rec, levels, pace)
}

// watchRecording relays levels to the meter and finishes the take when it
// ends by itself (time limit or device lost).
func (p *practiceScreen) watchRecording(ctx context.Context, rec *audio.Recording, levels <-chan audio.Level, pace <-chan audio.LivePace) {
	tick := time.NewTicker(250 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case lv := <-levels:
			p.do(func() {
				if p.recording == rec {
					p.meter.SetLevel(lv.RMS, lv.Peak)
				}
			})
		case lp := <-pace: // nil when the live pace is off: never ready
			p.do(func() {
				if p.recording == rec {
					p.live.reading(lp, time.Since(p.recStart), p.limit)
				}
			})
		case <-tick.C:
			p.do(func() {
				if p.recording == rec {
					p.showElapsed(time.Since(p.recStart))
					if pace != nil {
						p.live.tick(time.Since(p.recStart), p.limit)
					}
				}
			})
		case <-rec.Done():
			p.do(func() { p.finishTake(rec) })
			return
		case <-ctx.Done():
			return
		}
	}
}

func (p *practiceScreen) showElapsed(d time.Duration) {
	p.timer.SetText(fmt.Sprintf("%s / %s", clock(d), clock(p.limit)))
}

// finishTake stops the recording (if still running) and saves the take.
// It is safe to call twice for the same recording.
func (p *practiceScreen) finishTake(rec *audio.Recording) {
	if p.recording != rec || rec == nil {
		return
	}
	p.recording = nil
	res, err := rec.Stop()
	p.cancelPhase()
	p.meter.SetLevel(0, 0)
	p.live.stop()
	p.render(p.run.Stop())
	// The timer row now shows the take as saved, not the last tick.
	p.timer.SetText(clock(res.Duration))
	if err != nil && res.Frames == 0 {
		p.notify(fmt.Errorf("recording failed: %w", err))
		p.status.SetText("Nothing was recorded. Check the input device in Settings, then Retake.")
		return
	}
	pending := p.pending
	if _, err := p.deps.Store.FinishTake(pending, res.Duration); err != nil {
		p.notify(fmt.Errorf("saving the take (the recording is kept at %s): %w", pending.Path, err))
		return
	}
	p.linkFollowUp(pending.SessionID, pending.TakeID)
	st := p.run.Saved(res.Duration)
	p.takeList.SetText("Takes in this session:\n" + strings.Join(st.Takes, "\n"))
	p.status.SetText(savedText(res))
	silent := silentTake(res)
	if silent {
		p.showTakeWarning(silentTakeWarning(res.Peak))
	}
	if p.deps.TakeFinished != nil {
		p.deps.TakeFinished(pending.SessionID, pending.TakeID)
	}
	p.afterTake(silent)
}

// savedText says how a take was saved.
func savedText(res audio.Result) string {
	msg := fmt.Sprintf("Saved a %s take.", clock(res.Duration))
	if res.Err != nil {
		msg = fmt.Sprintf("The input device stopped (%v); the %s captured before that were saved.", res.Err, clock(res.Duration))
	} else if res.Overflows > 0 {
		msg += fmt.Sprintf(" (%d input overflows: the machine was busy and a little audio may be missing.)", res.Overflows)
	}
	return msg
}

func (p *practiceScreen) onSkip() {
	if p.skipFollowUpReading() {
		return
	}
	before := p.run.State().Phase
	if st := p.run.Skip(); st.Phase != before {
		p.cancelPhase()
		p.enter(st)
	}
}

func (p *practiceScreen) onStop() {
	if p.run.State().Phase == phaseRecording && p.recording != nil {
		p.finishTake(p.recording)
	}
}

func (p *practiceScreen) onRetake() {
	if st := p.run.State(); !st.Started || st.Phase != phaseDone {
		return
	}
	p.enter(p.run.Retake())
}

func (p *practiceScreen) onNext() {
	if !p.run.State().Started {
		return
	}
	if p.run.State().Phase == phaseRecording {
		p.onStop()
	}
	p.cancelPhase()
	p.enter(p.run.Next())
}

func (p *practiceScreen) onReview() {
	st := p.run.State()
	if st.SessionID == "" || st.LastTake == "" || p.review == nil {
		return
	}
	p.review(st.SessionID, st.LastTake)
}

// onKey handles Space: stop recording, or skip the countdown.
func (p *practiceScreen) onKey(ev *fyne.KeyEvent) {
	if ev.Name != fyne.KeySpace {
		return
	}
	switch p.run.State().Phase {
	case phaseRecording:
		p.onStop()
	case phaseSpeaking, phaseThinking, phaseDone:
		p.onSkip() // in phaseDone, only while a follow-up is read aloud
	}
}

// newPhaseContext cancels the previous phase's goroutine and returns the
// context of the next one.
func (p *practiceScreen) newPhaseContext() context.Context {
	p.cancelPhase()
	ctx, cancel := context.WithCancel(context.Background())
	p.cancel = cancel
	return ctx
}

// cancelPhase stops the current phase's goroutine (reading aloud, the
// countdown, a follow-up being read).
func (p *practiceScreen) cancelPhase() {
	p.fu.reading = false
	if p.cancel != nil {
		p.cancel()
		p.cancel = nil
	}
}

// render enables the controls that make sense in st and shows or hides
// the meter row and the coaching notes.
func (p *practiceScreen) render(st practiceState) {
	ph := st.Phase
	enable(p.ctl.skip, ph == phaseSpeaking || ph == phaseThinking || p.fu.reading && ph == phaseDone)
	enable(p.ctl.stop, ph == phaseRecording)
	enable(p.ctl.retake, ph == phaseDone)
	enable(p.ctl.next, ph == phaseDone && st.Started)
	enable(p.ctl.review, (ph == phaseDone || ph == phaseFinished) && st.LastTake != "")
	busy := ph == phaseSpeaking || ph == phaseThinking || ph == phaseRecording
	enable(p.pick.startOne, !busy)
	enable(p.pick.startDrill, !busy)
	enable(p.pick.startInterview, !busy)
	if ph == phaseDone && st.Last() {
		p.ctl.next.SetText("Finish")
	} else {
		p.ctl.next.SetText("Next question")
	}
	if ph != phaseRecording {
		p.meter.SetLevel(0, 0)
	}
	// The meter row stays in place once a run starts, so the buttons
	// below it never move between phases.
	if ph == phaseIdle {
		p.meterRow.Hide()
		p.status.SetText("")
		p.timer.SetText("")
	} else {
		p.meterRow.Show()
	}
	// The coaching notes are shown once the answer is given, not before.
	if ph == phaseDone && st.Started {
		p.guide.SetText(strongAnswer(st.Question()))
		p.guideBox.Show()
	} else {
		p.guideBox.CloseAll()
		p.guideBox.Hide()
	}
	p.renderFollowUp(st)
}

// shutdown stops whatever is running; a take being recorded is saved.
func (p *practiceScreen) shutdown() {
	if p.recording != nil {
		p.onStop()
	}
	p.cancelPhase()
	p.cal.wait()
}
