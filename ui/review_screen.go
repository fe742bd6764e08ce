package ui

import (
	"errors"
	"fmt"
	"image/color"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/rehearse-app/rehearse/app"
	"github.com/rehearse-app/rehearse/review"
	"github.com/rehearse-app/rehearse/session"
	"github.com/rehearse-app/rehearse/transcribe"
)

// reviewScreen shows one take: its flagged transcript, the findings, the
// metrics and scores, a player with a waveform, and a coach's notes. The
// transcript can be corrected or typed in here, the question retaken, and
// takes of the same question compared.
type reviewScreen struct {
	wg     sync.WaitGroup // loads in flight; shutdown waits for them
	deps   Deps
	win    fyne.Window
	notify func(error)
	// do runs f on the UI goroutine: fyne.Do, or a test's own queue.
	do func(f func())
	// onRetake is set by the app: practise the question again.
	onRetake func(sessionID, questionID string)

	// state
	sessID, takeID string
	gen            int // bumps on every load; stale loads are dropped
	loaded         bool
	sess           *session.Session
	take           *session.Take
	question       *review.Question
	report         *review.Report
	reportErr      error
	tl             *timeline
	env            *review.Envelope
	audioPath      string // the recording the player and waveform show
	player         Player
	playerErr      error
	duration       float64 // seconds
	position       float64 // seconds, while there is no player
	seekBasis      string  // how the last click was turned into a time
	queueStatus    *transcribe.JobStatus
	current        int // selected finding, -1 for none
	selA, selB     int // selected stretch of transcript, -1 for none
	editing        bool
	editingNote    string // id of the note in the form, "" for a new one
	tickStop       chan struct{}
	settingSlider  bool
	takeIDs        []string // take picker options, in order

	// widgets
	content       fyne.CanvasObject
	prompt        *widget.Label
	takeSel       *widget.Select
	state         *widget.Label
	transcribeBtn *widget.Button
	retryBtn      *widget.Button
	cancelBtn     *widget.Button
	retakeBtn     *widget.Button
	compareBtn    *widget.Button
	editBtn       *widget.Button
	playBtn       *widget.Button
	backBtn       *widget.Button
	fwdBtn        *widget.Button
	slider        *widget.Slider
	posLabel      *widget.Label
	seekNote      *widget.Label
	wave          *waveform
	transcript    *transcriptView
	emptyNote     *widget.Label
	editor        *widget.Entry
	saveEditBtn   *widget.Button
	cancelEditBtn *widget.Button
	editBox       fyne.CanvasObject
	viewBox       fyne.CanvasObject
	tabs          *container.AppTabs
	findingsBox   *fyne.Container
	findingsList  *container.Scroll
	findingRows   []*findingRow
	metrics       *widget.Label
	scoresBox     *fyne.Container
	pointsBox     *fyne.Container
	notesBox      *fyne.Container
	noteRows      []*noteRow
	noteTag       *widget.RadioGroup
	noteAnchor    *widget.RadioGroup
	noteAuthor    *widget.Entry
	noteText      *widget.Entry
	noteSave      *widget.Button
	noteCancel    *widget.Button
	noteHint      *widget.Label
	compareGrid   *fyne.Container // the last comparison shown
}

func newReviewScreen(deps Deps, win fyne.Window, notify func(error)) *reviewScreen {
	s := &reviewScreen{deps: deps, win: win, notify: notify, do: fyne.Do, current: -1, selA: -1, selB: -1}
	s.build()
	return s
}

