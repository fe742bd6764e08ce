package ui

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/rehearse-app/rehearse/app"
	"github.com/rehearse-app/rehearse/audio"
	"github.com/rehearse-app/rehearse/review"
	"github.com/rehearse-app/rehearse/session"
)

// sampleRate is the rate every take is stored at.
const sampleRate = 16000

// phase is where the practice screen is in the flow of one question.
type phase int

const (
	phaseIdle      phase = iota // picking questions
	phaseSpeaking               // the question is being read aloud
	phaseThinking               // think-time countdown
	phaseRecording              // recording the answer
	phaseDone                   // take saved; retake, next or review
	phaseFinished               // every question of the run answered
)

const allCategories = "All categories"

// practiceScreen runs a practice session: pick questions, hear each one,
// think, answer out loud, and keep every take in one session.
type practiceScreen struct {
	deps   Deps
	win    fyne.Window
	notify func(err error)
	review func(sessionID, takeID string)
	rng    *rand.Rand
	// do runs f on the UI goroutine: fyne.Do, or a test's own queue.
	do func(f func())

	// state
	phase     phase
	run       []review.Question // questions of this run, in order
	index     int               // current question in run
	sess      *session.Session
	lastTake  string
	cancel    context.CancelFunc // cancels the current phase's goroutine
	recording *audio.Recording
	recStart  time.Time
	recPath   string
	title     string      // of the session the run's first take creates
	micNote   string      // why there is no microphone, if there is none
	takeCount map[int]int // takes saved per question index
	limit     time.Duration
	takes     []string // "Q1 take 2 — 1:04" lines for the takes list

	// widgets
	category   *widget.Select
	question   *widget.Select
	drillSize  *widget.Select
	startOne   *widget.Button
	startDrill *widget.Button
	progress   *widget.Label
	prompt     *widget.Label
	status     *widget.Label
	timer      *widget.Label
	meter      *levelMeter
	skip       *widget.Button
	stop       *widget.Button
	retake     *widget.Button
	next       *widget.Button
	reviewBtn  *widget.Button
	notice     *widget.Label
	preview    *widget.Label // the picked question in full, before starting
	takeWarn   *widget.Label // what is wrong with the take just saved (silence)
	takeList   *widget.Label
	guide      *widget.Label
	guideBox   *widget.Accordion
	welcome    *welcomePanel // first-run panel; openSettings is set by the App
	meterRow   *fyne.Container
	content    fyne.CanvasObject
}

func newPracticeScreen(deps Deps, win fyne.Window, notify func(error), openReview func(string, string)) *practiceScreen {
	p := &practiceScreen{deps: deps, win: win, notify: notify, review: openReview,
		rng: rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 7)), do: fyne.Do}
	p.build()
	return p
}

