package ui

import (
	"errors"
	"fmt"
	"image/color"
	"math"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/rehearse-app/rehearse/app"
	"github.com/rehearse-app/rehearse/assets"
	"github.com/rehearse-app/rehearse/audio"
	"github.com/rehearse-app/rehearse/review"
	"github.com/rehearse-app/rehearse/session"
	"github.com/rehearse-app/rehearse/transcribe"
)

// reviewFakePlayer records what the review screen asks of it.
type reviewFakePlayer struct {
	mu      sync.Mutex
	path    string
	dur     time.Duration
	pos     time.Duration
	playing bool
	seeks   []time.Duration
	plays   int
	pauses  int
	closed  bool
}

func (p *reviewFakePlayer) Open(path string) error {
	info, err := audio.WAVInfo(path)
	if err != nil {
		return err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.path, p.dur = path, info.Duration
	return nil
}
func (p *reviewFakePlayer) Play() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return errors.New("closed")
	}
	p.playing = true
	p.plays++
	return nil
}
func (p *reviewFakePlayer) Pause() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.playing {
		p.pauses++
	}
	p.playing = false
}
func (p *reviewFakePlayer) Seek(d time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.pos = min(max(d, 0), p.dur)
	p.seeks = append(p.seeks, d)
}
func (p *reviewFakePlayer) Position() time.Duration { p.mu.Lock(); defer p.mu.Unlock(); return p.pos }
func (p *reviewFakePlayer) Duration() time.Duration { p.mu.Lock(); defer p.mu.Unlock(); return p.dur }
func (p *reviewFakePlayer) Playing() bool           { p.mu.Lock(); defer p.mu.Unlock(); return p.playing }
func (p *reviewFakePlayer) Close() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.closed, p.playing = true, false
	return nil
}
func (p *reviewFakePlayer) lastSeek() (time.Duration, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.seeks) == 0 {
		return 0, false
	}
	return p.seeks[len(p.seeks)-1], true
}

// reviewFakeQueue is a transcription queue that only records calls.
type reviewFakeQueue struct {
	mu       sync.Mutex
	status   map[string]transcribe.JobStatus
	enqueued []transcribe.Job
	retried  []string
	canceled []string
}

func (q *reviewFakeQueue) Enqueue(j transcribe.Job) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.enqueued = append(q.enqueued, j)
	q.status[j.TakeID] = transcribe.JobStatus{SessionID: j.SessionID, TakeID: j.TakeID, State: transcribe.StateQueued}
	return nil
}
func (q *reviewFakeQueue) Cancel(id string) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.canceled = append(q.canceled, id)
	q.status[id] = transcribe.JobStatus{TakeID: id, State: transcribe.StateNotTranscribed, Reason: "cancelled"}
	return nil
}
func (q *reviewFakeQueue) Retry(id string) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	if _, ok := q.status[id]; !ok {
		return fmt.Errorf("retrying take %q: %w", id, transcribe.ErrUnknownTake)
	}
	q.retried = append(q.retried, id)
	q.status[id] = transcribe.JobStatus{TakeID: id, State: transcribe.StateQueued}
	return nil
}
func (q *reviewFakeQueue) Status(id string) transcribe.JobStatus {
	q.mu.Lock()
	defer q.mu.Unlock()
	if st, ok := q.status[id]; ok {
		return st
	}
	return transcribe.JobStatus{TakeID: id, State: transcribe.StateNotTranscribed}
}

// The answer the tests review: a filler, a hedge, a jump to a solution, a
// trade-off, two talking points and a long pause before "Then".
const answerText = "Um, I think we should just do LinkedIn Ads. " +
	"I'd start with the attribution data, uh, and look at velocity to revenue. " +
	"Then I'd align with sales leadership. We could launch a simple version this week, " +
	"or the full one next month; it's your call."

// timedTranscript gives every word of text 0.3 s, 0.4 s apart, with a 3 s
// silence before the word pauseBefore (index; -1 for none).
func timedTranscript(text string, pauseBefore int) *review.Transcript {
	tr := &review.Transcript{Text: text, Language: "en", Words: []review.Word{}, Segments: []review.Segment{},
		Source: &review.Source{Model: "whisper-1", Server: "api.openai.com"}}
	t := 0.5
	for i, w := range strings.Fields(text) {
		if i == pauseBefore {
			t += 3
		}
		tr.Words = append(tr.Words, review.Word{Word: strings.Trim(w, ".,;"), Start: reviewRound3(t), End: reviewRound3(t + 0.3)})
		t += 0.4
	}
	tr.Duration = reviewRound3(t + 0.5)
	tr.Segments = append(tr.Segments, review.Segment{Start: 0.5, End: t, Text: text})
	return tr
}

func reviewRound3(x float64) float64 { return math.Round(x*1000) / 1000 }

func indexOfWord(text, word string) int {
	for i, w := range strings.Fields(text) {
		if w == word {
			return i
		}
	}
	return -1
}

// reviewEnvelopeOf reads a WAV as a 10 ms envelope, as cmd does.
func reviewEnvelopeOf(path string) (*review.Envelope, float64, error) {
	pcm, err := audio.ReadWAV(path)
	if err != nil {
		return nil, 0, err
	}
	return &review.Envelope{Hop: 0.01, RMS: audio.Envelope(pcm, 10*time.Millisecond)},
		float64(pcm.Frames()) / float64(pcm.Rate), nil
}

type reviewFixture struct {
	t        testing.TB
	app      fyne.App
	win      fyne.Window
	store    *session.Store
	s        *reviewScreen
	q        *uiQueue
	queue    *reviewFakeQueue
	errs     []error
	mu       sync.Mutex
	players  []*reviewFakePlayer
	question review.Question
	sessID   string
	retakes  []string
}

type reviewOpts struct {
	queue   bool
	noAudio bool
}