func (s *reviewScreen) build() {
	s.prompt = widget.NewLabel("Pick a take to review: record one on the Practice screen, or open a session from the library.")
	s.prompt.Wrapping = fyne.TextWrapWord
	s.prompt.TextStyle = fyne.TextStyle{Bold: true}
	s.takeSel = widget.NewSelect(nil, s.onPickTake)
	s.takeSel.PlaceHolder = "(no take)"
	s.state = widget.NewLabel("")
	s.state.Wrapping = fyne.TextWrapWord
	s.transcribeBtn = widget.NewButtonWithIcon("Transcribe", theme.UploadIcon(), s.onTranscribe)
	s.retryBtn = widget.NewButtonWithIcon("Retry", theme.ViewRefreshIcon(), s.onRetry)
	s.cancelBtn = widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), s.onCancelTranscription)
	s.retakeBtn = widget.NewButtonWithIcon("Retake this question", theme.MediaRecordIcon(), s.onRetakeTapped)
	s.compareBtn = widget.NewButtonWithIcon("Compare takes", theme.ListIcon(), s.onCompare)
	s.editBtn = widget.NewButtonWithIcon("Edit transcript", theme.DocumentCreateIcon(), s.onEdit)

	s.playBtn = widget.NewButtonWithIcon("Play", theme.MediaPlayIcon(), s.togglePlay)
	s.backBtn = widget.NewButtonWithIcon("5 s", theme.MediaFastRewindIcon(), func() { s.seekBy(-5) })
	s.fwdBtn = widget.NewButtonWithIcon("5 s", theme.MediaFastForwardIcon(), func() { s.seekBy(5) })
	s.slider = widget.NewSlider(0, 1)
	s.slider.Step = 0.1
	s.slider.OnChanged = s.onSlider
	s.posLabel = widget.NewLabel("0:00 / 0:00")
	s.posLabel.TextStyle = fyne.TextStyle{Monospace: true}
	s.seekNote = widget.NewLabel("")
	s.seekNote.SizeName = theme.SizeNameCaptionText
	s.seekNote.Wrapping = fyne.TextWrapWord
	s.wave = newWaveform()
	s.wave.onSeek = s.onWaveSeek

	s.transcript = newTranscriptView()
	s.transcript.onWord = s.onWordTapped
	s.transcript.onInsert = s.onInsertTapped
	s.transcript.onRange = s.onRangeSelected
	s.emptyNote = widget.NewLabel("")
	s.emptyNote.Wrapping = fyne.TextWrapWord
	s.editor = widget.NewMultiLineEntry()
	s.editor.Wrapping = fyne.TextWrapWord
	s.editor.SetPlaceHolder("Type or paste what was said…")
	s.saveEditBtn = widget.NewButtonWithIcon("Save transcript", theme.DocumentSaveIcon(), s.onSaveEdit)
	s.saveEditBtn.Importance = widget.HighImportance
	s.cancelEditBtn = widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), s.onCancelEdit)
	s.editBox = container.NewBorder(nil, container.NewHBox(s.saveEditBtn, s.cancelEditBtn), nil, nil, s.editor)
	s.editBox.Hide()
	// The transcript's width is held whether or not there is one yet, so
	// the screen does not shift when it arrives.
	holdWidth := canvas.NewRectangle(color.Transparent)
	holdWidth.SetMinSize(fyne.NewSize(transcriptMinWidth, 0))
	s.viewBox = container.NewBorder(nil, nil, nil, nil, container.NewStack(holdWidth, s.transcript, container.NewVBox(s.emptyNote)))

	s.findingsBox = container.NewVBox()
	s.metrics = widget.NewLabel("")
	s.metrics.Wrapping = fyne.TextWrapWord
	s.scoresBox = container.NewVBox()
	s.pointsBox = container.NewVBox()
	s.buildNotes()

	scores := container.NewVScroll(container.NewVBox(
		heading("Metrics"), s.metrics, widget.NewSeparator(),
		heading("Scores"), s.scoresBox, widget.NewSeparator(),
		heading("Talking points"), s.pointsBox))
	s.findingsList = container.NewVScroll(s.findingsBox)
	s.tabs = container.NewAppTabs(
		container.NewTabItem("Findings", s.findingsList),
		container.NewTabItem("Scores", scores),
		container.NewTabItem("Notes", s.notesPanel()),
	)

	pickerSize := fyne.NewSize(260, s.takeSel.MinSize().Height)
	header := container.NewVBox(
		s.prompt,
		container.NewBorder(nil, nil, container.NewGridWrap(pickerSize, s.takeSel), container.NewHBox(s.transcribeBtn, s.retryBtn, s.cancelBtn), s.state),
		container.NewHBox(s.editBtn, s.retakeBtn, s.compareBtn),
	)
	player := container.NewVBox(
		container.NewBorder(nil, nil, container.NewHBox(s.playBtn, s.backBtn, s.fwdBtn), s.posLabel, s.slider),
		s.wave,
		s.seekNote,
	)
	legend := widget.NewAccordionItem("Legend", newLegend())
	legend.Open = true
	left := container.NewBorder(
		container.NewVBox(widget.NewAccordion(legend)),
		nil, nil, nil,
		container.NewStack(s.viewBox, s.editBox))
	split := container.NewHSplit(left, s.tabs)
	split.SetOffset(0.6)
	s.content = container.NewBorder(
		container.NewVBox(header, widget.NewSeparator(), player, widget.NewSeparator()),
		nil, nil, nil, split)
	s.showEmpty()
	s.resetNoteForm()
}

