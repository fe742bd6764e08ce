package app

import (
	"context"
	"math"
	"slices"

	"github.com/rehearse-app/rehearse/audio"
	"github.com/rehearse-app/rehearse/review"
	"github.com/rehearse-app/rehearse/session"
)

// Calibration bounds: the fewest transcribed takes that calibrate, the most
// recent ones used, and how far the factor may move the estimate.
const (
	minCalibrationTakes = 3
	maxCalibrationTakes = 20
	minCalibration      = 0.7
	maxCalibration      = 1.4
)

// PaceCalibration scales the rate estimated from a recording alone to the
// speaker's own: the median, over their most recent takes with both a
// transcript and a recording, of the word-based pace over the estimate.
// It carries what the fixed syllables-per-word ratio cannot know: how long
// this speaker's words are, and how their voice meets the syllable
// detector.
type PaceCalibration struct {
	// Factor multiplies the estimate; 1 when not calibrated.
	Factor float64
	// Takes is how many takes it comes from; 0 when there were fewer than
	// three.
	Takes int
}

// CalibrationOf returns the pace calibration of a library's entries (as
// session.Store.List returns them, newest first).
func CalibrationOf(entries []session.Entry) PaceCalibration {
	var ratios []float64
	for _, e := range entries {
		for i := len(e.PaceRatios) - 1; i >= 0 && len(ratios) < maxCalibrationTakes; i-- {
			ratios = append(ratios, e.PaceRatios[i])
		}
	}
	if len(ratios) < minCalibrationTakes {
		return PaceCalibration{Factor: 1}
	}
	slices.Sort(ratios)
	med := ratios[len(ratios)/2]
	if len(ratios)%2 == 0 {
		med = (ratios[len(ratios)/2-1] + med) / 2
	}
	return PaceCalibration{Factor: min(max(med, minCalibration), maxCalibration), Takes: len(ratios)}
}

// LibraryCalibration is the pace calibration of the library in store; none
// when the library can't be listed.
func LibraryCalibration(store *session.Store) PaceCalibration {
	if store == nil {
		return PaceCalibration{Factor: 1}
	}
	entries, err := store.List(context.Background())
	if err != nil {
		return PaceCalibration{Factor: 1}
	}
	return CalibrationOf(entries)
}

// Apply returns the delivery with its estimated rates scaled, marked with
// the number of takes behind the calibration; d itself is not changed.
func (c PaceCalibration) Apply(d *review.AudioDelivery) *review.AudioDelivery {
	if d == nil || c.Takes == 0 {
		return d
	}
	out := *d
	out.WPM = round1(d.WPM * c.Factor)
	out.Pace = make([]review.PaceSample, len(d.Pace))
	for i, p := range d.Pace {
		p.WPM = round1(p.WPM * c.Factor)
		out.Pace[i] = p
	}
	out.CalibratedFrom = c.Takes
	return &out
}

// SyllablesPerWord is the ratio the live pace meter should use for this
// speaker.
func (c PaceCalibration) SyllablesPerWord() float64 {
	if c.Takes == 0 || c.Factor <= 0 {
		return audio.DefaultSyllablesPerWord
	}
	return audio.DefaultSyllablesPerWord / c.Factor
}

func round1(x float64) float64 { return math.Round(x*10) / 10 }
