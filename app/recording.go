package app

import (
	"fmt"
	"time"

	"github.com/rehearse-app/rehearse/audio"
	"github.com/rehearse-app/rehearse/review"
)

// EnvelopeHop is the frame length of the energy envelope handed to the reviewer.
const EnvelopeHop = 10 * time.Millisecond

// LoadRecording reads a WAV (repairing nothing: the file is the user's) and
// returns its energy envelope, its delivery measured from the audio, and its
// duration in seconds: what a review from the recording needs.
func LoadRecording(path string) (*review.Envelope, *review.AudioDelivery, float64, error) {
	pcm, err := audio.ReadWAV(path)
	if err != nil {
		return nil, nil, 0, fmt.Errorf("recording: %w", err)
	}
	envl, dur := envelopeOf(pcm)
	return envl, audioDelivery(audio.AnalyzeDelivery(pcm, audio.DeliveryOptions{})), dur, nil
}

// LoadEnvelope reads a WAV (repairing nothing: the file is the user's) and
// returns its energy envelope and duration in seconds.
func LoadEnvelope(path string) (*review.Envelope, float64, error) {
	pcm, err := audio.ReadWAV(path)
	if err != nil {
		return nil, 0, fmt.Errorf("recording: %w", err)
	}
	envl, dur := envelopeOf(pcm)
	return envl, dur, nil
}

// envelopeOf is a recording's energy envelope and its duration in seconds.
func envelopeOf(pcm *audio.PCM) (*review.Envelope, float64) {
	dur := float64(len(pcm.Samples)/max(pcm.Channels, 1)) / float64(pcm.Rate)
	return &review.Envelope{Hop: EnvelopeHop.Seconds(), RMS: audio.Envelope(pcm, EnvelopeHop)}, dur
}

// audioDelivery hands the audio analysis to the reviewer as plain data.
func audioDelivery(d *audio.Delivery) *review.AudioDelivery {
	span := func(s audio.Span) review.TimeSpan {
		return review.TimeSpan{Start: s.Start.Seconds(), End: s.End.Seconds()}
	}
	out := &review.AudioDelivery{DurationS: d.Duration.Seconds(), SpeechStartS: d.Speech.Start.Seconds(),
		SpeechEndS: d.Speech.End.Seconds(), SpeakingS: d.SpeakingTime.Seconds(), WPM: d.WPM}
	for _, p := range d.Pauses {
		out.Pauses = append(out.Pauses, span(p))
	}
	for _, h := range d.Hesitations {
		out.Hesitations = append(out.Hesitations, span(h.Span))
	}
	for _, p := range d.Pace {
		out.Pace = append(out.Pace, review.PaceSample{Start: p.Start.Seconds(), End: p.End.Seconds(), WPM: p.WPM})
	}
	return out
}