func newReviewFixture(t testing.TB, o reviewOpts) *reviewFixture {
	t.Helper()
	a := test.NewTempApp(t)
	bank, errs := review.LoadBank(review.BankSource{FS: assets.Questions(), Dir: "questions", Label: "builtin"})
	if len(errs) > 0 {
		t.Fatalf("built-in bank: %v", errs)
	}
	rules, errs := review.LoadRules(review.BankSource{FS: assets.Rules(), Dir: "rules", Label: "builtin"})
	if len(errs) > 0 {
		t.Fatalf("built-in rules: %v", errs)
	}
	rv := review.New(rules)
	store, err := session.Open(t.TempDir(), session.Options{})
	if err != nil {
		t.Fatal(err)
	}
	q, ok := bank.ByID("budget-prioritization")
	if !ok {
		t.Fatal("question budget-prioritization is not in the bank")
	}
	f := &reviewFixture{t: t, app: a, store: store, q: newUIQueue(), question: q}
	deps := Deps{Bank: bank, Reviewer: rv, Store: store, Prefs: a.Preferences(), Envelope: reviewEnvelopeOf}
	deps.ReviewTake = func(s *session.Session, tk *session.Take) (*review.Report, error) {
		if tk.Transcript == nil || tk.Transcript.Text == "" {
			return nil, errors.New("the take has no transcript yet")
		}
		if err := review.CheckTranscript(tk.Transcript); err != nil {
			return nil, err // as cmd's takeReviewer: no words, no scores
		}
		tr := *tk.Transcript
		in := review.Input{Transcript: &tr, Question: s.Question(tk.QuestionID)}
		if env, _, err := reviewEnvelopeOf(store.TakePath(s, *tk)); err == nil {
			in.Envelope = env
		}
		return rv.Review(in), nil
	}
	if !o.noAudio {
		deps.NewPlayer = func(string) (Player, error) {
			p := &reviewFakePlayer{}
			f.mu.Lock()
			f.players = append(f.players, p)
			f.mu.Unlock()
			return p, nil
		}
	}
	if o.queue {
		f.queue = &reviewFakeQueue{status: map[string]transcribe.JobStatus{}}
		deps.Transcription = f.queue
	}
	f.win = a.NewWindow("review")
	f.s = newReviewScreen(deps, f.win, func(err error) { f.errs = append(f.errs, err) })
	f.s.do = f.q.do
	f.s.onRetake = func(sessID, qid string) { f.retakes = append(f.retakes, sessID+"/"+qid) }
	f.win.SetContent(f.s.content)
	f.win.Resize(fyne.NewSize(1200, 800))
	sess, err := store.Create("review test", []review.Question{q})
	if err != nil {
		t.Fatal(err)
	}
	f.sessID = sess.ID
	t.Cleanup(f.s.shutdown)
	return f
}

// addTake records a take of secs seconds of tone, with transcript tr (nil
// for none).
func (f *reviewFixture) addTake(secs float64, tr *review.Transcript) string {
	f.t.Helper()
	id, path, err := f.store.NewTakePath(f.sessID, f.question.ID)
	if err != nil {
		f.t.Fatal(err)
	}
	samples := tone(secs)
	if tr != nil {
		// Silence where the transcript has no words, so pauses are real.
		voiced := make([]bool, len(samples))
		for _, w := range tr.Words {
			for i := max(int(w.Start*16000), 0); i < min(int((w.End+0.1)*16000), len(samples)); i++ {
				voiced[i] = true
			}
		}
		for i, v := range voiced {
			if !v {
				samples[i] = 0
			}
		}
	}
	if err := audio.WriteWAVFile(path, &audio.PCM{Rate: 16000, Channels: 1, Samples: samples}); err != nil {
		f.t.Fatal(err)
	}
	if err := f.store.AddTake(f.sessID, session.Take{ID: id, QuestionID: f.question.ID, Audio: filepath.Base(path),
		Duration: secs, Created: time.Now()}); err != nil {
		f.t.Fatal(err)
	}
	if tr != nil {
		if err := f.store.SaveTranscript(f.sessID, id, tr); err != nil {
			f.t.Fatal(err)
		}
	}
	return id
}

// open opens a take and waits until it is shown.
func (f *reviewFixture) open(takeID string) {
	f.t.Helper()
	f.s.open(f.sessID, takeID)
	f.waitLoaded()
}

func (f *reviewFixture) waitLoaded() {
	f.t.Helper()
	if t, ok := f.t.(*testing.T); ok {
		f.q.until(t, "the take to load", func() bool { return f.s.loaded })
		return
	}
	for !f.s.loaded {
		f.q.mu.Lock()
		fns := f.q.fns
		f.q.fns = nil
		f.q.mu.Unlock()
		for _, fn := range fns {
			fn()
		}
		if !f.s.loaded {
			<-f.q.ch
		}
	}
}

func (f *reviewFixture) player() *reviewFakePlayer {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.players) == 0 {
		return nil
	}
	return f.players[len(f.players)-1]
}

// cellStyle returns the grid style of the cell showing byte offset off.
func cellStyle(v *transcriptView, off int) (widget.TextGridStyle, bool) {
	for r, row := range v.rows {
		for c, ref := range row {
			if int(ref) == off {
				return v.gridRows[r].Cells[c].Style, true
			}
		}
	}
	return nil, false
}

// cellPos returns where in the view the cell showing off is.
func cellPos(v *transcriptView, off int) (fyne.Position, bool) {
	for r, row := range v.rows {
		for c, ref := range row {
			if int(ref) == off {
				return fyne.NewPos(v.xs[r][c]+1, (float32(r)+0.5)*v.cell.Height-v.scroll.Offset.Y), true
			}
		}
	}
	return fyne.Position{}, false
}

func findingByRule(r *review.Report, rule string) (int, review.Finding) {
	for i, f := range r.Findings {
		if f.Rule == rule {
			return i, f
		}
	}
	return -1, review.Finding{}
}

