package ui

import (
	"fmt"
	"math"
	"time"

	"fyne.io/fyne/v2/theme"
)

// tickEvery is how often the position is shown while playing.
const tickEvery = 100 * time.Millisecond

// showPlayer shows the player controls and the waveform of the open take.
func (s *reviewScreen) showPlayer() {
	has := s.player != nil
	enable(s.playBtn, has)
	enable(s.backBtn, has || s.duration > 0)
	enable(s.fwdBtn, has || s.duration > 0)
	enable(s.slider, s.duration > 0)
	s.settingSlider = true
	s.slider.Max = math.Max(s.duration, 0.1)
	s.slider.Refresh()
	s.settingSlider = false
	s.wave.SetEnvelope(s.env, s.duration)
	s.wave.SetMarks(s.waveMarks())
	switch {
	case s.playerErr != nil:
		s.seekNote.SetText(fmt.Sprintf("Can't play this take: %v", s.playerErr))
	case s.deps.NewPlayer == nil && s.audioPath != "":
		s.seekNote.SetText("No audio output is available, so the take can't be played; clicking still moves the position.")
	case s.audioPath == "":
		s.seekNote.SetText("This take has no recording.")
	default:
		s.seekNote.SetText("")
	}
	s.showPlayState()
	s.showPosition(s.pos())
}

// waveMarks are the findings with a place in time, for the waveform.
func (s *reviewScreen) waveMarks() []waveMark {
	if s.report == nil || s.tl == nil {
		return nil
	}
	var out []waveMark
	for i, f := range s.report.Findings {
		k := kindOfRule(f.Rule)
		if kinds[k].whole && !f.HasTime {
			continue
		}
		t0, _ := s.tl.findingTime(f)
		t1 := t0
		switch {
		case f.HasTime:
			t1 = f.TimeEnd
		case f.End > f.Start:
			t1, _ = s.tl.timeAt(f.End - 1)
			t1 = math.Max(t1, t0)
		}
		out = append(out, waveMark{t0: t0, t1: t1, kind: k, id: i})
	}
	return out
}

// pos is the current playback position in seconds.
func (s *reviewScreen) pos() float64 {
	if s.player != nil {
		return s.player.Position().Seconds()
	}
	return s.position
}

func (s *reviewScreen) showPosition(sec float64) {
	s.posLabel.SetText(fmt.Sprintf("%s / %s", clock(secDuration(sec)), clock(secDuration(s.duration))))
	s.settingSlider = true
	s.slider.SetValue(sec)
	s.settingSlider = false
	s.wave.SetPosition(sec)
	if s.tl != nil && s.tl.timed && s.transcript.Visible() {
		s.transcript.SetPlaying(s.tl.spokenAt(sec))
	}
}

func (s *reviewScreen) showPlayState() {
	if s.player != nil && s.player.Playing() {
		s.playBtn.SetText("Pause")
		s.playBtn.SetIcon(theme.MediaPauseIcon())
	} else {
		s.playBtn.SetText("Play")
		s.playBtn.SetIcon(theme.MediaPlayIcon())
	}
}

func secDuration(sec float64) time.Duration { return time.Duration(sec * float64(time.Second)) }

// togglePlay plays or pauses the take.
func (s *reviewScreen) togglePlay() {
	if s.player == nil {
		return
	}
	if s.player.Playing() {
		s.pausePlayback()
		return
	}
	s.play()
}

// play starts playback from the current position.
func (s *reviewScreen) play() {
	if s.player == nil {
		return
	}
	if err := s.player.Play(); err != nil {
		s.notify(fmt.Errorf("playing the take: %w", err))
		return
	}
	s.startTicker()
	s.showPlayState()
}

// pausePlayback pauses, keeping the position.
func (s *reviewScreen) pausePlayback() {
	s.stopTicker()
	if s.player != nil && s.player.Playing() {
		s.player.Pause()
	}
	if s.player != nil {
		s.showPlayState()
		s.showPosition(s.pos())
	}
}

// closePlayer stops playback and closes the player.
func (s *reviewScreen) closePlayer() {
	s.stopTicker()
	if s.player != nil {
		s.player.Pause()
		if err := s.player.Close(); err != nil {
			s.notify(fmt.Errorf("closing the player: %w", err))
		}
		s.player = nil
	}
}

// seekTo moves the position to sec (clamped to the take).
func (s *reviewScreen) seekTo(sec float64) {
	sec = math.Max(0, sec)
	if s.duration > 0 {
		sec = math.Min(sec, s.duration)
	}
	s.position = sec
	if s.player != nil {
		s.player.Seek(secDuration(sec))
	}
	s.showPosition(sec)
}

// playFrom seeks to sec and plays from there.
func (s *reviewScreen) playFrom(sec float64) {
	s.seekTo(sec)
	if s.player != nil && !s.player.Playing() {
		s.play()
	}
}

func (s *reviewScreen) seekBy(d float64) { s.seekTo(s.pos() + d) }

func (s *reviewScreen) onSlider(v float64) {
	if s.settingSlider {
		return
	}
	s.seekTo(v)
}

// onWaveSeek plays from a tap on the waveform; a mark selects its finding.
func (s *reviewScreen) onWaveSeek(sec float64, m *waveMark) {
	if m != nil && s.report != nil && m.id < len(s.report.Findings) {
		s.selectFinding(m.id, false)
	}
	s.seekBasis = ""
	s.playFrom(sec)
}

// startTicker shows the position while playing, until playback stops.
func (s *reviewScreen) startTicker() {
	s.stopTicker()
	stop := make(chan struct{})
	s.tickStop = stop
	do, p := s.do, s.player
	go func() {
		t := time.NewTicker(tickEvery)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				do(func() {
					if s.tickStop != stop || s.player != p {
						return
					}
					s.showPosition(p.Position().Seconds())
					if !p.Playing() {
						s.stopTicker()
						s.showPlayState()
					}
				})
			}
		}
	}()
}

func (s *reviewScreen) stopTicker() {
	if s.tickStop != nil {
		close(s.tickStop)
		s.tickStop = nil
	}
}
