package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/rehearse-app/rehearse/audio"
)

func TestLiveCue(t *testing.T) {
	s := time.Second
	speaking := audio.LivePace{Elapsed: 30 * s, Silence: 0, Verdict: audio.PaceGood, WPM: 140}
	cases := []struct {
		name           string
		lp             audio.LivePace
		elapsed, limit time.Duration
		want           string // a word the cue must hold; "" for no cue
	}{
		{"speaking, plenty of time", speaking, 30 * s, 120 * s, ""},
		{"no reading yet", audio.LivePace{}, 2 * s, 120 * s, ""},
		{"short pause", audio.LivePace{Elapsed: 30 * s, Silence: 3 * s}, 30 * s, 120 * s, ""},
		{"long pause mid-answer", audio.LivePace{Elapsed: 30 * s, Silence: 6 * s}, 30 * s, 120 * s, "Long pause"},
		{"stuck for a start", audio.LivePace{Elapsed: 6 * s, Silence: 6 * s}, 6 * s, 120 * s, "start with"},
		{"fifteen seconds left", speaking, 105 * s, 120 * s, "15 s left"},
		{"wrap-up wins over a pause", audio.LivePace{Elapsed: 110 * s, Silence: 8 * s}, 110 * s, 120 * s, "Wrap up"},
		{"time's up", speaking, 120 * s, 120 * s, "Time's up"},
		{"no limit", speaking, 500 * s, 0, ""},
		{"short limit: no wrap-up cue", speaking, 25 * s, 30 * s, ""},
	}
	for _, c := range cases {
		got := liveCue(c.lp, c.elapsed, c.limit)
		if c.want == "" && got != "" || c.want != "" && !strings.Contains(got, c.want) {
			t.Errorf("%s: cue %q, want %q", c.name, got, c.want)
		}
	}
}