func TestReviewFindingsRenderAsHighlights(t *testing.T) {
	f := newReviewFixture(t, reviewOpts{})
	tr := timedTranscript(answerText, indexOfWord(answerText, "Then"))
	take := f.addTake(tr.Duration, tr)
	f.open(take)
	s := f.s
	if s.report == nil {
		t.Fatalf("no report; errors %v, report error %v", f.errs, s.reportErr)
	}
	if s.prompt.Text != f.question.Prompt {
		t.Errorf("prompt = %q, want the question's", s.prompt.Text)
	}
	if !strings.HasPrefix(s.takeSel.Selected, "Take 1 · Q1 · ") {
		t.Errorf("take picker shows %q", s.takeSel.Selected)
	}
	seen := map[string]bool{}
	for _, fd := range s.report.Findings {
		if fd.End <= fd.Start {
			continue
		}
		seen[fd.Rule] = true
		k := kindOfRule(fd.Rule)
		// A word-level flag paints its first letter in its kind's colour
		// (unless a narrower flag sits on top of it).
		st, ok := cellStyle(s.transcript, fd.Start)
		if !ok || st == nil {
			t.Errorf("%s finding %q at %d: no styled cell", fd.Rule, fd.Text, fd.Start)
			continue
		}
		if k == kindFiller || k == kindHedge {
			if got := toNRGBA(st.BackgroundColor()); got != highlightColor(k) {
				t.Errorf("%s finding %q: background %v, want %v", fd.Rule, fd.Text, got, highlightColor(k))
			}
		}
	}
	for _, rule := range []string{"filler", "hedge", "jump-to-solution"} { // the budget case is judged on diagnosis, not options
		if !seen[rule] {
			t.Errorf("no %s finding highlighted; findings: %+v", rule, s.report.Findings)
		}
	}
	// An unflagged word has no highlight.
	plain := strings.Index(answerText, "launch")
	if st, _ := cellStyle(s.transcript, plain); st != nil && st.BackgroundColor() != nil {
		if _, fd := reviewFindingAt(s.report, plain); fd == "" {
			t.Errorf("unflagged word has background %v", st.BackgroundColor())
		}
	}
	// The long pause is a marker in the text and a band on the waveform.
	_, pause := findingByRule(s.report, "long-pause")
	if pause.Rule == "" {
		t.Fatalf("no long-pause finding: %+v", s.report.Findings)
	}
	if !reviewGridHas(s.transcript, "[pause 3.") {
		t.Errorf("transcript grid has no pause marker")
	}
	marks := 0
	for _, m := range s.wave.marks {
		if m.kind == kindLongPause && math.Abs(m.t0-pause.TimeStart) < 0.01 {
			marks++
		}
	}
	if marks != 1 {
		t.Errorf("waveform has %d marks for the pause at %.2f s, want 1: %+v", marks, pause.TimeStart, s.wave.marks)
	}
	if len(s.wave.peaks) == 0 {
		t.Error("waveform has no envelope")
	}
	if len(s.findingRows) != len(s.report.Findings) {
		t.Errorf("findings list has %d rows, want %d", len(s.findingRows), len(s.report.Findings))
	}
	if !strings.Contains(s.metrics.Text, "words a minute") || len(s.scoresBox.Objects) != 4 {
		t.Errorf("metrics %q / %d score rows", s.metrics.Text, len(s.scoresBox.Objects))
	}
	if len(f.errs) > 0 {
		t.Fatalf("errors shown: %v", f.errs)
	}
}

// rowOfFinding returns the list row of finding i.
func rowOfFinding(t *testing.T, s *reviewScreen, i int) *findingRow {
	t.Helper()
	for _, r := range s.findingRows {
		if r.index == i {
			return r
		}
	}
	t.Fatalf("finding %d is not in the list", i)
	return nil
}

// reviewFindingAt returns the rule of a finding covering off, if any.
func reviewFindingAt(r *review.Report, off int) (int, string) {
	for i, f := range r.Findings {
		if off >= f.Start && off < f.End {
			return i, f.Rule
		}
	}
	for _, tp := range r.TalkingPoints {
		if tp.Covered && off >= tp.Start && off < tp.End {
			return -1, "talking point"
		}
	}
	return -1, ""
}

func reviewGridHas(v *transcriptView, s string) bool {
	for _, row := range v.gridRows {
		var b strings.Builder
		for _, c := range row.Cells {
			b.WriteRune(c.Rune)
		}
		if strings.Contains(b.String(), s) {
			return true
		}
	}
	return false
}

func TestReviewClickingSeeksThePlayer(t *testing.T) {
	f := newReviewFixture(t, reviewOpts{})
	tr := timedTranscript(answerText, -1)
	take := f.addTake(tr.Duration, tr)
	f.open(take)
	s, p := f.s, f.player()
	if p == nil {
		t.Fatal("no player opened")
	}
	// A finding in the list.
	i, fd := findingByRule(s.report, "hedge")
	if i < 0 {
		t.Fatalf("no hedge finding: %+v", s.report.Findings)
	}
	test.Tap(rowOfFinding(t, s, i))
	want := secDuration(fd.TimeStart)
	if got, ok := p.lastSeek(); !ok || reviewAbsDur(got-want) > time.Millisecond {
		t.Fatalf("after tapping the hedge finding, seek = %v, want %v (its time)", got, want)
	}
	if !p.Playing() {
		t.Error("tapping a finding should play from it")
	}
	if s.current != i {
		t.Errorf("current finding = %d, want %d", s.current, i)
	}
	if st, _ := cellStyle(s.transcript, fd.Start); st == nil || !st.Style().Underline {
		t.Error("the selected finding's words are not marked in the transcript")
	}
	// A word in the transcript: "attribution" is word 8.
	off := strings.Index(answerText, "attribution")
	pos, ok := cellPos(s.transcript, off)
	if !ok {
		t.Fatal("attribution is not in the grid")
	}
	test.TapAt(s.transcript, pos)
	wantWord := secDuration(tr.Words[indexOfWord(answerText, "attribution")].Start)
	if got, _ := p.lastSeek(); reviewAbsDur(got-wantWord) > time.Millisecond {
		t.Fatalf("tapping “attribution” seeks to %v, want %v", got, wantWord)
	}
	if s.selA != off || s.selB != off+len("attribution") {
		t.Errorf("selection = %d..%d, want the word %d..%d", s.selA, s.selB, off, off+len("attribution"))
	}
	if !strings.Contains(s.seekNote.Text, basisWord) {
		t.Errorf("seek note %q should say word timings were used", s.seekNote.Text)
	}
	// The waveform: a tap a third of the way in.
	w := s.wave.Size().Width
	if w <= 0 {
		t.Fatal("waveform has no size")
	}
	test.TapAt(s.wave, fyne.NewPos(w/3, 10))
	got, _ := p.lastSeek()
	if want := s.duration / 3; math.Abs(got.Seconds()-want) > 4/float64(w)*s.duration+0.01 {
		t.Errorf("waveform tap seeks to %v, want about %.2f s", got, want)
	}
}

