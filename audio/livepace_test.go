package audio

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rehearse-app/rehearse/internal/testkit"
)

// feedMeter writes pcm to a fresh meter in 1/16 s buffers, as the capture
// goroutine does, and returns every reading it made.
func feedMeter(t testing.TB, samples []int16, opt PaceOptions) []LivePace {
	t.Helper()
	out := make(chan LivePace, 1024) // large enough that nothing is dropped
	m := NewPaceMeter(opt, out)
	var got []LivePace
	for len(samples) > 0 {
		k := min(len(samples), TakeRate/16)
		m.Write(samples[:k])
		samples = samples[k:]
		// Let the analysis keep up, so that each step is measured.
		for len(m.kick) > 0 {
			time.Sleep(time.Millisecond)
		}
	}
	m.Close()
	close(out)
	for lp := range out {
		got = append(got, lp)
	}
	return got
}

// repeatSpeech resamples pcm to 16 kHz mono and repeats it with a short
// gap until it lasts at least d.
func repeatSpeech(t testing.TB, pcm *PCM, d time.Duration) []int16 {
	t.Helper()
	pcm, err := ResamplePCM(pcm.Mono(), TakeRate)
	if err != nil {
		t.Fatal(err)
	}
	var out []int16
	gap := silence(TakeRate, 0.25)
	for framesDuration(int64(len(out)), TakeRate) < d {
		out = append(append(out, pcm.Samples...), gap...)
	}
	return out
}

// slowSpeaker renders text phrase by phrase (split at commas and full
// stops) at rate with gap seconds of silence between phrases (shorter than a long pause, so it counts as
// speaking time), repeated until it lasts d; it returns the 16 kHz samples
// and the true words per minute over the active span.
func slowSpeaker(t testing.TB, text string, rate int, gap float64, d time.Duration) ([]int16, float64) {
	t.Helper()
	var one []int16
	phrases := strings.FieldsFunc(text, func(r rune) bool { return r == ',' || r == '.' })
	for _, s := range phrases {
		if strings.TrimSpace(s) == "" {
			continue
		}
		p, err := ResamplePCM(trim(espeak(t, "en-us", rate, s)).Mono(), TakeRate)
		if err != nil {
			t.Fatal(err)
		}
		one = append(append(one, p.Samples...), silence(TakeRate, gap)...)
	}
	one = one[:len(one)-int(gap*TakeRate)]
	a, b := activeSpan(&PCM{Rate: TakeRate, Channels: 1, Samples: one})
	truth := float64(countWords(text)) / (b - a) * 60
	return repeatSpeech(t, &PCM{Rate: TakeRate, Channels: 1, Samples: one}, d), truth
}

// TestPaceMeterVerdict: a slow speaker, a middling and a fast one, each
// well inside its band, get the matching verdict once the window holds
// enough speech. The truth is the words of the text over its active
// duration. A single 10 s window reads within about ±20% of it, and
// espeak-ng's own slow rates (-s 80 to 100) stretch vowels into extra
// nuclei and read 30–40% high, so the slow speaker is phrases at a normal
// rate with 1.9 s between them (104 wpm), judged against a 130 wpm floor.
func TestPaceMeterVerdict(t *testing.T) {
	needTools(t, "espeak-ng")
	type speaker struct {
		name    string
		samples []int16
		truth   float64
		opt     PaceOptions
		want    PaceVerdict
	}
	var cases []speaker
	x, truth := slowSpeaker(t, heldText, 150, 1.9, 14*time.Second)
	cases = append(cases, speaker{"phrases at -s 150, 1.9 s apart", x, truth, PaceOptions{SlowBelow: 130}, PaceSlow})
	for _, c := range []struct {
		rate int
		want PaceVerdict
	}{{115, PaceGood}, {260, PaceFast}} {
		x, truth := slowSpeaker(t, heldText, c.rate, 0.25, 14*time.Second)
		cases = append(cases, speaker{fmt.Sprintf("-s %d", c.rate), x, truth, PaceOptions{}, c.want})
	}
	for _, c := range cases {
		got := feedMeter(t, c.samples, c.opt)
		if len(got) < 10 {
			t.Fatalf("%s: %d readings for 14 s, want one a second", c.name, len(got))
		}
		last := got[len(got)-1]
		t.Logf("%s: truth %.0f wpm, live %.0f wpm %s (%d readings)", c.name, c.truth, last.WPM, last.Verdict, len(got))
		if last.Verdict != c.want {
			t.Errorf("%s (truth %.0f wpm): verdict %s at %.0f wpm, want %s", c.name, c.truth, last.Verdict, last.WPM, c.want)
		}
		if got[0].Verdict != PaceUnknown {
			t.Errorf("%s: first reading after 1 s says %s, want unknown (too little speech)", c.name, got[0].Verdict)
		}
	}
}

