package audio

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/rehearse-app/rehearse/audio/alsatest"
)

// TestDeviceVanishesMidTake records from a real paced device (PulseAudio
// through ALSA) and kills the sound server mid-take, as unplugging a USB
// microphone does: the take must end with an error and keep what it had.
func TestDeviceVanishesMidTake(t *testing.T) {
	pulse := alsatest.Pulse(t)
	sys := initSystem(t)
	out := filepath.Join(t.TempDir(), "unplugged.wav")
	rec, err := sys.Record(context.Background(), RecordOptions{Path: out})
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for rec.Frames() < TakeRate/2 {
		if time.Now().After(deadline) {
			t.Fatal("no audio arrived from the PulseAudio device")
		}
		time.Sleep(20 * time.Millisecond)
	}
	before := rec.Frames()
	pulse.Kill()
	select {
	case <-rec.Done():
	case <-time.After(10 * time.Second):
		rec.stop.Store(true)
		t.Fatal("the take did not end within 10 s of the device vanishing")
	}
	res, err := rec.Stop()
	if err == nil {
		t.Errorf("take ended without an error after the device vanished (%+v)", res)
	}
	if res.Frames < before {
		t.Errorf("take kept %d frames, had %d before the device vanished", res.Frames, before)
	}
	info, ierr := WAVInfo(out)
	if ierr != nil || info.Frames != res.Frames {
		t.Errorf("file after device loss: %+v, %v; want %d frames", info, ierr, res.Frames)
	}
	t.Logf("device lost after %d frames: %v; kept %d", before, err, res.Frames)
}
