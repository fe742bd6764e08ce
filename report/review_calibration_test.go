package report

import (
	"strings"
	"testing"

	"github.com/rehearse-app/rehearse/review"
)

// TestMetricsLineCalibration: an estimate calibrated on the speaker's own
// takes says so; an uncalibrated one does not.
func TestMetricsLineCalibration(t *testing.T) {
	m := review.Metrics{DurationS: 60, SpeakingS: 55, WPMAudio: 150}
	if got := metricsLine(m); !strings.Contains(got, "150 wpm estimated from the recording") || strings.Contains(got, "calibrated") {
		t.Errorf("uncalibrated: %q", got)
	}
	m.WPMAudioCalibratedFrom = 4
	if got := metricsLine(m); !strings.Contains(got, "150 wpm estimated from the recording (calibrated on your 4 transcribed takes)") {
		t.Errorf("calibrated: %q", got)
	}
}
