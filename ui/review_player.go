package ui

import (
	"fmt"
	"math"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/rehearse-app/rehearse/review"
)

// tickEvery is how often the position is shown while playing.
const tickEvery = 100 * time.Millisecond

// reviewPlayer plays the open take's recording and shows its waveform.
type reviewPlayer struct {
	player        Player // nil when the take can't be played
	playerErr     error
	env           *review.Envelope
	audioPath     string           // the recording the player and waveform show
	duration      float64          // seconds
	position      float64          // seconds, while there is no player
	seekBasis     review.TimeBasis // how the last click was turned into a time
	tickStop      chan struct{}
	settingSlider bool

	playBtn  *widget.Button
	backBtn  *widget.Button
	fwdBtn   *widget.Button
	slider   *widget.Slider
	posLabel *widget.Label
	seekNote *widget.Label
	wave     *waveform
}

func (s *reviewScreen) buildPlayer() {
	p := &s.playback
	p.playBtn = widget.NewButtonWithIcon("Play", theme.MediaPlayIcon(), s.togglePlay)
	p.backBtn = widget.NewButtonWithIcon("5 s", theme.MediaFastRewindIcon(), func() { s.seekBy(-5) })
	p.fwdBtn = widget.NewButtonWithIcon("5 s", theme.MediaFastForwardIcon(), func() { s.seekBy(5) })
	p.slider = widget.NewSlider(0, 1)
	p.slider.Step = 0.1
	p.slider.OnChanged = s.onSlider
	p.posLabel = widget.NewLabel("0:00 / 0:00")
	p.posLabel.TextStyle = fyne.TextStyle{Monospace: true}
	p.seekNote = widget.NewLabel("")
	p.seekNote.SizeName = theme.SizeNameCaptionText
	p.seekNote.Wrapping = fyne.TextWrapWord
	p.wave = newWaveform(s.kinds)
	p.wave.onSeek = s.onWaveSeek
}

func (s *reviewScreen) playerPanel() fyne.CanvasObject {
	p := &s.playback
	return container.NewVBox(
		container.NewBorder(nil, nil, container.NewHBox(p.playBtn, p.backBtn, p.fwdBtn), p.posLabel, p.slider),
		p.wave,
		p.seekNote,
	)
}

// showPlayer shows the player controls and the waveform of the open take.
func (s *reviewScreen) showPlayer() {
	has := s.playback.player != nil
	enable(s.playback.playBtn, has)
	enable(s.playback.backBtn, has || s.playback.duration > 0)
	enable(s.playback.fwdBtn, has || s.playback.duration > 0)
	enable(s.playback.slider, s.playback.duration > 0)
	s.playback.settingSlider = true
	s.playback.slider.Max = math.Max(s.playback.duration, 0.1)
	s.playback.slider.Refresh()
	s.playback.settingSlider = false
	s.playback.wave.SetEnvelope(s.playback.env, s.playback.duration)
	s.playback.wave.SetMarks(s.waveMarks())
	s.showPace()
	switch {
	case s.playback.playerErr != nil:
		s.playback.seekNote.SetText(fmt.Sprintf("Can't play this take: %v", s.playback.playerErr))
	case s.deps.NewPlayer == nil && s.playback.audioPath != "":
		s.playback.seekNote.SetText("No audio output is available, so the take can't be played; clicking still moves the position.")
	case s.playback.audioPath == "":
		s.playback.seekNote.SetText("This take has no recording.")
	default:
		s.playback.seekNote.SetText("")
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
		k := s.kinds.ofRule(f.Rule)
		if s.kinds.info(k).whole() && !f.HasTime {
			continue
		}
		t0, _ := s.tl.FindingTime(f)
		t1 := t0
		switch {
		case f.HasTime:
			t1 = f.TimeEnd
		case f.End > f.Start:
			t1, _ = s.tl.TimeAt(f.End - 1)
			t1 = math.Max(t1, t0)
		}
		out = append(out, waveMark{t0: t0, t1: t1, kind: k, id: i})
	}
	return out
}

// pos is the current playback position in seconds.
func (s *reviewScreen) pos() float64 {
	if s.playback.player != nil {
		return s.playback.player.Position().Seconds()
	}
	return s.playback.position
}

