// Package audio records spoken answers, plays them back and reads questions
// aloud.
//
// It is the only package of Rehearse that talks to PortAudio and go-audio.
// Takes are always stored as 16 kHz mono 16-bit PCM WAV files, streamed to
// disk as they are captured, with the header brought up to date at least
// once a second so that a crash loses at most about a second
// (RepairWAV fixes the rest). Devices, voices and files are handed in by the
// caller; the package keeps no globals.
package audio