func reviewAbsDur(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

func TestReviewSeekWithoutTimingsUsesEstimate(t *testing.T) {
	f := newReviewFixture(t, reviewOpts{})
	tr := &review.Transcript{Text: answerText, Words: []review.Word{}, Segments: []review.Segment{}}
	take := f.addTake(20, tr)
	f.open(take)
	off := strings.Index(answerText, "velocity")
	want := float64(off) / float64(len(answerText)) * 20
	f.tapSeeks(t, off, want, "the proportional time", "estimate", "the time is an estimate")
}

// tapSeeks taps the transcript at byte offset off: the player must seek
// to want seconds (within 10 ms) and the seek note must contain basis.
// wantWhat and basisWhat say what those are, for the failure messages.
func (f *reviewFixture) tapSeeks(t *testing.T, off int, want float64, wantWhat, basis, basisWhat string) {
	t.Helper()
	s, p := f.s, f.player()
	pos, _ := cellPos(s.transcript, off)
	test.TapAt(s.transcript, pos)
	if got, _ := p.lastSeek(); math.Abs(got.Seconds()-want) > 0.01 {
		t.Fatalf("seek = %v, want %.2f s (%s)", got, want, wantWhat)
	}
	if !strings.Contains(s.seekNote.Text, basis) {
		t.Errorf("seek note %q should say %s", s.seekNote.Text, basisWhat)
	}
}

func TestReviewKeys(t *testing.T) {
	f := newReviewFixture(t, reviewOpts{})
	tr := timedTranscript(answerText, -1)
	take := f.addTake(tr.Duration, tr)
	f.open(take)
	s, p := f.s, f.player()
	space := &fyne.KeyEvent{Name: fyne.KeySpace}
	s.onKey(space)
	if !p.Playing() || s.playBtn.Text != "Pause" {
		t.Fatalf("Space should play (playing %v, button %q)", p.Playing(), s.playBtn.Text)
	}
	// The ticker shows the position while playing.
	p.Seek(3 * time.Second)
	f.q.until(t, "the position to show 0:03", func() bool { return strings.HasPrefix(s.posLabel.Text, "0:03") })
	s.onKey(space)
	if p.Playing() || s.playBtn.Text != "Play" {
		t.Fatal("Space again should pause")
	}
	s.onKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	if got := p.Position(); got != 8*time.Second {
		t.Errorf("Right from 3 s: position %v, want 8 s", got)
	}
	s.onKey(&fyne.KeyEvent{Name: fyne.KeyLeft})
	s.onKey(&fyne.KeyEvent{Name: fyne.KeyLeft})
	if got := p.Position(); got != 0 {
		t.Errorf("Left twice from 8 s: position %v, want 0 (clamped)", got)
	}
	// N / P walk through the findings that have a place.
	// In text order, as the list shows them.
	var placed []int
	last := -1
	for _, r := range s.findingRows {
		fd := s.report.Findings[r.index]
		if fd.End > fd.Start || fd.HasTime {
			if fd.Start < last {
				t.Errorf("findings list out of text order at %q", fd.Text)
			}
			last = fd.Start
			placed = append(placed, r.index)
		}
	}
	if len(placed) < 2 {
		t.Fatalf("want at least two placed findings: %+v", s.report.Findings)
	}
	s.onKey(&fyne.KeyEvent{Name: fyne.KeyN})
	s.onKey(&fyne.KeyEvent{Name: fyne.KeyN})
	if s.current != placed[1] {
		t.Errorf("N twice: finding %d, want %d", s.current, placed[1])
	}
	s.onKey(&fyne.KeyEvent{Name: fyne.KeyP})
	if s.current != placed[0] {
		t.Errorf("then P: finding %d, want %d", s.current, placed[0])
	}
	want, _ := s.tl.findingTime(s.report.Findings[placed[0]])
	if got := p.Position(); reviewAbsDur(got-secDuration(want)) > time.Millisecond {
		t.Errorf("P seeks to %v, want %.2f s", got, want)
	}
}

func TestReviewEditTranscriptKeepsTimingsAndReviewsAgain(t *testing.T) {
	f := newReviewFixture(t, reviewOpts{})
	tr := timedTranscript(answerText, -1)
	take := f.addTake(tr.Duration, tr)
	f.open(take)
	s := f.s
	before := s.report.Metrics.Fillers
	if before < 2 {
		t.Fatalf("fillers before = %d, want at least 2", before)
	}
	// Notes on "attribution" (kept, moves with the text) and "LinkedIn"
	// (changed: the note keeps its time instead).
	attr := strings.Index(answerText, "attribution")
	li := strings.Index(answerText, "LinkedIn")
	for _, span := range [][2]int{{attr, attr + len("attribution")}, {li, li + len("LinkedIn")}} {
		if _, err := f.store.AddNote(f.sessID, session.Note{TakeID: take, Author: "A", Tag: session.TagFix,
			Text: "x", Start: span[0], End: span[1], Time: -1}); err != nil {
			t.Fatal(err)
		}
	}
	f.s.refresh()
	f.waitLoaded()
	test.Tap(s.editBtn)
	if !s.editing || s.editor.Text != answerText {
		t.Fatalf("editor open %v with %q", s.editing, s.editor.Text)
	}
	// Drop "Um," and change "LinkedIn" to "paid social".
	edited := strings.Replace(strings.TrimPrefix(answerText, "Um, "), "LinkedIn Ads", "paid social", 1)
	s.editor.SetText(edited)
	test.Tap(s.saveEditBtn)
	f.waitLoaded()
	if s.editing {
		t.Fatal("editor still open after saving")
	}
	sess, err := f.store.Get(f.sessID)
	if err != nil {
		t.Fatal(err)
	}
	got := sess.Take(take).Transcript
	if got.Text != edited {
		t.Fatalf("stored text %q, want %q", got.Text, edited)
	}
	if got.Source == nil || got.Source.Model != review.SourceManualEdited {
		t.Errorf("source = %+v, want %s", got.Source, review.SourceManualEdited)
	}
	// Every word but the three changed keeps its timing, in order.
	var want []review.Word
	for i, w := range tr.Words {
		if i == 0 || w.Word == "LinkedIn" || w.Word == "Ads" {
			continue
		}
		want = append(want, w)
	}
	if len(got.Words) != len(want) {
		t.Fatalf("%d timed words after the edit, want the %d unchanged: %+v", len(got.Words), len(want), got.Words)
	}
	for i, w := range got.Words {
		if review.NormalizeWord(w.Word) != review.NormalizeWord(want[i].Word) || w.Start != want[i].Start || w.End != want[i].End {
			t.Errorf("timed word %d = %+v, want %+v", i, w, want[i])
		}
	}
	if s.report.Metrics.Fillers != before-1 {
		t.Errorf("fillers after removing “Um” = %d, want %d (reviewed again)", s.report.Metrics.Fillers, before-1)
	}
	notes := sess.TakeNotes(take)
	if len(notes) != 2 {
		t.Fatalf("notes after the edit: %+v", notes)
	}
	if a := strings.Index(edited, "attribution"); notes[0].Start != a || notes[0].End != a+len("attribution") {
		t.Errorf("note on “attribution” now at %d..%d, want %d..%d", notes[0].Start, notes[0].End, a, a+len("attribution"))
	}
	if liTime := tr.Words[indexOfWord(answerText, "LinkedIn")].Start; notes[1].Start != -1 || math.Abs(notes[1].Time-liTime) > 0.001 {
		t.Errorf("note on the replaced “LinkedIn” = %+v, want no span and time %.2f", notes[1], liTime)
	}
	if !strings.Contains(s.state.Text, "corrected by hand") {
		t.Errorf("state %q should say the transcript was corrected by hand", s.state.Text)
	}
}

func TestReviewTypedTranscriptForUntranscribedTake(t *testing.T) {
	f := newReviewFixture(t, reviewOpts{})
	take := f.addTake(12, nil)
	f.open(take)
	s := f.s
	if !strings.Contains(s.state.Text, "No transcription service") || s.transcribeBtn.Visible() {
		t.Fatalf("state %q (transcribe button shown %v): want the hint to type the transcript", s.state.Text, s.transcribeBtn.Visible())
	}
	if s.editBtn.Text != "Type transcript" {
		t.Errorf("edit button says %q", s.editBtn.Text)
	}
	test.Tap(s.editBtn)
	// An empty save is refused and keeps the editor open.
	test.Tap(s.saveEditBtn)
	if len(f.errs) != 1 || !s.editing {
		t.Fatalf("empty save: errors %v, editing %v", f.errs, s.editing)
	}
	test.Type(s.editor, answerText)
	test.Tap(s.saveEditBtn)
	f.waitLoaded()
	sess, _ := f.store.Get(f.sessID)
	got := sess.Take(take).Transcript
	if got == nil || got.Text != answerText || got.Source.Model != review.SourceManual {
		t.Fatalf("stored transcript %+v", got)
	}
	if got.Duration != 12 {
		t.Errorf("typed transcript duration %.1f, want the take's 12 s", got.Duration)
	}
	if s.report == nil || s.report.Metrics.Fillers < 2 {
		t.Fatalf("typed transcript not reviewed: %+v", s.report)
	}
}

func TestReviewSaveFailureKeepsText(t *testing.T) {
	f := newReviewFixture(t, reviewOpts{})
	take := f.addTake(5, nil)
	f.open(take)
	s := f.s
	test.Tap(s.editBtn)
	test.Type(s.editor, "so the plan is")
	s.sessID = "no-such-session" // the store refuses the save
	test.Tap(s.saveEditBtn)
	if len(f.errs) != 1 || !strings.Contains(f.errs[0].Error(), "still in the editor") {
		t.Fatalf("errors %v, want one saying the text is kept", f.errs)
	}
	if !s.editing || s.editor.Text != "so the plan is" {
		t.Fatalf("after a failed save: editing %v, text %q", s.editing, s.editor.Text)
	}
}

func TestReviewNotesAddEditDelete(t *testing.T) {
	f := newReviewFixture(t, reviewOpts{})
	tr := timedTranscript(answerText, -1)
	take := f.addTake(tr.Duration, tr)
	f.open(take)
	s := f.s
	// A note on a word: select "attribution", attach to the selection.
	off := strings.Index(answerText, "attribution")
	pos, _ := cellPos(s.transcript, off)
	test.TapAt(s.transcript, pos)
	s.noteAnchor.SetSelected(anchorSelection)
	if !strings.Contains(s.noteHint.Text, "attribution") {
		t.Errorf("note hint %q should quote the selection", s.noteHint.Text)
	}
	s.noteTag.SetSelected("Praise")
	if !s.noteAuthor.Visible() {
		t.Fatal("with no coach name in Settings, the form should ask for one")
	}
	test.Type(s.noteAuthor, "Dana")
	test.Type(s.noteText, "Good: starts from the data.")
	test.Tap(s.noteSave)
	// A note at the playback time.
	f.player().Seek(4500 * time.Millisecond)
	s.noteAnchor.SetSelected(anchorTime)
	s.noteTag.SetSelected("Question")
	if s.noteAuthor.Visible() {
		t.Error("the coach's name is asked only once")
	}
	test.Type(s.noteText, "Why this channel?")
	test.Tap(s.noteSave)
	if len(f.errs) > 0 {
		t.Fatalf("errors: %v", f.errs)
	}

	sess, _ := f.store.Get(f.sessID)
	notes := sess.TakeNotes(take)
	if len(notes) != 2 {
		t.Fatalf("stored notes: %+v, want 2", notes)
	}
	n0, n1 := notes[0], notes[1]
	if n0.Tag != session.TagPraise || n0.Author != "Dana" || n0.Start != off || n0.End != off+len("attribution") || n0.Time != -1 {
		t.Errorf("span note stored as %+v", n0)
	}
	if n1.Tag != session.TagQuestion || n1.Start != -1 || math.Abs(n1.Time-4.5) > 0.001 || n1.Author != "Dana" {
		t.Errorf("time note stored as %+v", n1)
	}
	if got := f.app.Preferences().String(app.PrefCoachName); got != "Dana" {
		t.Errorf("coach name saved as %q", got)
	}
	if len(s.noteRows) != 2 || !reviewGridHas(s.transcript, "[note 1]") || !reviewGridHas(s.transcript, "[note 2]") {
		t.Fatalf("notes shown: %d rows; markers in text: %v %v", len(s.noteRows), reviewGridHas(s.transcript, "[note 1]"), reviewGridHas(s.transcript, "[note 2]"))
	}
	if st, _ := cellStyle(s.transcript, off+2); st == nil || !st.Style().Underline {
		t.Error("the noted word is not underlined")
	}

	// Edit the first note.
	test.Tap(s.noteRows[0].edit)
	if s.noteText.Text != n0.Text || s.noteSave.Text != "Save note" {
		t.Fatalf("edit form holds %q / %q", s.noteText.Text, s.noteSave.Text)
	}
	s.noteText.SetText("Good: starts from attribution data.")
	s.noteTag.SetSelected("Fix")
	test.Tap(s.noteSave)
	sess, _ = f.store.Get(f.sessID)
	if e := sess.Note(n0.ID); e == nil || e.Text != "Good: starts from attribution data." || e.Tag != session.TagFix || e.Start != off {
		t.Fatalf("edited note stored as %+v", e)
	}

	// Delete the second: it asks first; Cancel keeps it, Delete removes it.
	test.Tap(s.noteRows[1].drop)
	tapDialogButton(t, f.win, "Cancel")
	if sess, _ = f.store.Get(f.sessID); sess.Note(n1.ID) == nil {
		t.Fatal("cancelled delete removed the note")
	}
	test.Tap(s.noteRows[1].drop)
	tapDialogButton(t, f.win, "Delete")
	sess, _ = f.store.Get(f.sessID)
	if sess.Note(n1.ID) != nil || len(sess.TakeNotes(take)) != 1 {
		t.Fatalf("note not deleted: %+v", sess.TakeNotes(take))
	}
	if len(s.noteRows) != 1 || reviewGridHas(s.transcript, "[note 2]") {
		t.Error("deleted note still shown")
	}

	// A fresh screen on the same store shows what was saved.
	f2 := &reviewFixture{t: t, q: newUIQueue(), sessID: f.sessID}
	f2.s = newReviewScreen(f.s.deps, f.win, func(err error) { t.Error(err) })
	f2.s.do = f2.q.do
	f2.open(take)
	if len(f2.s.noteRows) != 1 || !strings.Contains(f2.s.noteRows[0].text.Text, "attribution data") {
		t.Fatalf("reloaded screen shows %d notes", len(f2.s.noteRows))
	}
	f2.s.shutdown()
}

// tapDialogButton taps the button labelled label in the window's top overlay.
func tapDialogButton(t *testing.T, w fyne.Window, label string) {
	t.Helper()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatalf("no dialog shown (looking for %q)", label)
	}
	var found *widget.Button
	reviewWalk(top, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == label && found == nil {
			found = b
		}
	})
	if found == nil {
		t.Fatalf("dialog has no %q button", label)
	}
	test.Tap(found)
}

