package transcribe

import "testing"

func TestDescribeStatus(t *testing.T) {
	has := TakeTranscript{Has: true, Source: "whisper-1, word timings"}
	failed := TakeTranscript{Failed: true, Error: "server said no"}
	for _, tc := range []struct {
		name  string
		st    JobStatus
		queue bool
		tk    TakeTranscript
		want  StatusView
	}{
		{"queued", JobStatus{State: StateQueued}, true, TakeTranscript{}, StatusView{"Queued for transcription.", ActionCancel}},
		{"queued with a reason", JobStatus{State: StateQueued, Reason: "retrying in 5 s"}, true, TakeTranscript{},
			StatusView{"Queued for transcription: retrying in 5 s", ActionCancel}},
		{"transcribing over a transcript", JobStatus{State: StateTranscribing}, true, has,
			StatusView{"Transcribing… The current transcript is kept.", ActionCancel}},
		{"queue failed", JobStatus{State: StateFailed, Reason: "timeout"}, true, TakeTranscript{},
			StatusView{"Transcription failed: timeout", ActionRetry}},
		{"has a transcript", JobStatus{State: StateDone}, true, has, StatusView{"Transcript: whisper-1, word timings", ActionNone}},
		{"failed before, queue forgot", JobStatus{State: StateNotTranscribed}, true, failed,
			StatusView{"Transcription failed: server said no", ActionRetry}},
		{"failed before, no queue", JobStatus{}, false, failed, StatusView{"Transcription failed: server said no", ActionNone}},
		{"not transcribed", JobStatus{State: StateNotTranscribed}, true, TakeTranscript{}, StatusView{"Not transcribed yet.", ActionTranscribe}},
		{"cancelled", JobStatus{State: StateNotTranscribed, Reason: "cancelled"}, true, TakeTranscript{},
			StatusView{"Not transcribed (cancelled).", ActionTranscribe}},
		{"no service", JobStatus{}, false, TakeTranscript{},
			StatusView{"Not transcribed. No transcription service is set up (Settings): type or paste the transcript with “Type transcript”.", ActionNone}},
	} {
		if got := DescribeStatus(tc.st, tc.queue, tc.tk); got != tc.want {
			t.Errorf("%s: %+v, want %+v", tc.name, got, tc.want)
		}
	}
}