func (p *practiceScreen) build() {
	cats := []string{allCategories}
	for _, c := range review.Categories {
		cats = append(cats, review.CategoryTitle(c))
	}
	p.category = widget.NewSelect(cats, func(string) { p.onCategory() })
	p.question = widget.NewSelect(nil, func(string) { p.onQuestion() })
	p.question.PlaceHolder = "(pick a question)"
	p.preview = widget.NewLabel("")
	p.preview.Wrapping = fyne.TextWrapWord
	p.preview.Hide()
	p.takeWarn = widget.NewLabel("")
	p.takeWarn.Wrapping = fyne.TextWrapWord
	p.takeWarn.Importance = widget.DangerImportance
	p.takeWarn.TextStyle = fyne.TextStyle{Bold: true}
	p.takeWarn.Hide()
	p.drillSize = widget.NewSelect([]string{"3", "5", "8"}, func(s string) {
		p.deps.Prefs.SetString(app.PrefDrillSize, s)
	})
	p.drillSize.SetSelected(p.deps.Prefs.StringWithFallback(app.PrefDrillSize, "3"))
	p.startOne = widget.NewButtonWithIcon("Practise this question", theme.MediaPlayIcon(), p.onStartOne)
	p.startOne.Importance = widget.HighImportance
	p.startDrill = widget.NewButtonWithIcon("Start drill", theme.MediaReplayIcon(), p.onStartDrill)

	p.progress = widget.NewLabel("")
	p.progress.TextStyle = fyne.TextStyle{Bold: true}
	p.prompt = widget.NewLabel("Pick a question, or a drill of random questions, and press start. " +
		"Each question is read aloud, then you get a moment to think before recording starts.")
	p.prompt.Wrapping = fyne.TextWrapWord
	p.prompt.SizeName = theme.SizeNameSubHeadingText
	p.status = widget.NewLabel("")
	p.timer = widget.NewLabel("")
	p.timer.TextStyle = fyne.TextStyle{Monospace: true}
	p.meter = newLevelMeter()
	p.skip = widget.NewButtonWithIcon("Skip", theme.MediaFastForwardIcon(), p.onSkip)
	p.stop = widget.NewButtonWithIcon("Stop (Space)", theme.MediaStopIcon(), p.onStop)
	p.stop.Importance = widget.DangerImportance
	p.retake = widget.NewButtonWithIcon("Retake", theme.MediaReplayIcon(), p.onRetake)
	p.next = widget.NewButtonWithIcon("Next question", theme.MediaSkipNextIcon(), p.onNext)
	p.reviewBtn = widget.NewButtonWithIcon("Review this take", theme.DocumentIcon(), p.onReview)
	p.notice = widget.NewLabel("")
	p.notice.Wrapping = fyne.TextWrapWord
	p.notice.Importance = widget.WarningImportance
	p.takeList = widget.NewLabel("")
	p.guide = widget.NewLabel("")
	p.guide.Wrapping = fyne.TextWrapWord
	p.guideBox = widget.NewAccordion(widget.NewAccordionItem("What a strong answer does", p.guide))
	p.guideBox.Hide()

	if p.deps.Recorder == nil {
		msg := "No microphone is available, so answers can't be recorded."
		if p.deps.RecorderErr != nil {
			msg = fmt.Sprintf("No microphone is available (%v), so answers can't be recorded. "+
				"Questions still work, and you can type answers on the Review screen.", p.deps.RecorderErr)
		}
		p.micNote = msg
	}
	p.setNotice(p.micNote)

	// The category picker is as wide as its longest title.
	catBox := container.New(layout.NewGridWrapLayout(fyne.NewSize(290, p.category.MinSize().Height)), p.category)
	picker := container.NewVBox(
		container.NewBorder(nil, nil, catBox, nil, p.question),
		p.preview,
		container.NewHBox(p.startOne, widget.NewLabel("or a random drill of"), p.drillSize,
			widget.NewLabel("questions"), p.startDrill),
	)
	controls := container.NewHBox(p.skip, p.stop, p.retake, p.next, p.reviewBtn)
	p.meterRow = container.NewBorder(nil, nil, p.timer, nil, p.meter)
	p.welcome = newWelcomePanel(p.deps.Prefs)
	body := container.NewVBox(
		p.welcome.box,
		p.progress,
		p.prompt,
		widget.NewSeparator(),
		p.status,
		p.meterRow,
		controls,
		p.takeWarn,
		p.notice,
		p.guideBox,
		widget.NewSeparator(),
		p.takeList,
	)
	p.content = container.NewBorder(container.NewVBox(picker, widget.NewSeparator()), nil, nil, nil,
		container.NewVScroll(container.NewPadded(body)))

	saved := p.deps.Prefs.StringWithFallback(app.PrefCategory, allCategories)
	p.category.SetSelected(saved)
	if p.category.Selected == "" {
		p.category.SetSelected(allCategories)
	}
	p.setPhase(phaseIdle)
}

// questionsInCategory returns the questions of the selected category.
func (p *practiceScreen) questionsInCategory() []review.Question {
	if p.deps.Bank == nil {
		return nil
	}
	if c := p.categoryID(); c != "" {
		return p.deps.Bank.ByCategory(c)
	}
	return p.deps.Bank.All()
}

// categoryID is the id of the selected category, "" for all categories.
func (p *practiceScreen) categoryID() string {
	for _, c := range review.Categories {
		if review.CategoryTitle(c) == p.category.Selected {
			return c
		}
	}
	return ""
}

func (p *practiceScreen) onCategory() {
	p.deps.Prefs.SetString(app.PrefCategory, p.category.Selected)
	qs := p.questionsInCategory()
	opts := make([]string, len(qs))
	for i, q := range qs {
		opts[i] = questionOption(q)
	}
	p.question.SetOptions(opts)
	if len(opts) > 0 {
		p.question.SetSelectedIndex(0)
	} else {
		p.question.ClearSelected()
	}
}

// reloadBank refreshes the pickers after the bank changed.
func (p *practiceScreen) reloadBank(bank *review.Bank) {
	p.deps.Bank = bank
	p.onCategory()
}

func questionOption(q review.Question) string {
	text := q.Prompt
	if r := []rune(text); len(r) > 90 {
		text = string(r[:87]) + "…"
	}
	return text
}

