package review

import "time"

// Word is one transcribed word with its time in the recording, in seconds.
type Word struct {
	Word  string  `json:"word"`
	Start float64 `json:"start"`
	End   float64 `json:"end"`
}

// Segment is a stretch of transcript with its time in the recording, in seconds.
type Segment struct {
	Start float64 `json:"start"`
	End   float64 `json:"end"`
	Text  string  `json:"text"`
}

// Source says where a transcript came from: the model and server that
// produced it, or "manual" for one typed in by hand.
type Source struct {
	Model  string    `json:"model"`
	Server string    `json:"server"`
	Time   time.Time `json:"time,omitempty"`
}

// Transcript is the text of a spoken answer, with word and segment timings
// when the transcriber gave them. Its JSON form uses the field names of
// OpenAI's verbose_json response; Words and Segments are empty (not absent)
// when there are no timings.
type Transcript struct {
	Text     string    `json:"text"`
	Language string    `json:"language,omitempty"`
	Duration float64   `json:"duration"`
	Words    []Word    `json:"words"`
	Segments []Segment `json:"segments"`
	Source   *Source   `json:"source,omitempty"`
}

// HasWordTimings reports whether the transcript carries per-word times.
func (t *Transcript) HasWordTimings() bool { return len(t.Words) > 0 }

// Envelope is the short-time energy of a recording, handed in by the caller
// (package audio computes it) so the reviewer can find voiced gaps and pauses
// without depending on audio code. RMS[i] is the root-mean-square amplitude,
// on a 0..1 scale, of the frame starting at i*Hop seconds.
type Envelope struct {
	Hop float64   `json:"hop"`
	RMS []float32 `json:"rms"`
}

// Duration is the length in seconds the envelope covers.
func (e *Envelope) Duration() float64 { return float64(len(e.RMS)) * e.Hop }