func reviewWalk(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	fn(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			reviewWalk(c, fn)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			reviewWalk(c, fn)
		}
	}
}

func TestReviewTranscriptionStates(t *testing.T) {
	f := newReviewFixture(t, reviewOpts{queue: true})
	failed := f.addTake(4, nil)
	fresh := f.addTake(4, nil)
	f.queue.status[failed] = transcribe.JobStatus{SessionID: f.sessID, TakeID: failed, State: transcribe.StateFailed,
		Reason: "the server refused the API key (401)"}
	f.open(failed)
	s := f.s
	if !strings.Contains(s.state.Text, "refused the API key") || !s.retryBtn.Visible() {
		t.Fatalf("failed take: state %q, retry shown %v", s.state.Text, s.retryBtn.Visible())
	}
	test.Tap(s.retryBtn)
	if len(f.queue.retried) != 1 || f.queue.retried[0] != failed {
		t.Fatalf("retry calls %v", f.queue.retried)
	}
	if !strings.Contains(s.state.Text, "Queued") || s.retryBtn.Visible() {
		t.Errorf("after retry: state %q", s.state.Text)
	}
	// Updates from the queue: for another take they are ignored; for this
	// one they show, and "done" loads the transcript.
	s.transcriptionUpdate(transcribe.JobStatus{TakeID: fresh, State: transcribe.StateFailed, Reason: "other take"})
	if strings.Contains(s.state.Text, "other take") {
		t.Error("an update for another take changed the state")
	}
	s.transcriptionUpdate(transcribe.JobStatus{TakeID: failed, State: transcribe.StateTranscribing})
	if s.state.Text != "Transcribing…" {
		t.Errorf("state %q, want Transcribing…", s.state.Text)
	}
	tr := timedTranscript(answerText, -1)
	if err := f.store.SaveTranscript(f.sessID, failed, tr); err != nil {
		t.Fatal(err)
	}
	s.transcriptionUpdate(transcribe.JobStatus{TakeID: failed, State: transcribe.StateDone})
	f.waitLoaded()
	if s.report == nil || !strings.Contains(s.state.Text, "whisper-1") {
		t.Fatalf("after done: state %q, report %v", s.state.Text, s.report != nil)
	}

	// A take the queue doesn't know: Transcribe queues it with its audio
	// and the question's vocabulary.
	f.open(fresh)
	if !s.transcribeBtn.Visible() {
		t.Fatalf("untranscribed take with a queue: state %q, no Transcribe button", s.state.Text)
	}
	test.Tap(s.transcribeBtn)
	if len(f.queue.enqueued) != 1 {
		t.Fatalf("enqueued %v", f.queue.enqueued)
	}
	j := f.queue.enqueued[0]
	if j.TakeID != fresh || !strings.HasSuffix(j.AudioPath, ".wav") || len(j.Hints.Vocabulary) == 0 {
		t.Errorf("job %+v", j)
	}
	// A queued take can be cancelled; it can then be transcribed again.
	if !s.cancelBtn.Visible() {
		t.Fatalf("queued take: state %q, no Cancel button", s.state.Text)
	}
	test.Tap(s.cancelBtn)
	if len(f.queue.canceled) != 1 || f.queue.canceled[0] != fresh || !strings.Contains(s.state.Text, "cancelled") || !s.transcribeBtn.Visible() {
		t.Fatalf("after cancel: canceled %v, state %q, transcribe shown %v", f.queue.canceled, s.state.Text, s.transcribeBtn.Visible())
	}
	test.Tap(s.transcribeBtn)
	f.queue.enqueued = f.queue.enqueued[:1]
	// Failed in the store (before a restart), unknown to the queue: Retry
	// queues it afresh.
	if err := f.store.SetTranscriptState(f.sessID, fresh, session.TranscriptFailed, "network unreachable"); err != nil {
		t.Fatal(err)
	}
	delete(f.queue.status, fresh)
	f.s.queueStatus = nil
	f.open(fresh)
	if !strings.Contains(s.state.Text, "network unreachable") || !s.retryBtn.Visible() {
		t.Fatalf("stored failure: state %q", s.state.Text)
	}
	test.Tap(s.retryBtn)
	if len(f.queue.enqueued) != 2 {
		t.Errorf("retry of a forgotten take should enqueue it: %v", f.queue.enqueued)
	}
	if len(f.errs) > 0 {
		t.Errorf("errors: %v", f.errs)
	}
}

