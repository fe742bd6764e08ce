package ui

import (
	"fmt"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/rehearse-app/rehearse/review"
	"github.com/rehearse-app/rehearse/session"
	"github.com/rehearse-app/rehearse/transcribe"
)

// reviewScreen shows one take: its flagged transcript, the findings, the
// metrics and scores, a player with a waveform, and a coach's notes. The
// transcript can be corrected or typed in here, the question retaken, and
// takes of the same question compared. Each concern keeps its widgets and
// state in its own part (header, player, transcript, findings, notes,
// editor), in its own file.
type reviewScreen struct {
	wg     sync.WaitGroup // loads in flight; shutdown waits for them
	deps   Deps
	win    fyne.Window
	notify func(error)
	// do runs f on the UI goroutine: fyne.Do, or a test's own queue.
	do func(f func())
	// onRetake is set by the app: practise the question again.
	onRetake func(sessionID, questionID string)
	kinds    *kindPalette // highlight kinds of the reviewer's rules

	// the open take
	sessID, takeID string
	gen            int // bumps on every load; stale loads are dropped
	loaded         bool
	sess           *session.Session
	take           *session.Take
	question       *review.Question
	report         *review.Report
	reportErr      error
	tl             *review.Timeline
	current        int // selected finding, -1 for none
	selA, selB     int // selected stretch of transcript, -1 for none

	content  fyne.CanvasObject
	tabs     *container.AppTabs
	head     reviewHeader
	playback reviewPlayer
	text     reviewTranscript
	findings reviewFindings
	notes    reviewNotes
	edit     reviewEditor
	compare  reviewCompare
	opinion  reviewOpinion // the interviewer model's part (review_opinion.go)
}

// reviewHeader is the top of the screen: the question, the take picker,
// where the transcript stands and the actions on the take.
type reviewHeader struct {
	prompt        *widget.Label
	takeSel       *widget.Select
	takeIDs       []string // take picker options, in order
	state         *widget.Label
	queueStatus   *transcribe.JobStatus // the last status the queue sent
	transcribeBtn *widget.Button
	retryBtn      *widget.Button
	cancelBtn     *widget.Button
	retakeBtn     *widget.Button
	compareBtn    *widget.Button
	editBtn       *widget.Button
}

func newReviewScreen(deps Deps, win fyne.Window, notify func(error)) *reviewScreen {
	s := &reviewScreen{deps: deps, win: win, notify: notify, do: fyne.Do, current: -1, selA: -1, selB: -1}
	var rules *review.RuleSet
	if deps.Reviewer != nil {
		rules = deps.Reviewer.Rules()
	}
	s.kinds = newKindPalette(rules)
	s.build()
	return s
}

// build makes every part and lays the screen out.
func (s *reviewScreen) build() {
	s.buildHeader()
	s.buildPlayer()
	s.buildTranscript()
	s.buildEditor()
	s.buildFindings()
	s.buildNotes()
	s.buildOpinion()
	s.tabs = container.NewAppTabs(
		container.NewTabItem("Findings", s.findings.list),
		container.NewTabItem("Scores", s.scoresPanel()),
		container.NewTabItem("Notes", s.notesPanel()),
	)
	legend := widget.NewAccordionItem("Legend", s.kinds.legend())
	legend.Open = true
	left := container.NewBorder(
		container.NewVBox(widget.NewAccordion(legend)),
		nil, nil, nil,
		container.NewStack(s.text.box, s.edit.box))
	split := container.NewHSplit(left, s.tabs)
	split.SetOffset(0.6)
	s.content = container.NewBorder(
		container.NewVBox(s.headerPanel(), widget.NewSeparator(), s.playerPanel(), widget.NewSeparator()),
		nil, nil, nil, split)
	s.showEmpty()
	s.resetNoteForm()
}

func (s *reviewScreen) buildHeader() {
	h := &s.head
	h.prompt = widget.NewLabel("Pick a take to review: record one on the Practice screen, or open a session from the library.")
	h.prompt.Wrapping = fyne.TextWrapWord
	h.prompt.TextStyle = fyne.TextStyle{Bold: true}
	h.takeSel = widget.NewSelect(nil, s.onPickTake)
	h.takeSel.PlaceHolder = "(no take)"
	h.state = widget.NewLabel("")
	h.state.Wrapping = fyne.TextWrapWord
	h.transcribeBtn = widget.NewButtonWithIcon("Transcribe", theme.UploadIcon(), s.onTranscribe)
	h.retryBtn = widget.NewButtonWithIcon("Retry", theme.ViewRefreshIcon(), s.onRetry)
	h.cancelBtn = widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), s.onCancelTranscription)
	h.retakeBtn = widget.NewButtonWithIcon("Retake this question", theme.MediaRecordIcon(), s.onRetakeTapped)
	h.compareBtn = widget.NewButtonWithIcon("Compare takes", theme.ListIcon(), s.onCompare)
	h.editBtn = widget.NewButtonWithIcon("Edit transcript", theme.DocumentCreateIcon(), s.onEdit)
}