func (p *practiceScreen) onStartOne() {
	qs := p.questionsInCategory()
	i := p.question.SelectedIndex()
	if i < 0 || i >= len(qs) {
		p.notify(errors.New("pick a question first"))
		return
	}
	p.startRun([]review.Question{qs[i]})
}

func (p *practiceScreen) onStartDrill() {
	n, _ := strconv.Atoi(p.drillSize.Selected)
	if n <= 0 {
		n = 3
	}
	qs := p.deps.Bank.Random(n, p.categoryID(), p.rng)
	if len(qs) == 0 {
		p.notify(errors.New("there are no questions in this category"))
		return
	}
	p.startRun(qs)
}

// startRun begins a new session with the given questions.
func (p *practiceScreen) startRun(qs []review.Question) {
	p.cancelPhase()
	title := session.PromptTitle(qs[0].Prompt)
	if len(qs) > 1 {
		title = fmt.Sprintf("Drill: %d questions", len(qs))
		if c := p.categoryID(); c != "" {
			title = fmt.Sprintf("Drill: %d %s questions", len(qs), review.CategoryTitle(c))
		}
	}
	// The session is created with the first take, so a run with no
	// answer leaves no empty session in the library.
	p.sess = nil
	p.title = title
	p.run = qs
	p.index = 0
	p.takes = nil
	p.takeCount = map[int]int{}
	p.lastTake = ""
	p.takeList.SetText("")
	p.showTakeWarning("")
	p.welcome.hide() // out of the way once practice starts
	p.askQuestion()
}

// current returns the question being practised.
func (p *practiceScreen) current() review.Question { return p.run[p.index] }

// thinkTime and answerTime apply the settings' overrides, if any.
func (p *practiceScreen) thinkTime() time.Duration {
	s := p.deps.Prefs.IntWithFallback(app.PrefThinkSeconds, 0)
	if s <= 0 {
		s = p.current().ThinkSeconds
	}
	return time.Duration(s) * time.Second
}

func (p *practiceScreen) answerTime() time.Duration {
	s := p.deps.Prefs.IntWithFallback(app.PrefAnswerSeconds, 0)
	if s <= 0 {
		s = p.current().AnswerSeconds
	}
	return time.Duration(s) * time.Second
}

// askQuestion shows the current question and reads it aloud.
func (p *practiceScreen) askQuestion() {
	q := p.current()
	p.progress.SetText(fmt.Sprintf("Question %d of %d · %s", p.index+1, len(p.run), review.CategoryTitle(q.Category)))
	p.prompt.SetText(q.Prompt)
	p.setPhase(phaseSpeaking)
	p.timer.SetText("")
	p.setNotice(p.micNote)
	ctx := p.newPhaseContext()
	speaker, err := p.speaker()
	if err != nil || speaker == nil {
		if err != nil {
			p.addNotice(fmt.Sprintf("Not reading the question aloud: %v", err))
		}
		p.startThinking()
		return
	}
	p.status.SetText("Reading the question aloud…")
	go func() {
		err := speaker.Say(ctx, q.Prompt)
		p.do(func() {
			if ctx.Err() != nil || p.phase != phaseSpeaking {
				return // skipped or superseded
			}
			if err != nil {
				p.addNotice(fmt.Sprintf("Could not read the question aloud: %v", err))
			}
			p.startThinking()
		})
	}()
}

func (p *practiceScreen) speaker() (Speaker, error) {
	if p.deps.Voices == nil {
		return nil, nil
	}
	engine := p.deps.Prefs.StringWithFallback(app.PrefVoice, app.VoiceSystem)
	if engine == app.VoiceNone {
		return nil, nil
	}
	return p.deps.Voices.Speaker(engine, p.deps.Prefs.String(app.PrefVoiceName), p.deps.Prefs.String(app.PrefOutputDevice))
}