func TestReviewRetakeAndCompare(t *testing.T) {
	f := newReviewFixture(t, reviewOpts{})
	t1 := f.addTake(12, timedTranscript(answerText, -1))
	second := "I'd start with the attribution data and align with sales leadership, then hold ten percent for testing."
	t2 := f.addTake(8, timedTranscript(second, -1))
	f.open("") // no take named: the latest
	s := f.s
	if s.takeID != t2 {
		t.Fatalf("open with no take shows %q, want the latest %q", s.takeID, t2)
	}
	if len(s.takeSel.Options) != 2 || !strings.HasPrefix(s.takeSel.Selected, "Take 2 · Q1") {
		t.Fatalf("take picker %v / %q", s.takeSel.Options, s.takeSel.Selected)
	}
	test.Tap(s.retakeBtn)
	if len(f.retakes) != 1 || f.retakes[0] != f.sessID+"/"+f.question.ID {
		t.Errorf("retake calls %v", f.retakes)
	}
	test.Tap(s.compareBtn)
	f.q.until(t, "the comparison", func() bool { return s.compareGrid != nil })
	var texts []string
	for _, o := range s.compareGrid.Objects {
		texts = append(texts, o.(*widget.Label).Text)
	}
	all := strings.Join(texts, "|")
	w1 := fmt.Sprint(len(strings.Fields(answerText)))
	w2 := fmt.Sprint(len(strings.Fields(second)))
	if !strings.Contains(all, "Take 2 · 0:08 (open)") || !strings.Contains(all, "|Words|"+w1+"|"+w2+"|") {
		t.Errorf("comparison %q: want both takes' word counts %s and %s", all, w1, w2)
	}
	// Picking the other take in the picker opens it.
	s.takeSel.SetSelectedIndex(0)
	f.waitLoaded()
	if s.takeID != t1 || s.report.Metrics.Words != len(strings.Fields(answerText)) {
		t.Errorf("picker did not open take 1 (open %s)", s.takeID)
	}
}

