package audio_test

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"time"

	"github.com/rehearse-app/rehearse/audio"
)

// toneSource stands in for a microphone: it delivers a tone one 1/16 s
// buffer at a time, then silence.
type toneSource struct {
	tone []int16
	buf  []int16
}

func (s *toneSource) Read() ([]int16, error) {
	n := copy(s.buf, s.tone)
	s.tone = s.tone[n:]
	clear(s.buf[n:])
	return s.buf, nil
}
func (s *toneSource) Rate() int     { return audio.TakeRate }
func (s *toneSource) Channels() int { return 1 }
func (s *toneSource) Close() error  { return nil }

// The app records from a device through an *audio.System; RecordFrom
// records from any Source through the same pipeline (tests use
// internal/testkit/fakemic, a Recorder built on it).
func ExampleRecordFrom() {
	tone := make([]int16, 2*audio.TakeRate)
	for i := range tone {
		tone[i] = int16(8000 * math.Sin(2*math.Pi*440*float64(i)/audio.TakeRate))
	}
	src := &toneSource{tone: tone, buf: make([]int16, audio.TakeRate/16)}
	dir, _ := os.MkdirTemp("", "example")
	defer os.RemoveAll(dir)
	levels := make(chan audio.Level, 1) // capacity 1: the latest level wins
	take, err := audio.RecordFrom(context.Background(), src, audio.RecordOptions{
		Path:      filepath.Join(dir, "take.wav"),
		MaxFrames: audio.TakeRate, // one second
		Levels:    levels,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	<-take.Done()
	res, err := take.Stop()
	fmt.Println(res.Frames, res.Duration, err)
	lv := <-levels
	fmt.Printf("peak %.2f at %v\n", lv.Peak, lv.Elapsed)
	info, _ := audio.WAVInfo(filepath.Join(dir, "take.wav"))
	fmt.Println(info.Rate, info.Channels, info.Duration)
	env := audio.Envelope(&audio.PCM{Rate: audio.TakeRate, Channels: 1, Samples: tone}, 500*time.Millisecond)
	fmt.Printf("%d windows, RMS %.3f\n", len(env), env[0])
	// Output:
	// 16000 1s <nil>
	// peak 0.24 at 1s
	// 16000 1 1s
	// 4 windows, RMS 0.173
}
