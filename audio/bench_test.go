package audio

import (
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rehearse-app/rehearse/audio/alsatest"
	"github.com/rehearse-app/rehearse/internal/testkit"
)

// rssBytes is the process's resident set size from /proc/self/statm.
func rssBytes() int64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b))
	if len(f) < 2 {
		return 0
	}
	pages, _ := strconv.ParseInt(f[1], 10, 64)
	return pages * int64(os.Getpagesize())
}

// recordFromFileDevice records seconds of audio from the ALSA file device
// through System.Record, opening it at deviceRate (0 = 16 kHz).
func recordFromFileDevice(b *testing.B, sys *System, dir string, seconds, deviceRate int) Result {
	b.Helper()
	res := recordToEnd(b, sys, RecordOptions{
		Device: alsatest.Mic, Path: filepath.Join(dir, "take.wav"),
		MaxFrames: int64(seconds * TakeRate), Levels: make(chan Level, 1), deviceRate: deviceRate,
	})
	if res.Frames != int64(seconds*TakeRate) {
		b.Fatalf("recorded %d frames, want %d", res.Frames, seconds*TakeRate)
	}
	return res
}

func benchCapture(b *testing.B, deviceRate int) {
	rate := TakeRate
	if deviceRate > 0 {
		rate = deviceRate
	}
	alsatest.Setup(b, alsatest.Raw(sine(440, rate, 10*rate, 8000)))
	sys := initSystem(b)
	dir := b.TempDir()
	const seconds = 60
	cpu0 := testkit.CPUTime()
	for b.Loop() {
		recordFromFileDevice(b, sys, dir, seconds, deviceRate)
	}
	cpu := testkit.CPUTime() - cpu0
	audio := time.Duration(b.N) * seconds * time.Second
	b.ReportMetric(float64(audio)/float64(b.Elapsed()), "x-realtime")
	b.ReportMetric(cpu.Seconds()/audio.Minutes(), "cpu-s/audio-min")
}

// BenchmarkCapture16k is the capture pipeline (PortAudio ALSA file device at
// 16 kHz -> WAV file) on one minute of audio per op.
func BenchmarkCapture16k(b *testing.B) { benchCapture(b, 0) }

// BenchmarkCapture48k is the same with the device at 48 kHz, resampled.
func BenchmarkCapture48k(b *testing.B) { benchCapture(b, 48000) }

// BenchmarkCaptureMemory60Min records 60 minutes from a file device and
// reports how much the heap and the resident set grew (peak during the take
// minus before it).
func BenchmarkCaptureMemory60Min(b *testing.B) {
	alsatest.Setup(b, alsatest.Raw(sine(440, TakeRate, 10*TakeRate, 8000)))
	sys := initSystem(b)
	dir := b.TempDir()
	for b.Loop() {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		heap0, rss0 := ms.HeapAlloc, rssBytes()
		var peakHeap uint64
		var peakRSS int64
		stop := make(chan struct{})
		sampled := make(chan struct{})
		go func() {
			defer close(sampled)
			t := time.NewTicker(50 * time.Millisecond)
			defer t.Stop()
			for {
				var m runtime.MemStats
				runtime.ReadMemStats(&m)
				peakHeap = max(peakHeap, m.HeapAlloc)
				peakRSS = max(peakRSS, rssBytes())
				select {
				case <-stop:
					return
				case <-t.C:
				}
			}
		}()
		cpu0 := testkit.CPUTime()
		start := time.Now()
		recordFromFileDevice(b, sys, dir, 3600, 0)
		wall := time.Since(start)
		cpu := testkit.CPUTime() - cpu0
		close(stop)
		<-sampled
		runtime.GC()
		runtime.ReadMemStats(&ms)
		b.ReportMetric(float64(int64(peakHeap)-int64(heap0))/1e6, "heap-growth-MB")
		b.ReportMetric(float64(int64(ms.HeapAlloc)-int64(heap0))/1e6, "live-heap-growth-MB")
		b.ReportMetric(float64(peakRSS-rss0)/1e6, "rss-growth-MB")
		b.ReportMetric(float64(time.Hour)/float64(wall), "x-realtime")
		b.ReportMetric(cpu.Seconds()/60, "cpu-s/audio-min")
		os.Remove(filepath.Join(dir, "take.wav"))
	}
}

// BenchmarkEnvelope10Min is Envelope with a 10 ms hop over 10 minutes of
// 16 kHz audio.
func BenchmarkEnvelope10Min(b *testing.B) {
	pcm := &PCM{Rate: TakeRate, Channels: 1, Samples: noise(10*60*TakeRate, 13)}
	b.SetBytes(int64(2 * len(pcm.Samples)))
	b.ReportAllocs()
	for b.Loop() {
		Envelope(pcm, 10*time.Millisecond)
	}
}

// BenchmarkWAVWriter is WAVWriter.Write on 1/16 s buffers (the capture
// path's disk side).
func BenchmarkWAVWriter(b *testing.B) {
	w, err := CreateWAV(filepath.Join(b.TempDir(), "w.wav"), TakeRate, 1)
	if err != nil {
		b.Fatal(err)
	}
	defer w.Close()
	buf := noise(TakeRate/16, 14)
	b.SetBytes(int64(2 * len(buf)))
	b.ReportAllocs()
	for b.Loop() {
		w.Write(buf)
	}
}
