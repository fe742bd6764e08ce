package ui

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
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

// practiceScreen runs a practice session: pick questions, hear each one,
// think, answer out loud, and keep every take in one session. The flow is
// a practiceRun; the screen renders its state and does what each phase
// needs (reading aloud, the countdown, recording).
type practiceScreen struct {
	deps   Deps
	win    fyne.Window
	notify func(err error)
	review func(sessionID, takeID string)
	rng    *rand.Rand
	// do runs f on the UI goroutine: fyne.Do, or a test's own queue.
	do func(f func())

	// state
	run       practiceRun
	cancel    context.CancelFunc // cancels the current phase's goroutine
	recording *audio.Recording
	pending   session.PendingTake // the take being recorded
	recStart  time.Time
	limit     time.Duration
	micNote   string // why there is no microphone, if there is none

	// widgets
	pick     practicePicker
	ctl      practiceControls
	progress *widget.Label
	prompt   *widget.Label
	status   *widget.Label
	timer    *widget.Label
	meter    *levelMeter
	live     *liveFeedback // pace and cues while recording
	notice   *widget.Label
	takeWarn *widget.Label // what is wrong with the take just saved (silence)
	takeList *widget.Label
	guide    *widget.Label
	guideBox *widget.Accordion
	welcome  *welcomePanel // first-run panel; openSettings is set by the App
	meterRow *fyne.Container
	content  fyne.CanvasObject

	fu  practiceFollowUp // the interviewer model's follow-up (practice_followup.go)
	cal paceCalibration  // the live meter's calibration (practice_live.go)
}

// practicePicker picks the questions of a run.
type practicePicker struct {
	category   *widget.Select
	question   *widget.Select
	preview    *widget.Label // the picked question in full, before starting
	drillSize  *widget.Select
	startOne   *widget.Button
	startDrill *widget.Button
	// startInterview starts a mock interview (practice_interview.go).
	startInterview *widget.Button
}

// practiceControls move a run on.
type practiceControls struct {
	skip, stop, retake, next, review *widget.Button
}

func newPracticeScreen(deps Deps, win fyne.Window, notify func(error), openReview func(string, string)) *practiceScreen {
	p := &practiceScreen{deps: deps, win: win, notify: notify, review: openReview,
		rng: rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 7)), do: fyne.Do}
	p.build()
	return p
}

// build makes the widgets and lays the screen out.
func (p *practiceScreen) build() {
	p.buildPicker()
	p.buildControls()
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
	p.live = newLiveFeedback(p.status)
	p.live.stop()
	p.takeWarn = widget.NewLabel("")
	p.takeWarn.Wrapping = fyne.TextWrapWord
	p.takeWarn.Importance = widget.DangerImportance
	p.takeWarn.TextStyle = fyne.TextStyle{Bold: true}
	p.takeWarn.Hide()
	p.notice = widget.NewLabel("")
	p.notice.Wrapping = fyne.TextWrapWord
	p.notice.Importance = widget.WarningImportance
	p.takeList = widget.NewLabel("")
	p.guide = widget.NewLabel("")
	p.guide.Wrapping = fyne.TextWrapWord
	p.guideBox = widget.NewAccordion(widget.NewAccordionItem("What a strong answer does", p.guide))
	p.guideBox.Hide()
	p.micNote = micNote(p.deps)
	p.setNotice(p.micNote)
	p.buildFollowUp()
	p.layout()

	saved := p.deps.Prefs.StringWithFallback(app.PrefCategory, allCategories)
	p.pick.category.SetSelected(saved)
	if p.pick.category.Selected == "" {
		p.pick.category.SetSelected(allCategories)
	}
	p.render(p.run.State())
}

// micNote says why there is no microphone, "" when there is one.
func micNote(deps Deps) string {
	switch {
	case deps.Recorder != nil:
		return ""
	case deps.RecorderErr != nil:
		return fmt.Sprintf("No microphone is available (%v), so answers can't be recorded. "+
			"Questions still work, and you can type answers on the Review screen.", deps.RecorderErr)
	}
	return "No microphone is available, so answers can't be recorded."
}

func (p *practiceScreen) buildPicker() {
	k := &p.pick
	k.category = widget.NewSelect(categoryOptions(), func(string) { p.onCategory() })
	k.question = widget.NewSelect(nil, func(string) { p.onQuestion() })
	k.question.PlaceHolder = "(pick a question)"
	k.preview = widget.NewLabel("")
	k.preview.Wrapping = fyne.TextWrapWord
	k.preview.Hide()
	k.drillSize = widget.NewSelect([]string{"3", "5", "8"}, func(s string) {
		p.deps.Prefs.SetString(app.PrefDrillSize, s)
	})
	k.drillSize.SetSelected(p.deps.Prefs.StringWithFallback(app.PrefDrillSize, "3"))
	k.startOne = widget.NewButtonWithIcon("Practise this question", theme.MediaPlayIcon(), p.onStartOne)
	k.startOne.Importance = widget.HighImportance
	k.startDrill = widget.NewButtonWithIcon("Start drill", theme.MediaReplayIcon(), p.onStartDrill)
	p.buildInterview()
}