func (s *reviewScreen) showPosition(sec float64) {
	s.playback.posLabel.SetText(fmt.Sprintf("%s / %s", clock(secDuration(sec)), clock(secDuration(s.playback.duration))))
	s.playback.settingSlider = true
	s.playback.slider.SetValue(sec)
	s.playback.settingSlider = false
	s.playback.wave.SetPosition(sec)
	if s.tl != nil && s.tl.Timed() && s.text.view.Visible() {
		s.text.view.SetPlaying(s.tl.SpokenAt(sec))
	}
}

func (s *reviewScreen) showPlayState() {
	if s.playback.player != nil && s.playback.player.Playing() {
		s.playback.playBtn.SetText("Pause")
		s.playback.playBtn.SetIcon(theme.MediaPauseIcon())
	} else {
		s.playback.playBtn.SetText("Play")
		s.playback.playBtn.SetIcon(theme.MediaPlayIcon())
	}
}

func secDuration(sec float64) time.Duration { return time.Duration(sec * float64(time.Second)) }

// togglePlay plays or pauses the take.
func (s *reviewScreen) togglePlay() {
	if s.playback.player == nil {
		return
	}
	if s.playback.player.Playing() {
		s.pausePlayback()
		return
	}
	s.play()
}

// play starts playback from the current position.
func (s *reviewScreen) play() {
	if s.playback.player == nil {
		return
	}
	if err := s.playback.player.Play(); err != nil {
		s.notify(fmt.Errorf("playing the take: %w", err))
		return
	}
	s.startTicker()
	s.showPlayState()
}

// pausePlayback pauses, keeping the position.
func (s *reviewScreen) pausePlayback() {
	s.stopTicker()
	if s.playback.player != nil && s.playback.player.Playing() {
		s.playback.player.Pause()
	}
	if s.playback.player != nil {
		s.showPlayState()
		s.showPosition(s.pos())
	}
}

// closePlayer stops playback and closes the player.
func (s *reviewScreen) closePlayer() {
	s.stopTicker()
	if s.playback.player != nil {
		s.playback.player.Pause()
		if err := s.playback.player.Close(); err != nil {
			s.notify(fmt.Errorf("closing the player: %w", err))
		}
		s.playback.player = nil
	}
}

// seekTo moves the position to sec (clamped to the take).
func (s *reviewScreen) seekTo(sec float64) {
	sec = math.Max(0, sec)
	if s.playback.duration > 0 {
		sec = math.Min(sec, s.playback.duration)
	}
	s.playback.position = sec
	if s.playback.player != nil {
		s.playback.player.Seek(secDuration(sec))
	}
	s.showPosition(sec)
}

// playFrom seeks to sec and plays from there.
func (s *reviewScreen) playFrom(sec float64) {
	s.seekTo(sec)
	if s.playback.player != nil && !s.playback.player.Playing() {
		s.play()
	}
}

func (s *reviewScreen) seekBy(d float64) { s.seekTo(s.pos() + d) }

func (s *reviewScreen) onSlider(v float64) {
	if s.playback.settingSlider {
		return
	}
	s.seekTo(v)
}

// onWaveSeek plays from a tap on the waveform; a mark selects its finding.
func (s *reviewScreen) onWaveSeek(sec float64, m *waveMark) {
	if m != nil && s.report != nil && m.id < len(s.report.Findings) {
		s.selectFinding(m.id, false)
	}
	s.playback.seekBasis = ""
	s.playFrom(sec)
}

// startTicker shows the position while playing, until playback stops.
func (s *reviewScreen) startTicker() {
	s.stopTicker()
	stop := make(chan struct{})
	s.playback.tickStop = stop
	do, p := s.do, s.playback.player
	go func() {
		t := time.NewTicker(tickEvery)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				do(func() {
					if s.playback.tickStop != stop || s.playback.player != p {
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
	if s.playback.tickStop != nil {
		close(s.playback.tickStop)
		s.playback.tickStop = nil
	}
}

// showPace draws the pace estimated from the recording under the waveform,
// against the pace rule's limits.
func (s *reviewScreen) showPace() {
	if s.report == nil {
		s.playback.wave.SetPace(nil, 0, 0)
		return
	}
	slow, fast := paceLimits(s.deps.Reviewer)
	if slow <= 0 || fast <= 0 {
		slow, fast = 110, 170
	}
	s.playback.wave.SetPace(s.report.PaceSeries, slow, fast)
}
