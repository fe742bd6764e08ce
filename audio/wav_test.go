package audio

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/go-audio/wav"

	"github.com/rehearse-app/rehearse/internal/testkit"
)

// noise is testkit.Noise, short for this package's tests.
func noise(n int, seed uint64) []int16 { return testkit.Noise(n, seed) }

func TestWAVWriterRoundTripAndGoAudioDecodes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.wav")
	w, err := CreateWAV(path, 22050, 2)
	if err != nil {
		t.Fatal(err)
	}
	src := noise(2*3001, 1)
	for i := 0; i < len(src); i += 2 * 500 {
		if err := w.Write(src[i:min(i+1000, len(src))]); err != nil {
			t.Fatal(err)
		}
	}
	if w.Frames() != 3001 {
		t.Fatalf("Frames = %d, want 3001", w.Frames())
	}
	if err := w.Write([]int16{1}); err == nil {
		t.Error("writing half a stereo frame succeeded")
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	if err := w.Write(src[:2]); err == nil {
		t.Error("Write after Close succeeded")
	}
	pcm, err := ReadWAV(path)
	if err != nil {
		t.Fatal(err)
	}
	if pcm.Rate != 22050 || pcm.Channels != 2 || !slicesEqual(pcm.Samples, src) {
		t.Fatalf("read back %d Hz %d ch %d samples, want 22050 Hz 2 ch the %d written", pcm.Rate, pcm.Channels, len(pcm.Samples), len(src))
	}
	// go-audio's decoder agrees.
	f, _ := os.Open(path)
	defer f.Close()
	d := wav.NewDecoder(f)
	buf, err := d.FullPCMBuffer()
	if err != nil {
		t.Fatal(err)
	}
	if len(buf.Data) != len(src) || buf.Data[7] != int(src[7]) {
		t.Fatalf("go-audio decoded %d samples, want %d", len(buf.Data), len(src))
	}
	info, err := WAVInfo(path)
	if err != nil || info.Frames != 3001 || info.Duration != 3001*time.Second/22050 {
		t.Fatalf("WAVInfo = %+v, %v", info, err)
	}
}