// TestPaceMeterSilence: the silence after speech grows with the pause, and
// before anything is said it is the whole take.
func TestPaceMeterSilence(t *testing.T) {
	needTools(t, "espeak-ng")
	x := repeatSpeech(t, trim(espeak(t, "en", 150, devText)), 3*time.Second)
	x = append(x, silence(TakeRate, 6)...)
	got := feedMeter(t, x, PaceOptions{})
	last := got[len(got)-1]
	if d := last.Silence - 6*time.Second; d < -600*time.Millisecond || d > 600*time.Millisecond {
		t.Errorf("after 6 s of silence the meter says %v", last.Silence)
	}
	quiet := feedMeter(t, silence(TakeRate, 4), PaceOptions{})
	lq := quiet[len(quiet)-1]
	if lq.Silence != lq.Elapsed || lq.Verdict != PaceUnknown {
		t.Errorf("nothing said: silence %v of %v, verdict %s; want the whole take, unknown", lq.Silence, lq.Elapsed, lq.Verdict)
	}
}

// TestRecordLivePace: a take recorded through the capture pipeline with
// RecordOptions.Pace set delivers readings while it records, and the WAV
// holds every sample (the meter never holds capture up).
func TestRecordLivePace(t *testing.T) {
	needTools(t, "espeak-ng")
	pcm := trim(espeak(t, "en", 150, devText))
	x := repeatSpeech(t, pcm, 6*time.Second)
	ch := make(chan LivePace, 1)
	path := filepath.Join(t.TempDir(), "take.wav")
	r, err := RecordFrom(context.Background(), newMemSource(x, TakeRate), RecordOptions{Path: path, MaxFrames: int64(len(x)), Pace: ch})
	if err != nil {
		t.Fatal(err)
	}
	<-r.Done()
	res, err := r.Stop()
	if err != nil {
		t.Fatal(err)
	}
	if res.Frames != int64(len(x)) {
		t.Errorf("take holds %d frames, want %d", res.Frames, len(x))
	}
	select {
	case lp := <-ch:
		if lp.Elapsed < time.Second || lp.Elapsed > framesDuration(int64(len(x)), TakeRate) {
			t.Errorf("reading at %v, outside the take", lp.Elapsed)
		}
	default:
		t.Fatal("no live pace reading during a 6 s take")
	}
}

// BenchmarkPaceMeterRealtime measures the meter's cost per second of audio:
// one second of writes in capture-sized buffers plus one measure of the
// 10 s window. %core is the CPU time (all threads) per second of audio:
// the share of one core it takes at real time.
func BenchmarkPaceMeterRealtime(b *testing.B) {
	needTools(b, "espeak-ng")
	x := repeatSpeech(b, trim(espeak(b, "en", 150, devText)), 10*time.Second)
	m := &PaceMeter{opt: PaceOptions{}.withDefaults()}
	m.ring = make([]int16, 0, 10*TakeRate)
	m.window = make([]int16, 0, 10*TakeRate)
	m.dueAt = 1 << 62 // measured by hand below
	m.Write(x[:10*TakeRate])
	sec := x[:TakeRate]
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := testkit.CPUTime()
	for range b.N {
		for i := 0; i < len(sec); i += TakeRate / 16 {
			m.Write(sec[i : i+TakeRate/16])
		}
		m.window = append(append(m.window[:0], m.ring[m.head:]...), m.ring[:m.head]...)
		m.measure(m.window, 10*time.Second)
	}
	b.ReportMetric(float64((testkit.CPUTime()-cpu0).Nanoseconds())/float64(b.N)/1e7, "%core")
}

// TestPaceMeterHysteresis: near a limit, the verdict changes only once the
// pace passes the limit by the hysteresis, both ways; with none, at once.
func TestPaceMeterHysteresis(t *testing.T) {
	steps := []struct {
		wpm        float64
		want, none PaceVerdict
	}{
		{150, PaceGood, PaceGood},
		{175, PaceGood, PaceFast}, // past 170, not past 180
		{185, PaceFast, PaceFast},
		{165, PaceFast, PaceGood}, // under 170, not under 160
		{155, PaceGood, PaceGood},
		{105, PaceGood, PaceSlow}, // under 110, not under 100
		{95, PaceSlow, PaceSlow},
		{115, PaceSlow, PaceGood}, // over 110, not over 120
		{125, PaceGood, PaceGood},
		{95, PaceSlow, PaceSlow},
		{195, PaceFast, PaceFast}, // from slow straight to fast
	}
	for _, h := range []float64{0, -1} { // the default (10), and none
		m := &PaceMeter{opt: PaceOptions{Hysteresis: h}.withDefaults()}
		for i, s := range steps {
			want := s.want
			if h < 0 {
				want = s.none
			}
			got := m.verdict(s.wpm)
			m.shown = got
			if got != want {
				t.Errorf("hysteresis %v, step %d: %v wpm after %v: %v, want %v", h, i, s.wpm, steps[max(i-1, 0)].wpm, got, want)
			}
		}
	}
}