// startThinking runs the think-time countdown, then starts recording.
func (p *practiceScreen) startThinking() {
	p.setPhase(phaseThinking)
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
					if ctx.Err() != nil || p.phase != phaseThinking {
						return
					}
					if left <= 0 {
						p.startRecording()
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
		p.setPhase(phaseDone)
		p.status.SetText("No microphone: type your answer on the Review screen, or pick Next.")
		return
	}
	q := p.current()
	if p.sess == nil {
		sess, err := p.deps.Store.Create(p.title, p.run)
		if err != nil {
			p.notify(fmt.Errorf("starting a session in the library: %w", err))
			p.setPhase(phaseDone)
			return
		}
		p.sess = sess
	}
	takeID, path, err := p.deps.Store.NewTakePath(p.sess.ID, q.ID)
	if err != nil {
		p.notify(fmt.Errorf("preparing the take file: %w", err))
		p.setPhase(phaseDone)
		return
	}
	p.limit = p.answerTime()
	levels := make(chan audio.Level, 1)
	ctx := p.newPhaseContext()
	rec, err := p.deps.Recorder.Record(ctx, audio.RecordOptions{
		Device:    p.deps.Prefs.String(app.PrefInputDevice),
		Path:      path,
		MaxFrames: int64(p.limit.Seconds() * sampleRate),
		Levels:    levels,
	})
	if err != nil {
		p.notify(fmt.Errorf("could not start recording: %w", err))
		p.setPhase(phaseDone)
		p.status.SetText("Recording did not start. Check the input device in Settings, then Retake.")
		return
	}
	p.recording = rec
	p.recPath = path
	p.recStart = time.Now()
	p.showTakeWarning("")
	p.lastTake = takeID
	p.setPhase(phaseRecording)
	p.status.SetText("Recording — answer out loud. Press Stop or Space when you are done.")
	p.showElapsed(0)
	go p.watchRecording(ctx, rec, levels, takeID, path)
}

