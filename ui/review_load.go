package ui

import (
	"errors"
	"fmt"
	"sync"

	"github.com/rehearse-app/rehearse/app"
	"github.com/rehearse-app/rehearse/review"
	"github.com/rehearse-app/rehearse/session"
)

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
	s.head.state.SetText("Loading…")
	ld := &takeLoad{gen: s.gen}
	deps, sessID, takeID, havePath, haveEnv := s.deps, s.sessID, s.takeID, s.playback.audioPath, s.playback.env
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
	// A take with a recording and no transcript is reviewed from its audio.
	if !hasText(tk) && ld.path == "" {
		return
	}
	if deps.ReviewTake == nil {
		ld.reportErr = errNoReviewer
		return
	}
	ld.report, ld.reportErr = deps.ReviewTake(sess, tk)
	if errors.Is(ld.reportErr, app.ErrNoTranscript) {
		ld.report, ld.reportErr = nil, nil // nothing to review yet
	}
}

// errNoReviewer is the review of a take when Deps has no ReviewTake.
var errNoReviewer = errors.New("no reviewer is set up")

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
		s.head.state.SetText(ld.err.Error())
		s.notify(ld.err)
		return
	}
	s.sess, s.take = ld.sess, ld.take
	s.takeID = ld.take.ID
	s.question = ld.sess.Question(ld.take.QuestionID)
	s.report, s.reportErr = ld.report, ld.reportErr
	if ld.newAudio || ld.path == "" {
		s.closePlayer()
		s.playback.audioPath = ld.path
		s.playback.env = ld.env
		s.playback.player, s.playback.playerErr = ld.player, ld.playerErr
		if ld.envErr != nil && s.playback.playerErr == nil {
			s.playback.playerErr = ld.envErr
		}
		s.playback.position = 0
	}
	s.playback.duration = s.take.Duration
	switch {
	case s.playback.player != nil && s.playback.player.Duration() > 0:
		s.playback.duration = s.playback.player.Duration().Seconds()
	case ld.envDur > 0:
		s.playback.duration = ld.envDur
	case s.playback.duration <= 0 && s.take.Transcript != nil:
		s.playback.duration = s.take.Transcript.Duration
	}
	s.tl = review.NewTimeline(s.take.Transcript, s.playback.duration)
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
	s.showOpinion()
}