func slicesEqual(a, b []int16) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestWAVWriterHeaderCurrentWhileWriting(t *testing.T) {
	path := filepath.Join(t.TempDir(), "live.wav")
	w, err := CreateWAV(path, TakeRate, 1)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if info, err := WAVInfo(path); err != nil || info.Frames != 0 {
		t.Fatalf("fresh file: %+v, %v; want a valid empty WAV", info, err)
	}
	w.Write(noise(1600, 2))
	w.Write(noise(1600, 3))
	start := time.Now()
	for {
		info, err := WAVInfo(path)
		if err == nil && info.Frames == 3200 {
			break
		}
		if time.Since(start) > time.Second {
			t.Fatalf("a second after writing, the header says %+v (%v), want 3200 frames", info, err)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// crashed returns the bytes of a WAV of frames frames whose sizes were left
// as go-audio's placeholders, plus extra bytes of a partial frame.
func crashed(t *testing.T, samples []int16, extra int) []byte {
	t.Helper()
	var b bytes.Buffer
	writeWAVHead(&b, 42)
	writeChunkHeader(&b, "data", 42)
	binary.Write(&b, binary.LittleEndian, samples)
	b.Write(make([]byte, extra))
	return b.Bytes()
}

// writeWAVHead writes the RIFF header claiming riffSize bytes and the fmt
// chunk of 16 kHz mono 16-bit PCM.
func writeWAVHead(b *bytes.Buffer, riffSize uint32) {
	writeChunkHeader(b, "RIFF", riffSize)
	b.WriteString("WAVE")
	writeChunkHeader(b, "fmt ", 16)
	for _, v := range []any{uint16(1), uint16(1), uint32(16000), uint32(32000), uint16(2), uint16(16)} {
		binary.Write(b, binary.LittleEndian, v)
	}
}

// writeChunkHeader writes a chunk's id and claimed size.
func writeChunkHeader(b *bytes.Buffer, id string, size uint32) {
	b.WriteString(id)
	binary.Write(b, binary.LittleEndian, size)
}

func TestRepairWAV(t *testing.T) {
	dir := t.TempDir()
	src := noise(16000, 4)
	t.Run("placeholder sizes", func(t *testing.T) {
		p := filepath.Join(dir, "crash.wav")
		os.WriteFile(p, crashed(t, src, 1), 0o644)
		res, err := RepairWAV(p)
		if err != nil {
			t.Fatal(err)
		}
		if !res.Repaired || res.Frames != 16000 || res.Duration != time.Second {
			t.Fatalf("RepairWAV = %+v, want repaired, 16000 frames, 1s", res)
		}
		pcm, err := ReadWAV(p)
		if err != nil || !slicesEqual(pcm.Samples, src) {
			t.Fatalf("after repair: %v, %d samples", err, len(pcm.Samples))
		}
		if st, _ := os.Stat(p); st.Size() != 44+32000 {
			t.Errorf("partial frame kept: size %d", st.Size())
		}
		res, err = RepairWAV(p)
		if err != nil || res.Repaired || res.Frames != 16000 {
			t.Errorf("second repair = %+v, %v; want untouched", res, err)
		}
	})
	t.Run("cut-off copy", func(t *testing.T) {
		w := filepath.Join(dir, "whole.wav")
		WriteWAVFile(w, &PCM{Rate: 16000, Channels: 1, Samples: src})
		b, _ := os.ReadFile(w)
		p := filepath.Join(dir, "cut.wav")
		os.WriteFile(p, b[:44+2*1000+1], 0o644)
		if _, err := ReadWAV(p); !errors.Is(err, ErrTruncated) {
			t.Fatalf("ReadWAV of a cut-off file: %v, want ErrTruncated", err)
		}
		res, err := RepairWAV(p)
		if err != nil || !res.Repaired || res.Frames != 1000 {
			t.Fatalf("RepairWAV = %+v, %v; want 1000 frames", res, err)
		}
		pcm, err := ReadWAV(p)
		if err != nil || !slicesEqual(pcm.Samples, src[:1000]) {
			t.Fatalf("after repair: %v", err)
		}
	})
	t.Run("extra chunks before and after data", func(t *testing.T) {
		var b bytes.Buffer
		writeWAVHead(&b, 0)
		writeChunkHeader(&b, "LIST", 5)
		b.WriteString("abcde\x00")
		writeChunkHeader(&b, "data", 200)
		binary.Write(&b, binary.LittleEndian, src[:100])
		writeChunkHeader(&b, "id3 ", 4)
		b.WriteString("tags")
		p := filepath.Join(dir, "chunks.wav")
		os.WriteFile(p, b.Bytes(), 0o644)
		res, err := RepairWAV(p)
		if err != nil || !res.Repaired || res.Frames != 100 {
			t.Fatalf("RepairWAV = %+v, %v; want RIFF size fixed, 100 frames kept", res, err)
		}
		got, _ := os.ReadFile(p)
		if binary.LittleEndian.Uint32(got[4:]) != uint32(len(got)-8) || len(got) != b.Len() {
			t.Errorf("RIFF size %d for a %d-byte file", binary.LittleEndian.Uint32(got[4:]), len(got))
		}
		pcm, err := ReadWAV(p)
		if err != nil || !slicesEqual(pcm.Samples, src[:100]) {
			t.Fatalf("ReadWAV after repair: %v", err)
		}
	})
}

func TestReadWAVErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, b, 0o644)
		return p
	}
	good := crashed(t, noise(10, 5), 0)
	float := bytes.Clone(good)
	binary.LittleEndian.PutUint16(float[20:], 3)
	bits24 := bytes.Clone(good)
	binary.LittleEndian.PutUint16(bits24[34:], 24)
	for _, tc := range []struct {
		name string
		data []byte
		want error
	}{
		{"text.wav", []byte("hello, this is not audio at all"), ErrNotWAV},
		{"empty.wav", nil, ErrNotWAV},
		{"headonly.wav", good[:36], ErrTruncated},
		{"float.wav", float, ErrFormat},
		{"24bit.wav", bits24, ErrFormat},
	} {
		p := write(tc.name, tc.data)
		if _, err := ReadWAV(p); !errors.Is(err, tc.want) || !bytes.Contains([]byte(err.Error()), []byte(tc.name)) {
			t.Errorf("ReadWAV(%s) = %v, want %v naming the file", tc.name, err, tc.want)
		}
	}
	if _, err := ReadWAV(filepath.Join(dir, "missing.wav")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
}

func FuzzRepairReadWAV(f *testing.F) {
	f.Add(crashed(&testing.T{}, noise(50, 6), 1))
	f.Add([]byte("RIFF\x00\x00\x00\x00WAVEdata\xff\xff\xff\xff"))
	f.Add([]byte("RIFF\x24\x00\x00\x00WAVEfmt \x10\x00\x00\x00\xfe\xff\x01\x00"))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, b []byte) {
		p := filepath.Join(dir, "fuzz.wav")
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		ReadWAV(p)
		WAVInfo(p)
		res, err := RepairWAV(p)
		if err != nil {
			return
		}
		info, err := WAVInfo(p)
		if err != nil {
			t.Fatalf("repaired file unreadable: %v", err)
		}
		if info.Frames != res.Frames {
			t.Fatalf("repair says %d frames, file has %d", res.Frames, info.Frames)
		}
		if _, err := ReadWAV(p); err != nil {
			t.Fatalf("repaired file unreadable: %v", err)
		}
	})
}