func (s *reviewScreen) headerPanel() fyne.CanvasObject {
	h := &s.head
	pickerSize := fyne.NewSize(260, h.takeSel.MinSize().Height)
	return container.NewVBox(
		h.prompt,
		container.NewBorder(nil, nil, container.NewGridWrap(pickerSize, h.takeSel), container.NewHBox(h.transcribeBtn, h.retryBtn, h.cancelBtn), h.state),
		container.NewHBox(append([]fyne.CanvasObject{h.editBtn, h.retakeBtn, h.compareBtn}, s.opinionButtons()...)...),
	)
}

// showEmpty shows the screen with no take open.
func (s *reviewScreen) showEmpty() {
	for _, b := range []fyne.Disableable{s.head.transcribeBtn, s.head.retryBtn, s.head.retakeBtn, s.head.compareBtn, s.head.editBtn,
		s.playback.playBtn, s.playback.backBtn, s.playback.fwdBtn, s.playback.slider} {
		b.Disable()
	}
	s.head.transcribeBtn.Hide()
	s.head.retryBtn.Hide()
	s.head.cancelBtn.Hide()
	s.text.view.Hide()
	s.text.emptyNote.SetText("No take is open.")
}

// open loads a session and shows one of its takes (the latest when
// takeID is ""). It returns at once: the session is read
// and the take reviewed off the UI goroutine, and the screen fills in
// when the load arrives through do (see loaded).
func (s *reviewScreen) open(sessionID, takeID string) {
	if s.edit.on {
		s.onCancelEdit()
	}
	if takeID != s.takeID || sessionID != s.sessID {
		s.pausePlayback()
		s.current, s.selA, s.selB = -1, -1, -1
		s.head.queueStatus = nil
		s.notes.editing = ""
	}
	s.sessID, s.takeID = sessionID, takeID
	s.load()
}

// refresh reloads the open take, e.g. after its transcript arrived;
// playback goes on.
func (s *reviewScreen) refresh() {
	if s.sessID == "" {
		return
	}
	s.load()
}

// showHeader shows the question, the take picker and enables the actions.
func (s *reviewScreen) showHeader() {
	prompt := "(question not in the session)"
	if s.question != nil {
		prompt = s.question.Prompt
	}
	s.head.prompt.SetText(prompt)
	var opts []string
	s.head.takeIDs = nil
	sel := ""
	perQ := map[string]int{}
	for _, tk := range s.sess.Takes {
		perQ[tk.QuestionID]++
		label := takeLabel(s.sess, tk, perQ[tk.QuestionID])
		opts = append(opts, label)
		s.head.takeIDs = append(s.head.takeIDs, tk.ID)
		if tk.ID == s.takeID {
			sel = label
		}
	}
	s.head.takeSel.SetOptions(opts)
	s.head.takeSel.SetSelected(sel)
	s.head.takeSel.Enable()
	enable(s.head.retakeBtn, s.onRetake != nil)
	s.head.compareBtn.Enable()
	s.head.editBtn.Enable()
	if s.hasTranscript() {
		s.head.editBtn.SetText("Edit transcript")
	} else {
		s.head.editBtn.SetText("Type transcript")
	}
}

// takeLabel names a take in the picker: "Take 2 · Q1 · 1:04", marked
// "↳ follow-up" when it answers one.
func takeLabel(sess *session.Session, tk session.Take, n int) string {
	q := 0
	for i := range sess.Questions {
		if sess.Questions[i].ID == tk.QuestionID {
			q = i + 1
		}
	}
	return fmt.Sprintf("Take %d · Q%d%s · %s", n, q, followUpMark(tk), clock(time.Duration(tk.Duration*float64(time.Second))))
}

func (s *reviewScreen) onPickTake(label string) {
	i := s.head.takeSel.SelectedIndex()
	if i < 0 || i >= len(s.head.takeIDs) || s.head.takeIDs[i] == s.takeID {
		return
	}
	s.open(s.sessID, s.head.takeIDs[i])
}

func (s *reviewScreen) hasTranscript() bool { return s.take != nil && hasText(s.take) }

// hasText reports whether a take has a transcript with words in it.
func hasText(tk *session.Take) bool {
	return tk.Transcript != nil && strings.TrimSpace(tk.Transcript.Text) != ""
}

func (s *reviewScreen) onRetakeTapped() {
	if s.take == nil || s.onRetake == nil {
		return
	}
	s.pausePlayback()
	s.onRetake(s.sessID, s.take.QuestionID)
}

// onKey handles the review keys: Space play/pause, Left/Right seek 5 s,
// N/P next/previous finding.
func (s *reviewScreen) onKey(ev *fyne.KeyEvent) {
	if s.take == nil || s.edit.on {
		return
	}
	switch ev.Name {
	case fyne.KeySpace:
		s.togglePlay()
	case fyne.KeyLeft:
		s.seekBy(-5)
	case fyne.KeyRight:
		s.seekBy(5)
	case fyne.KeyN:
		s.stepFinding(1)
	case fyne.KeyP:
		s.stepFinding(-1)
	}
}

// shutdown stops playback, a second opinion being asked for, and closes
// the player.
func (s *reviewScreen) shutdown() {
	s.cancelOpinion()
	s.gen++ // drop loads still running
	s.wg.Wait()
	s.closePlayer()
	s.playback.audioPath = ""
}