// wcagContrast is the WCAG contrast ratio of two colours.
func wcagContrast(a, b color.Color) float64 {
	lum := func(c color.Color) float64 {
		n := toNRGBA(c)
		ch := func(v uint8) float64 {
			x := float64(v) / 255
			if x <= 0.03928 {
				return x / 12.92
			}
			return math.Pow((x+0.055)/1.055, 2.4)
		}
		return 0.2126*ch(n.R) + 0.7152*ch(n.G) + 0.0722*ch(n.B)
	}
	l1, l2 := lum(a), lum(b)
	if l1 < l2 {
		l1, l2 = l2, l1
	}
	return (l1 + 0.05) / (l2 + 0.05)
}

func TestReviewReadableInLightAndDarkThemes(t *testing.T) {
	for _, tc := range []struct {
		name string
		th   fyne.Theme
	}{{"light", theme.LightTheme()}, {"dark", theme.DarkTheme()}} { //nolint:staticcheck // the fixed variants are what this checks
		t.Run(tc.name, func(t *testing.T) {
			f := newReviewFixture(t, reviewOpts{})
			f.app.Settings().SetTheme(tc.th)
			tr := timedTranscript(answerText, indexOfWord(answerText, "Then"))
			f.open(f.addTake(tr.Duration, tr))
			fg := theme.Color(theme.ColorNameForeground)
			for _, k := range legendKinds {
				if c := wcagContrast(fg, highlightColor(k)); c < 4.5 {
					t.Errorf("%s: text on %q highlight has contrast %.2f, want at least 4.5", tc.name, kinds[k].title, c)
				}
			}
			// The grid follows the theme: a filler is painted in this theme's colour.
			_, fd := findingByRule(f.s.report, "filler")
			st, _ := cellStyle(f.s.transcript, fd.Start)
			if st == nil || toNRGBA(st.BackgroundColor()) != highlightColor(kindFiller) {
				t.Errorf("filler cell style %v, want %v", st, highlightColor(kindFiller))
			}
			img := f.win.Canvas().Capture()
			if img.Bounds().Dx() == 0 {
				t.Error("nothing rendered")
			}
		})
	}
}

func TestReviewShutdownClosesPlayer(t *testing.T) {
	f := newReviewFixture(t, reviewOpts{})
	tr := timedTranscript(answerText, -1)
	a := f.addTake(tr.Duration, tr)
	b := f.addTake(tr.Duration, tr)
	f.open(a)
	first := f.player()
	test.Tap(f.s.playBtn)
	f.open(b)
	if !first.closed {
		t.Error("opening another take should close the first take's player")
	}
	second := f.player()
	if second == first {
		t.Fatal("no new player for the second take")
	}
	test.Tap(f.s.playBtn)
	f.s.refresh()
	f.waitLoaded()
	if f.player() != second || second.closed || !second.Playing() {
		t.Error("refresh should keep the player of the same recording, playing")
	}
	f.s.shutdown()
	if !second.closed {
		t.Error("shutdown should close the player")
	}
}

func TestReviewWithoutAudioOutput(t *testing.T) {
	f := newReviewFixture(t, reviewOpts{noAudio: true})
	tr := timedTranscript(answerText, -1)
	f.open(f.addTake(tr.Duration, tr))
	s := f.s
	if !s.playBtn.Disabled() || !strings.Contains(s.seekNote.Text, "No audio output") {
		t.Fatalf("play enabled %v, note %q", !s.playBtn.Disabled(), s.seekNote.Text)
	}
	i, fd := findingByRule(s.report, "hedge")
	test.Tap(rowOfFinding(t, s, i))
	if math.Abs(s.position-fd.TimeStart) > 0.001 || !strings.HasPrefix(s.posLabel.Text, clock(secDuration(fd.TimeStart))) {
		t.Errorf("without a player the position still moves: %.2f / %q", s.position, s.posLabel.Text)
	}
}

