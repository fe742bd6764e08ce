package ui

import (
	"fmt"
	"time"

	"github.com/rehearse-app/rehearse/audio"
)

// The live cues' thresholds.
const (
	// stuckAfter is the silence after which a gentle cue appears.
	stuckAfter = 5 * time.Second
	// wrapUpBefore is how long before the answer limit the wrap-up cue
	// appears (only for limits of at least a minute).
	wrapUpBefore = 15 * time.Second
)

// liveCue is the one gentle line shown under the timer while recording, or
// "" when there is nothing to say: running out of time first, then a long
// silence. lp is the latest live pace reading, elapsed the time recorded
// and limit the answer limit (0 for none).
func liveCue(lp audio.LivePace, elapsed, limit time.Duration) string {
	if limit >= time.Minute && elapsed >= limit-wrapUpBefore {
		left := (limit - elapsed).Round(time.Second)
		if left <= 0 {
			return "Time's up: finish your sentence."
		}
		return fmt.Sprintf("Wrap up: %d s left. Land your result or recommendation.", int(left.Seconds()))
	}
	if lp.Elapsed == 0 || lp.Silence < stuckAfter {
		return ""
	}
	if lp.Silence >= lp.Elapsed {
		return "Take a breath and start with the situation, or what you'd look at first."
	}
	return "Long pause: pick up where you left off, or move to your next point."
}