// showEmpty shows the screen with no take open.
func (s *reviewScreen) showEmpty() {
	for _, b := range []fyne.Disableable{s.transcribeBtn, s.retryBtn, s.retakeBtn, s.compareBtn, s.editBtn,
		s.playBtn, s.backBtn, s.fwdBtn, s.slider} {
		b.Disable()
	}
	s.transcribeBtn.Hide()
	s.retryBtn.Hide()
	s.cancelBtn.Hide()
	s.transcript.Hide()
	s.emptyNote.SetText("No take is open.")
}

// open loads a session and shows one of its takes (the latest when
// takeID is ""). It returns at once: the session is read
// and the take reviewed off the UI goroutine, and the screen fills in
// when the load arrives through do (see loaded).
func (s *reviewScreen) open(sessionID, takeID string) {
	if s.editing {
		s.onCancelEdit()
	}
	if takeID != s.takeID || sessionID != s.sessID {
		s.pausePlayback()
		s.current, s.selA, s.selB = -1, -1, -1
		s.queueStatus = nil
		s.editingNote = ""
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

// takeLoad is what a load gathers off the UI goroutine.
type takeLoad struct {
	gen       int
	sess      *session.Session
	take      *session.Take
	err       error
	report    *review.Report
	reportErr error
	path      string
	env       *review.Envelope
	envDur    float64
	envErr    error
	player    Player
	playerErr error
	newAudio  bool
}

func (s *reviewScreen) load() {
	s.gen++
	s.loaded = false
	s.state.SetText("Loading…")
	ld := &takeLoad{gen: s.gen}
	deps, sessID, takeID, havePath, haveEnv := s.deps, s.sessID, s.takeID, s.audioPath, s.env
	device := ""
	if deps.Prefs != nil {
		device = deps.Prefs.String(app.PrefOutputDevice)
	}
	do := s.do
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		loadTake(ld, deps, sessID, takeID, havePath, haveEnv, device)
		do(func() { s.apply(ld) })
	}()
}

// loadTake reads the session, the take's recording (envelope and player,
// when it is not the one already shown) and reviews the take.
func loadTake(ld *takeLoad, deps Deps, sessID, takeID, havePath string, haveEnv *review.Envelope, device string) {
	sess, err := deps.Store.Get(sessID)
	if err != nil {
		ld.err = fmt.Errorf("opening session %s: %w", sessID, err)
		return
	}
	tk := sess.Take(takeID)
	if takeID == "" && len(sess.Takes) > 0 {
		tk = &sess.Takes[len(sess.Takes)-1] // the latest take
		takeID = tk.ID
	}
	if tk == nil {
		ld.err = fmt.Errorf("session %s has no take %q", sessID, takeID)
		return
	}
	ld.sess, ld.take = sess, tk
	if tk.Audio != "" {
		ld.path = deps.Store.TakePath(sess, *tk)
	}
	ld.env = haveEnv
	// The recording is read for the waveform and the player while the
	// take is reviewed: they are independent and the machine has cores.
	var audioDone sync.WaitGroup
	if ld.path != "" && ld.path != havePath {
		ld.newAudio = true
		ld.env = nil
		// Store.Get above already repaired the header if a crash left it wrong.
		if deps.Envelope != nil {
			audioDone.Go(func() { ld.env, ld.envDur, ld.envErr = deps.Envelope(ld.path) })
		}
		if deps.NewPlayer != nil {
			audioDone.Go(func() { ld.player, ld.playerErr = openPlayer(deps, device, ld.path) })
		}
	}
	defer audioDone.Wait()
	if deps.ReviewTake == nil {
		audioDone.Wait() // the fallback review uses the envelope
	}
	if !hasText(tk) {
		return
	}
	switch {
	case deps.ReviewTake != nil:
		ld.report, ld.reportErr = deps.ReviewTake(sess, tk)
	case deps.Reviewer != nil:
		// An answer without words, or one past the limits, gets no scores.
		if ld.reportErr = review.CheckTranscript(tk.Transcript); ld.reportErr == nil {
			ld.report = reviewLocally(deps.Reviewer, sess, tk, ld.env)
		}
	default:
		ld.reportErr = errors.New("no reviewer is set up")
	}
}

// reviewLocally reviews a take with the reviewer itself, when Deps has no
// ReviewTake: the transcript (its duration defaulting to the take's), the
// question and env (nil for none).
func reviewLocally(rv *review.Reviewer, sess *session.Session, tk *session.Take, env *review.Envelope) *review.Report {
	tr := *tk.Transcript
	if tr.Duration == 0 {
		tr.Duration = tk.Duration
	}
	return rv.Review(review.Input{Transcript: &tr, Question: sess.Question(tk.QuestionID), Envelope: env})
}

// openPlayer opens a player on the recording at path.
func openPlayer(deps Deps, device, path string) (Player, error) {
	p, err := deps.NewPlayer(device)
	if err != nil {
		return nil, err
	}
	if err := p.Open(path); err != nil {
		p.Close()
		return nil, err
	}
	return p, nil
}

// apply shows a finished load, unless a newer one has started.
func (s *reviewScreen) apply(ld *takeLoad) {
	if ld.gen != s.gen {
		if ld.player != nil {
			ld.player.Close()
		}
		return
	}
	s.loaded = true
	if ld.err != nil {
		s.state.SetText(ld.err.Error())
		s.notify(ld.err)
		return
	}
	s.sess, s.take = ld.sess, ld.take
	s.takeID = ld.take.ID
	s.question = ld.sess.Question(ld.take.QuestionID)
	s.report, s.reportErr = ld.report, ld.reportErr
	if ld.newAudio || ld.path == "" {
		s.closePlayer()
		s.audioPath = ld.path
		s.env = ld.env
		s.player, s.playerErr = ld.player, ld.playerErr
		if ld.envErr != nil && s.playerErr == nil {
			s.playerErr = ld.envErr
		}
		s.position = 0
	}
	s.duration = s.take.Duration
	switch {
	case s.player != nil && s.player.Duration() > 0:
		s.duration = s.player.Duration().Seconds()
	case ld.envDur > 0:
		s.duration = ld.envDur
	case s.duration <= 0 && s.take.Transcript != nil:
		s.duration = s.take.Transcript.Duration
	}
	s.tl = newTimeline(s.take.Transcript, s.duration)
	if s.report != nil && s.current >= len(s.report.Findings) {
		s.current = -1
	}
	s.showHeader()
	s.showState()
	s.showTranscript()
	s.showFindings()
	s.showScores()
	s.showNotes()
	s.showPlayer()
}

// showHeader shows the question, the take picker and enables the actions.
func (s *reviewScreen) showHeader() {
	prompt := "(question not in the session)"
	if s.question != nil {
		prompt = s.question.Prompt
	}
	s.prompt.SetText(prompt)
	var opts []string
	s.takeIDs = nil
	sel := ""
	perQ := map[string]int{}
	for _, tk := range s.sess.Takes {
		perQ[tk.QuestionID]++
		label := takeLabel(s.sess, tk, perQ[tk.QuestionID])
		opts = append(opts, label)
		s.takeIDs = append(s.takeIDs, tk.ID)
		if tk.ID == s.takeID {
			sel = label
		}
	}
	s.takeSel.SetOptions(opts)
	s.takeSel.SetSelected(sel)
	s.takeSel.Enable()
	enable(s.retakeBtn, s.onRetake != nil)
	s.compareBtn.Enable()
	s.editBtn.Enable()
	if s.hasTranscript() {
		s.editBtn.SetText("Edit transcript")
	} else {
		s.editBtn.SetText("Type transcript")
	}
}

// takeLabel names a take in the picker: "Take 2 · Q1 · 1:04".
func takeLabel(sess *session.Session, tk session.Take, n int) string {
	q := 0
	for i := range sess.Questions {
		if sess.Questions[i].ID == tk.QuestionID {
			q = i + 1
		}
	}
	return fmt.Sprintf("Take %d · Q%d · %s", n, q, clock(time.Duration(tk.Duration*float64(time.Second))))
}

func (s *reviewScreen) onPickTake(label string) {
	i := s.takeSel.SelectedIndex()
	if i < 0 || i >= len(s.takeIDs) || s.takeIDs[i] == s.takeID {
		return
	}
	s.open(s.sessID, s.takeIDs[i])
}

func (s *reviewScreen) hasTranscript() bool { return s.take != nil && hasText(s.take) }

// hasText reports whether a take has a transcript with words in it.
func hasText(tk *session.Take) bool {
	return tk.Transcript != nil && strings.TrimSpace(tk.Transcript.Text) != ""
}

// transcriptionUpdate shows a queue status change for the open take. Call
// it on the UI goroutine.
func (s *reviewScreen) transcriptionUpdate(st transcribe.JobStatus) {
	if st.TakeID == "" || st.TakeID != s.takeID {
		return
	}
	s.queueStatus = &st
	if st.State == transcribe.StateDone {
		s.refresh() // the transcript arrived: review it
		return
	}
	if s.loaded && s.take != nil {
		s.showState()
	}
}

// showState shows where the take's transcript stands and the buttons that
// move it on.
func (s *reviewScreen) showState() {
	tk := s.take
	s.transcribeBtn.Hide()
	s.retryBtn.Hide()
	s.cancelBtn.Hide()
	q := s.deps.Transcription
	var st transcribe.JobStatus
	switch {
	case s.queueStatus != nil:
		st = *s.queueStatus
	case q != nil:
		st = q.Status(tk.ID)
	}
	has := s.hasTranscript()
	var msg string
	switch {
	case st.State == transcribe.StateQueued:
		msg = "Queued for transcription."
		if st.Reason != "" {
			msg = "Queued for transcription: " + st.Reason
		}
		s.cancelBtn.Show()
	case st.State == transcribe.StateTranscribing:
		msg = "Transcribing…"
		s.cancelBtn.Show()
	case st.State == transcribe.StateFailed:
		msg = "Transcription failed: " + st.Reason
		s.retryBtn.Show()
	case has:
		msg = "Transcript: " + sourceText(tk.Transcript)
	case tk.TranscriptState == session.TranscriptFailed:
		msg = "Transcription failed: " + tk.TranscriptError
		if q != nil {
			s.retryBtn.Show()
		}
	case q != nil:
		msg = "Not transcribed yet."
		if st.State == transcribe.StateNotTranscribed && st.Reason != "" {
			msg = "Not transcribed (" + st.Reason + ")."
		}
		s.transcribeBtn.Show()
	default:
		msg = "Not transcribed. No transcription service is set up (Settings): type or paste the transcript with “Type transcript”."
	}
	if has && (st.State == transcribe.StateFailed || st.State == transcribe.StateQueued || st.State == transcribe.StateTranscribing) {
		msg += " The current transcript is kept."
	}
	s.state.SetText(msg)
	enable(s.transcribeBtn, true)
	enable(s.retryBtn, true)
}

// sourceText says where a transcript came from.
func sourceText(t *review.Transcript) string {
	timing := "no word timings"
	if t.HasWordTimings() {
		timing = "word timings"
	}
	if t.Source == nil {
		return timing
	}
	switch t.Source.Model {
	case review.SourceManual:
		return "typed by hand, " + timing
	case review.SourceManualEdited:
		return "corrected by hand, " + timing + " kept for unchanged words"
	}
	src := t.Source.Model
	if t.Source.Server != "" {
		src += " at " + t.Source.Server
	}
	return src + ", " + timing
}

// job describes the open take for the transcription queue.
func (s *reviewScreen) job() transcribe.Job {
	return transcribe.Job{SessionID: s.sessID, TakeID: s.takeID, AudioPath: s.deps.Store.TakePath(s.sess, *s.take),
		Hints: transcribe.Hints{Vocabulary: review.Vocabulary(s.question)}}
}

func (s *reviewScreen) onTranscribe() {
	if s.deps.Transcription == nil || s.take == nil {
		return
	}
	if err := s.deps.Transcription.Enqueue(s.job()); err != nil {
		s.notify(fmt.Errorf("queueing the take for transcription: %w", err))
		return
	}
	s.showQueueStatus()
}

// showQueueStatus asks the queue where the open take stands and shows it.
func (s *reviewScreen) showQueueStatus() {
	st := s.deps.Transcription.Status(s.takeID)
	s.queueStatus = &st
	s.showState()
}

// onCancelTranscription takes the open take out of the queue; the
// recording and any transcript are kept.
func (s *reviewScreen) onCancelTranscription() {
	q := s.deps.Transcription
	if q == nil || s.take == nil {
		return
	}
	if err := q.Cancel(s.takeID); err != nil {
		s.notify(fmt.Errorf("cancelling the transcription: %w", err))
		return
	}
	s.showQueueStatus()
}

func (s *reviewScreen) onRetry() {
	q := s.deps.Transcription
	if q == nil || s.take == nil {
		return
	}
	err := q.Retry(s.takeID)
	if errors.Is(err, transcribe.ErrUnknownTake) {
		err = q.Enqueue(s.job()) // failed before a restart the queue forgot
	}
	if err != nil {
		s.notify(fmt.Errorf("retrying the transcription: %w", err))
		return
	}
	s.showQueueStatus()
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
	if s.take == nil || s.editing {
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

// shutdown stops playback and closes the player.
func (s *reviewScreen) shutdown() {
	s.gen++ // drop loads still running
	s.wg.Wait()
	s.closePlayer()
	s.audioPath = ""
}