// BenchmarkReviewScreenOpen10Min opens a 10-minute take of about 1,500
// timed words with a 10 ms envelope, in a 1200×800 window: session read,
// recording read (envelope and player), review, and every panel built.
func BenchmarkReviewScreenOpen10Min(b *testing.B) {
	f := newReviewFixture(b, reviewOpts{})
	sentence := strings.Fields("Um, I think we should just do LinkedIn Ads, but I'd start with the attribution data and, uh, look at velocity to revenue with sales leadership, or we could test first; it's your call.")
	var words []string
	for len(words) < 1500 {
		words = append(words, sentence...)
	}
	text := strings.Join(words[:1500], " ")
	tr := &review.Transcript{Text: text, Language: "en", Words: []review.Word{}, Segments: []review.Segment{}}
	for i, w := range strings.Fields(text) {
		s := 0.2 + float64(i)*0.398
		tr.Words = append(tr.Words, review.Word{Word: strings.Trim(w, ".,;"), Start: s, End: s + 0.3})
	}
	tr.Duration = 600
	take := f.addTake(600, tr)
	f.open(take) // warm up
	if f.s.report == nil || f.s.report.Metrics.Words < 1400 {
		b.Fatalf("report %+v", f.s.report)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		f.s.shutdown() // forget the recording so it is read again
		f.open(take)
	}
	b.StopTimer()
	if len(f.errs) > 0 {
		b.Fatal(f.errs)
	}
}

func TestReviewDragSelectsAStretchForANote(t *testing.T) {
	f := newReviewFixture(t, reviewOpts{})
	f.app.Preferences().SetString(app.PrefCoachName, "Sam")
	tr := timedTranscript(answerText, -1)
	take := f.addTake(tr.Duration, tr)
	f.open(take)
	s := f.s
	if s.noteAuthor.Visible() {
		t.Error("with a coach name in Settings the form should not ask for one")
	}
	a := strings.Index(answerText, "attribution")
	b := strings.Index(answerText, "velocity")
	pa, _ := cellPos(s.transcript, a+3)
	pb, _ := cellPos(s.transcript, b+2)
	s.transcript.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: pa}})
	s.transcript.MouseUp(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: pb}})
	test.TapAt(s.transcript, pb) // the tap that ends a drag is not a word tap
	want := b + len("velocity")
	if s.selA != a || s.selB != want {
		t.Fatalf("selection %d..%d, want %d..%d (attribution … velocity)", s.selA, s.selB, a, want)
	}
	s.noteAnchor.SetSelected(anchorSelection)
	test.Type(s.noteText, "Name the attribution model.")
	test.Tap(s.noteSave)
	sess, _ := f.store.Get(f.sessID)
	notes := sess.TakeNotes(take)
	if len(notes) != 1 || notes[0].Start != a || notes[0].End != want || notes[0].Author != "Sam" {
		t.Fatalf("notes %+v", notes)
	}
}

func TestReviewFollowsThemeChange(t *testing.T) {
	f := newReviewFixture(t, reviewOpts{})
	f.app.Settings().SetTheme(theme.LightTheme()) //nolint:staticcheck // a fixed variant is what this checks
	tr := timedTranscript(answerText, -1)
	f.open(f.addTake(tr.Duration, tr))
	_, fd := findingByRule(f.s.report, "filler")
	light := highlightColor(kindFiller)
	f.app.Settings().SetTheme(theme.DarkTheme()) //nolint:staticcheck
	dark := highlightColor(kindFiller)
	if light == dark {
		t.Fatal("filler highlight is the same in light and dark themes")
	}
	test.WidgetRenderer(f.s.transcript).Refresh() // what a theme change does to each widget
	st, _ := cellStyle(f.s.transcript, fd.Start)
	if st == nil || toNRGBA(st.BackgroundColor()) != dark {
		t.Errorf("after switching to dark, filler cell %v, want %v", st, dark)
	}
}

func TestReviewSeekBySegmentWhenNoWordTimings(t *testing.T) {
	f := newReviewFixture(t, reviewOpts{})
	first := "Um, I think we should just do LinkedIn Ads."
	rest := strings.TrimPrefix(answerText, first+" ")
	tr := &review.Transcript{Text: answerText, Words: []review.Word{}, Duration: 30,
		Segments: []review.Segment{{Start: 1, End: 5, Text: first}, {Start: 10, End: 28, Text: rest}}}
	take := f.addTake(30, tr)
	f.open(take)
	off := strings.Index(answerText, "Then")
	a := len(first) + 1
	want := 10 + float64(off-a)/float64(len(rest))*18
	f.tapSeeks(t, off, want, "within the second segment", "segment", "segment timings were used")
}

func TestReviewMarksTheWordBeingPlayed(t *testing.T) {
	f := newReviewFixture(t, reviewOpts{})
	tr := timedTranscript(answerText, -1)
	f.open(f.addTake(tr.Duration, tr))
	s, p := f.s, f.player()
	test.Tap(s.playBtn)
	w := indexOfWord(answerText, "attribution")
	p.Seek(secDuration(tr.Words[w].Start + 0.1))
	off := strings.Index(answerText, "attribution")
	// Marked: its cells are drawn in the playing style (a tint; no bold,
	// so the text does not reflow).
	playingStyled := func() bool {
		st, _ := cellStyle(s.transcript, off)
		k := s.transcript.keyAt(off)
		return k.playing && st == s.transcript.style(k) && st.BackgroundColor() != nil && !st.Style().Bold
	}
	f.q.until(t, "the played word to be marked", playingStyled)
	if s.transcript.playA != off || s.transcript.playB != off+len("attribution") {
		t.Errorf("playing span %d..%d, want %d..%d", s.transcript.playA, s.transcript.playB, off, off+len("attribution"))
	}
	// The previous word is back to normal once playback moves on.
	p.Seek(secDuration(tr.Words[w+1].Start + 0.1))
	f.q.until(t, "the next word to be marked", func() bool { return s.transcript.playA > off })
	if st, _ := cellStyle(s.transcript, off); s.transcript.keyAt(off).playing || st != s.transcript.style(s.transcript.keyAt(off)) {
		t.Error("the word played before is still marked")
	}
}