// watchRecording relays levels to the meter and finishes the take when it
// ends by itself (time limit or device lost).
func (p *practiceScreen) watchRecording(ctx context.Context, rec *audio.Recording, levels <-chan audio.Level, takeID, path string) {
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
		case <-tick.C:
			p.do(func() {
				if p.recording == rec {
					p.showElapsed(time.Since(p.recStart))
				}
			})
		case <-rec.Done():
			p.do(func() { p.finishTake(rec, takeID, path) })
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
func (p *practiceScreen) finishTake(rec *audio.Recording, takeID, path string) {
	if p.recording != rec || rec == nil {
		return
	}
	p.recording = nil
	res, err := rec.Stop()
	p.cancelPhase()
	p.meter.SetLevel(0, 0)
	p.setPhase(phaseDone)
	// The timer row now shows the take as saved, not the last tick.
	p.timer.SetText(clock(res.Duration))
	if err != nil && res.Frames == 0 {
		p.notify(fmt.Errorf("recording failed: %w", err))
		p.status.SetText("Nothing was recorded. Check the input device in Settings, then Retake.")
		return
	}
	take := session.Take{
		ID:         takeID,
		QuestionID: p.current().ID,
		Audio:      filepath.Base(path),
		Duration:   res.Duration.Seconds(),
		Created:    time.Now(),
	}
	if err := p.deps.Store.AddTake(p.sess.ID, take); err != nil {
		p.notify(fmt.Errorf("saving the take (the recording is kept at %s): %w", path, err))
		return
	}
	p.takeCount[p.index]++
	p.takes = append(p.takes, fmt.Sprintf("Question %d · take %d · %s", p.index+1, p.takeCount[p.index], clock(res.Duration)))
	p.takeList.SetText("Takes in this session:\n" + strings.Join(p.takes, "\n"))
	msg := fmt.Sprintf("Saved a %s take.", clock(res.Duration))
	if res.Err != nil {
		msg = fmt.Sprintf("The input device stopped (%v); the %s captured before that were saved.", res.Err, clock(res.Duration))
	} else if res.Overflows > 0 {
		msg += fmt.Sprintf(" (%d input overflows: the machine was busy and a little audio may be missing.)", res.Overflows)
	}
	p.status.SetText(msg)
	if silentTake(res) {
		p.showTakeWarning(silentTakeWarning(res.Peak))
	}
	if p.deps.TakeFinished != nil {
		p.deps.TakeFinished(p.sess.ID, takeID)
	}
}

func (p *practiceScreen) onSkip() {
	switch p.phase {
	case phaseSpeaking:
		p.cancelPhase()
		p.startThinking()
	case phaseThinking:
		p.startRecording()
	}
}

func (p *practiceScreen) onStop() {
	if p.phase == phaseRecording && p.recording != nil {
		rec := p.recording
		p.finishTake(rec, p.lastTake, p.recPath)
	}
}

func (p *practiceScreen) onRetake() {
	if p.run == nil || p.phase != phaseDone {
		return
	}
	p.startThinking()
}

func (p *practiceScreen) onNext() {
	if p.run == nil {
		return
	}
	if p.phase == phaseRecording {
		p.onStop()
	}
	p.cancelPhase()
	if p.index+1 >= len(p.run) {
		p.setPhase(phaseFinished)
		p.progress.SetText(fmt.Sprintf("Session finished · %d question(s)", len(p.run)))
		p.prompt.SetText("Well done. Review your takes, or pick new questions above.")
		p.status.SetText("")
		p.timer.SetText("")
		return
	}
	p.index++
	p.askQuestion()
}

func (p *practiceScreen) onReview() {
	if p.sess == nil || p.lastTake == "" || p.review == nil {
		return
	}
	p.review(p.sess.ID, p.lastTake)
}

// onKey handles Space: stop recording, or skip the countdown.
func (p *practiceScreen) onKey(ev *fyne.KeyEvent) {
	if ev.Name != fyne.KeySpace {
		return
	}
	switch p.phase {
	case phaseRecording:
		p.onStop()
	case phaseSpeaking, phaseThinking:
		p.onSkip()
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

func (p *practiceScreen) cancelPhase() {
	if p.cancel != nil {
		p.cancel()
		p.cancel = nil
	}
}

// setPhase enables the controls that make sense in phase ph.
func (p *practiceScreen) setPhase(ph phase) {
	p.phase = ph
	enable(p.skip, ph == phaseSpeaking || ph == phaseThinking)
	enable(p.stop, ph == phaseRecording)
	enable(p.retake, ph == phaseDone)
	enable(p.next, ph == phaseDone && p.run != nil)
	enable(p.reviewBtn, (ph == phaseDone || ph == phaseFinished) && p.lastTake != "")
	busy := ph == phaseSpeaking || ph == phaseThinking || ph == phaseRecording
	enable(p.startOne, !busy)
	enable(p.startDrill, !busy)
	if ph == phaseDone && p.index+1 >= len(p.run) {
		p.next.SetText("Finish")
	} else {
		p.next.SetText("Next question")
	}
	if ph != phaseRecording {
		p.meter.SetLevel(0, 0)
	}
	// The meter row stays in place once a run starts, so the buttons
	// below it never move between phases.
	if ph == phaseIdle {
		p.meterRow.Hide()
	} else {
		p.meterRow.Show()
	}
	// The coaching notes are shown once the answer is given, not before.
	if ph == phaseDone && p.run != nil {
		p.guide.SetText(strongAnswer(p.current()))
		p.guideBox.Show()
	} else {
		p.guideBox.CloseAll()
		p.guideBox.Hide()
	}
	if ph == phaseIdle {
		p.status.SetText("")
		p.timer.SetText("")
	}
}

// shutdown stops whatever is running; a take being recorded is saved.
func (p *practiceScreen) shutdown() {
	if p.recording != nil {
		p.onStop()
	}
	p.cancelPhase()
}

func enable(w fyne.Disableable, on bool) {
	if on {
		w.Enable()
	} else {
		w.Disable()
	}
}

// clock formats a duration as m:ss.
func clock(d time.Duration) string {
	s := int(d.Round(time.Second) / time.Second)
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}

// addNotice adds a line to the notice under the controls.
func (p *practiceScreen) addNotice(line string) {
	if p.notice.Text == "" {
		p.setNotice(line)
		return
	}
	p.setNotice(p.notice.Text + "\n" + line)
}

// setNotice shows text under the controls; empty hides the notice.
func (p *practiceScreen) setNotice(text string) {
	p.notice.SetText(text)
	if text == "" {
		p.notice.Hide()
	} else {
		p.notice.Show()
	}
}

// strongAnswer describes what a strong answer to q does: its notes and the
// talking points the reviewer looks for.
func strongAnswer(q review.Question) string {
	var b strings.Builder
	if n := strings.TrimSpace(q.Notes); n != "" {
		b.WriteString(n)
		b.WriteString("\n\n")
	}
	if len(q.TalkingPoints) > 0 {
		b.WriteString("Talking points:")
		for _, tp := range q.TalkingPoints {
			b.WriteString("\n• ")
			b.WriteString(tp.Label)
		}
	}
	return b.String()
}

// retakeIn records another take of question questionID in an existing
// session (from the review screen).
func (p *practiceScreen) retakeIn(sessionID, questionID string) {
	if p.phase == phaseRecording || p.phase == phaseThinking || p.phase == phaseSpeaking {
		p.notify(errors.New("finish the current question first"))
		return
	}
	sess, err := p.deps.Store.Get(sessionID)
	if err != nil {
		p.notify(fmt.Errorf("opening the session: %w", err))
		return
	}
	idx := -1
	for i, q := range sess.Questions {
		if q.ID == questionID {
			idx = i
		}
	}
	if idx < 0 {
		p.notify(fmt.Errorf("the session has no question %q", questionID))
		return
	}
	p.cancelPhase()
	p.sess = sess
	p.run = sess.Questions
	p.index = idx
	p.takes = nil
	p.takeCount = map[int]int{}
	p.lastTake = ""
	p.takeList.SetText("")
	p.askQuestion()
}