func (p *practiceScreen) buildControls() {
	c := &p.ctl
	c.skip = widget.NewButtonWithIcon("Skip", theme.MediaFastForwardIcon(), p.onSkip)
	c.stop = widget.NewButtonWithIcon("Stop (Space)", theme.MediaStopIcon(), p.onStop)
	c.stop.Importance = widget.DangerImportance
	c.retake = widget.NewButtonWithIcon("Retake", theme.MediaReplayIcon(), p.onRetake)
	c.next = widget.NewButtonWithIcon("Next question", theme.MediaSkipNextIcon(), p.onNext)
	c.review = widget.NewButtonWithIcon("Review this take", theme.DocumentIcon(), p.onReview)
}

// layout puts the widgets in place. The GUI tests click at fixed places:
// keep the order and sizes of what sits above the controls.
func (p *practiceScreen) layout() {
	k := &p.pick
	// The category picker is as wide as its longest title.
	catBox := container.New(layout.NewGridWrapLayout(fyne.NewSize(290, k.category.MinSize().Height)), k.category)
	picker := container.NewVBox(
		container.NewBorder(nil, nil, catBox, nil, k.question),
		k.preview,
		container.NewHBox(k.startOne, widget.NewLabel("or a random drill of"), k.drillSize,
			widget.NewLabel("questions"), k.startDrill, k.startInterview),
	)
	controls := container.NewHBox(p.ctl.skip, p.ctl.stop, p.ctl.retake, p.ctl.next, p.ctl.review, p.fu.btn)
	p.meterRow = container.NewBorder(nil, nil, p.timer, p.live.pace, p.meter)
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
func (p *practiceScreen) categoryID() string { return categoryOf(p.pick.category.Selected) }

func (p *practiceScreen) onCategory() {
	p.deps.Prefs.SetString(app.PrefCategory, p.pick.category.Selected)
	qs := p.questionsInCategory()
	opts := make([]string, len(qs))
	for i, q := range qs {
		opts[i] = questionOption(q)
	}
	p.pick.question.SetOptions(opts)
	if len(opts) > 0 {
		p.pick.question.SetSelectedIndex(0)
	} else {
		p.pick.question.ClearSelected()
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
	i := p.pick.question.SelectedIndex()
	if i < 0 || i >= len(qs) {
		p.notify(errors.New("pick a question first"))
		return
	}
	p.startRun([]review.Question{qs[i]})
}

func (p *practiceScreen) onStartDrill() {
	if qs := p.drillQuestions(); qs != nil {
		p.startRun(qs)
	}
}

// drillQuestions draws the drill size's worth of random questions of the
// category (for a drill or a mock interview); nil, said, when it has none.
func (p *practiceScreen) drillQuestions() []review.Question {
	n, _ := strconv.Atoi(p.pick.drillSize.Selected)
	if n <= 0 {
		n = 3
	}
	qs := p.deps.Bank.Random(n, p.categoryID(), p.rng)
	if len(qs) == 0 {
		p.notify(errors.New("there are no questions in this category"))
		return nil
	}
	return qs
}

// categoryTitle is the picked category's title, "" for all categories.
func (p *practiceScreen) categoryTitle() string {
	if c := p.categoryID(); c != "" {
		return review.CategoryTitle(c)
	}
	return ""
}

// startRun begins a new run with the given questions.
func (p *practiceScreen) startRun(qs []review.Question) {
	p.begin(p.run.Start(qs, session.RunTitle(qs, p.categoryTitle())))
}

// retakeIn records another take of question questionID in an existing
// session (from the review screen).
func (p *practiceScreen) retakeIn(sessionID, questionID string) {
	switch p.run.State().Phase {
	case phaseRecording, phaseThinking, phaseSpeaking:
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
	p.begin(p.run.Resume(sess.ID, sess.Questions, idx))
}

// begin shows a run that has just started (or resumed) and asks its
// first question.
func (p *practiceScreen) begin(st practiceState) {
	p.cancelPhase()
	p.takeList.SetText("")
	p.showTakeWarning("")
	p.welcome.hide() // out of the way once practice starts
	p.enter(st)
}

// current returns the question being practised.
func (p *practiceScreen) current() review.Question { return p.run.State().Question() }

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
