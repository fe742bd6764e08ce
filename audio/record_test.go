package audio

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rehearse-app/rehearse/audio/alsatest"
)

const answerText = "I would start with the attribution data before choosing any channel."

func TestRecordFileDeviceMatchesSource(t *testing.T) {
	raw := alsatest.Speech(t, answerText, TakeRate)
	src := alsatest.Samples(raw)
	alsatest.Setup(t, raw)
	sys := initSystem(t)
	out := filepath.Join(t.TempDir(), "take.wav")
	levels := make(chan Level, 1)
	res := recordToEnd(t, sys, RecordOptions{Device: alsatest.Mic, Path: out, MaxFrames: int64(len(src)), Levels: levels})
	if res.Frames != int64(len(src)) {
		t.Fatalf("Result.Frames = %d, want %d", res.Frames, len(src))
	}
	pcm, err := ReadWAV(out)
	if err != nil {
		t.Fatal(err)
	}
	if pcm.Rate != TakeRate || pcm.Channels != 1 || len(pcm.Samples) != len(src) {
		t.Fatalf("WAV is %d Hz, %d ch, %d frames; want 16000 Hz mono %d frames", pcm.Rate, pcm.Channels, len(pcm.Samples), len(src))
	}
	diff := 0
	for i := range src {
		if pcm.Samples[i] != src[i] {
			diff++
		}
	}
	if diff != 0 {
		t.Errorf("%d of %d samples differ from the source", diff, len(src))
	}
	select {
	case lv := <-levels:
		if lv.Frames <= 0 || lv.Peak <= 0 || lv.RMS <= 0 || lv.RMS > lv.Peak {
			t.Errorf("last level = %+v, want speech levels", lv)
		}
	default:
		t.Error("no level was sent")
	}
}

func TestRecordResamplesFrom48k(t *testing.T) {
	raw48 := alsatest.Speech(t, answerText, 48000)
	ref := alsatest.Samples(alsatest.Speech(t, answerText, TakeRate))
	alsatest.Setup(t, raw48)
	sys := initSystem(t)
	out := filepath.Join(t.TempDir(), "take.wav")
	want := int64(len(ref))
	res := recordToEnd(t, sys, RecordOptions{Device: alsatest.Mic, Path: out, MaxFrames: want, deviceRate: 48000})
	pcm, err := ReadWAV(out)
	if err != nil {
		t.Fatal(err)
	}
	if res.Frames != want || int64(len(pcm.Samples)) != want {
		t.Fatalf("take has %d frames (result %d), want %d", len(pcm.Samples), res.Frames, want)
	}
	c, lag := bestCorrelation(pcm.Samples, ref, 8)
	if c < 0.97 || lag != 0 {
		t.Errorf("resampled take vs sox's 16 kHz version: correlation %.4f at lag %d, want >= 0.97 at 0", c, lag)
	}
}

// recordToEnd records with r until the take ends by itself (MaxFrames) and
// returns the result, failing t if the take cannot start or ends in error.
func recordToEnd(t testing.TB, r Recorder, opt RecordOptions) Result {
	t.Helper()
	rec, err := r.Record(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	<-rec.Done()
	res, err := rec.Stop()
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestRecordUnknownDeviceNamesIt(t *testing.T) {
	alsatest.Setup(t, nil)
	sys := initSystem(t)
	_, err := sys.Record(context.Background(), RecordOptions{Device: "no-such-mic", Path: filepath.Join(t.TempDir(), "x.wav")})
	if err == nil {
		t.Fatal("Record with an unknown device succeeded")
	}
	if !errors.Is(err, ErrNoDevice) || !strings.Contains(err.Error(), `"no-such-mic"`) || !strings.Contains(err.Error(), `"mic"`) {
		t.Errorf("error %q should wrap ErrNoDevice, name the device and list the real ones", err)
	}
}

func TestDevicesListsFileDevices(t *testing.T) {
	alsatest.Setup(t, nil)
	sys := initSystem(t)
	devs, err := sys.Devices()
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]Device{}
	for _, d := range devs {
		found[d.Name] = d
	}
	if d, ok := found[alsatest.Mic]; !ok || d.MaxInputChannels < 1 || d.HostAPI == "" {
		t.Errorf("device %q missing or without input: %+v (all: %v)", alsatest.Mic, d, devs)
	}
	if d, ok := found[alsatest.Speaker]; !ok || d.MaxOutputChannels < 1 {
		t.Errorf("device %q missing or without output: %+v", alsatest.Speaker, d)
	}
}

// memSource is a Source over samples for this package's own tests: one
// 1/16 s buffer per Read, as fast as it is read, silence after the end.
// (internal/testkit/fakemic has the paced, failing one other packages use.)
type memSource struct {
	samples []int16
	r       int
	buf     []int16
}

func newMemSource(samples []int16, rate int) *memSource {
	return &memSource{samples: samples, r: rate, buf: make([]int16, rate/16)}
}

func (s *memSource) Read() ([]int16, error) {
	n := copy(s.buf, s.samples)
	s.samples = s.samples[n:]
	clear(s.buf[n:])
	return s.buf, nil
}
func (s *memSource) Rate() int     { return s.r }
func (s *memSource) Channels() int { return 1 }
func (s *memSource) Close() error  { return nil }

func TestPipelineDoesNotAllocatePerBuffer(t *testing.T) {
	for _, rate := range []int{TakeRate, 48000} {
		src := newMemSource(sine(300, rate, 5*rate, 8000), rate)
		p, err := newPipeline(src, RecordOptions{})
		if err != nil {
			t.Fatal(err)
		}
		w, err := CreateWAV(filepath.Join(t.TempDir(), "a.wav"), TakeRate, 1)
		if err != nil {
			t.Fatal(err)
		}
		ch := make(chan Level, 1)
		step := func() {
			buf, _ := src.Read()
			out := p.convert(buf)
			w.Write(out)
			p.sendLevel(ch, out, w.Frames())
		}
		step()
		if a := testing.AllocsPerRun(50, step); a != 0 {
			t.Errorf("%d Hz: %.1f allocations per buffer, want 0", rate, a)
		}
		w.Close()
	}
}
