package app

import (
	"strconv"
	"strings"
)

// Preferences is where the app's settings are kept: fyne.Preferences in
// the desktop app, a map in tests. The application layer only reads them.
type Preferences interface {
	String(key string) string
	StringWithFallback(key, fallback string) string
}

// Preference keys. Every setting the app remembers is named here and only here.
const (
	PrefInputDevice    = "audio.input_device"     // PortAudio input device name; "" = system default
	PrefOutputDevice   = "audio.output_device"    // PortAudio output device name; "" = system default
	PrefVoice          = "speech.voice"           // voice engine: "system", "openai" or "none"
	PrefVoiceName      = "speech.voice_name"      // engine-specific voice name, e.g. "en-us" or "alloy"
	PrefThinkSeconds   = "practice.think_seconds" // 0 = use each question's own think time
	PrefAnswerSeconds  = "practice.answer_seconds"
	PrefDrillSize      = "practice.drill_size"
	PrefCategory       = "practice.category"
	PrefTranscribeMode = "transcribe.mode" // "auto" or "manual"
	PrefBaseURL        = "transcribe.base_url"
	PrefModel          = "transcribe.model"
	PrefLanguage       = "transcribe.language"
	PrefCoachName      = "coach.author"
	PrefWelcomeHidden  = "practice.welcome_hidden" // true once "Don't show again" was pressed on the first-run panel
	PrefLivePaceOff    = "practice.live_pace_off"  // true to hide the live pace and cues while recording (on by default)
	// The interviewer model (see coach.go); it uses the transcription's API key.
	PrefInterviewer        = "interviewer.mode"      // InterviewerOn or "" (off, the default)
	PrefInterviewerBaseURL = "interviewer.base_url"  // "" = OpenAI
	PrefInterviewerModel   = "interviewer.model"     // "" = coach.DefaultModel
	PrefInterviewerNotes   = "interviewer.notes"     // InterviewerOn to send a take's notes too; "" (the default) keeps them here
	PrefInterviewFollowUps = "interviewer.followups" // follow-ups per question in a mock interview, "0".."3"; "" = 1
)

// MaxInterviewFollowUps bounds the follow-ups a mock interview asks about
// one question.
const MaxInterviewFollowUps = 3

// InterviewFollowUps returns how many follow-ups a mock interview asks
// about each question: PrefInterviewFollowUps, 1 when unset, and within
// 0..MaxInterviewFollowUps whatever was stored.
func InterviewFollowUps(p Preferences) int {
	n, err := strconv.Atoi(strings.TrimSpace(p.String(PrefInterviewFollowUps)))
	if err != nil {
		return 1
	}
	return min(max(n, 0), MaxInterviewFollowUps)
}

// InterviewerOn is PrefInterviewer's value when the interviewer model is on;
// anything else is off.
const InterviewerOn = "on"

// Voice engine choices stored under PrefVoice.
const (
	VoiceSystem = "system"
	VoiceOpenAI = "openai"
	VoiceNone   = "none"
)

// Transcription modes stored under PrefTranscribeMode.
const (
	TranscribeAuto   = "auto"   // transcribe each take when it is saved
	TranscribeManual = "manual" // only when asked on the Review screen
)
