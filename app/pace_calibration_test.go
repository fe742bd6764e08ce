package app

import (
	"math"
	"testing"
	"time"

	"github.com/rehearse-app/rehearse/internal/testkit"
	"github.com/rehearse-app/rehearse/review"
	"github.com/rehearse-app/rehearse/session"
)

// TestCalibrationOf: fewer than three takes do not calibrate; the factor
// is the median of the newest twenty ratios, within 0.7–1.4.
func TestCalibrationOf(t *testing.T) {
	entry := func(r ...float64) session.Entry { return session.Entry{PaceRatios: r} }
	many := make([]float64, 30)
	for i := range many {
		many[i] = 2 // older takes, beyond the newest twenty
	}
	for _, c := range []struct {
		name    string
		entries []session.Entry
		factor  float64
		takes   int
	}{
		{"none", nil, 1, 0},
		{"two", []session.Entry{entry(1.2), entry(1.3)}, 1, 0},
		{"odd", []session.Entry{entry(1.3, 1.1), entry(1.2)}, 1.2, 3},
		{"even", []session.Entry{entry(1.0, 1.1, 1.2, 1.3)}, 1.15, 4},
		{"clamped high", []session.Entry{entry(2, 2, 2)}, 1.4, 3},
		{"clamped low", []session.Entry{entry(0.3, 0.3, 0.3)}, 0.7, 3},
		{"newest twenty", []session.Entry{entry(1.1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1), entry(many...)}, 1.1, 20},
	} {
		got := CalibrationOf(c.entries)
		if math.Abs(got.Factor-c.factor) > 1e-9 || got.Takes != c.takes {
			t.Errorf("%s: %+v, want factor %v from %d takes", c.name, got, c.factor, c.takes)
		}
	}
}

// TestReviewsCalibrateTheEstimate: with three transcribed takes whose word
// pace ran 1.25 times the estimate from their recordings, a take with a
// recording and no transcript gets its estimated pace (and the pace line)
// scaled by 1.25 and says so; the library's takes are real WAVs and real
// summaries, through the index.
func TestReviewsCalibrateTheEstimate(t *testing.T) {
	store, rules, q := reviewsFixture(t)
	rv := NewReviews(review.New(rules), store, &EnvelopeCache{})
	rv.calTTL = 0 // the summaries below are set behind its back
	take := func() (*session.Session, *session.Take) { return recordedTake(t, store, q, testkit.Syllables(8, 4)) }
	sess, tk := take()
	raw, err := rv.Review(sess, tk)
	if err != nil || raw.Metrics.WPMAudio <= 0 || raw.Metrics.WPMAudioCalibratedFrom != 0 {
		t.Fatalf("before calibration: %v, wpm_audio %v from %d takes", err, raw.Metrics.WPMAudio, raw.Metrics.WPMAudioCalibratedFrom)
	}
	for range 3 {
		s, k := take()
		sum := review.Summary{Words: 60, WPM: 1.25 * raw.Metrics.WPMAudio, WPMAudio: raw.Metrics.WPMAudio}
		if err := store.SetSummary(s.ID, k.ID, &sum); err != nil {
			t.Fatal(err)
		}
	}
	got, err := rv.Review(sess, tk)
	if err != nil {
		t.Fatal(err)
	}
	if want := raw.Metrics.WPMAudio * 1.25; math.Abs(got.Metrics.WPMAudio-want) > 0.2 || got.Metrics.WPMAudioCalibratedFrom != 3 {
		t.Errorf("calibrated: wpm_audio %v from %d takes, want %.1f from 3", got.Metrics.WPMAudio, got.Metrics.WPMAudioCalibratedFrom, want)
	}
	for i, p := range got.PaceSeries {
		if w := raw.PaceSeries[i].WPM * 1.25; math.Abs(p.WPM-w) > 0.2 {
			t.Errorf("pace line at %.0f s: %v, want %.1f", p.Start, p.WPM, w)
		}
	}
}

// TestReviewsCalibrationRefreshesOnSummary: saving a take's summary drops
// the cached calibration, so the next audio-only review lists the library
// again instead of waiting out the cache.
func TestReviewsCalibrationRefreshesOnSummary(t *testing.T) {
	store, rules, q := reviewsFixture(t)
	rv := NewReviews(review.New(rules), store, &EnvelopeCache{})
	rv.calTTL = time.Hour
	sess, tk := recordedTake(t, store, q, testkit.Syllables(8, 4))
	rv.calibration()
	if rv.calAt.IsZero() {
		t.Fatal("calibration not cached")
	}
	if _, err := rv.ReviewAndSummarize(sess, tk); err != nil {
		t.Fatal(err)
	}
	if !rv.calAt.IsZero() {
		t.Error("a new summary left the cached calibration in place")
	}
}
