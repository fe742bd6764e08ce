package transcribe

// Action is what a take's transcription status lets the user do next.
type Action int

// The actions a status offers.
const (
	ActionNone       Action = iota
	ActionTranscribe        // queue the take
	ActionRetry             // run a failed transcription again
	ActionCancel            // take the take out of the queue
)

// TakeTranscript is what the library knows of a take's transcript.
type TakeTranscript struct {
	Has    bool   // the take has a transcript with words in it
	Source string // where that transcript came from, in words
	Failed bool   // the library records a failed transcription...
	Error  string // ...and why
}

// StatusView is a take's transcription status as a screen shows it.
type StatusView struct {
	Message string
	Action  Action
}

// DescribeStatus says where a take's transcript stands and what can be
// done about it. st is the take's last known queue status (zero when
// none); queue is false when no transcription service is set up.
func DescribeStatus(st JobStatus, queue bool, tk TakeTranscript) StatusView {
	var v StatusView
	switch {
	case st.State == StateQueued:
		v = StatusView{"Queued for transcription.", ActionCancel}
		if st.Reason != "" {
			v.Message = "Queued for transcription: " + st.Reason
		}
	case st.State == StateTranscribing:
		v = StatusView{"Transcribing…", ActionCancel}
	case st.State == StateFailed:
		v = StatusView{"Transcription failed: " + st.Reason, ActionRetry}
	case tk.Has:
		v = StatusView{"Transcript: " + tk.Source, ActionNone}
	case tk.Failed:
		v = StatusView{"Transcription failed: " + tk.Error, ActionNone}
		if queue {
			v.Action = ActionRetry
		}
	case queue:
		v = StatusView{"Not transcribed yet.", ActionTranscribe}
		if st.State == StateNotTranscribed && st.Reason != "" {
			v.Message = "Not transcribed (" + st.Reason + ")."
		}
	default:
		v = StatusView{"Not transcribed. No transcription service is set up (Settings): type or paste the transcript with “Type transcript”.", ActionNone}
	}
	if tk.Has && (st.State == StateFailed || st.State == StateQueued || st.State == StateTranscribing) {
		v.Message += " The current transcript is kept."
	}
	return v
}
