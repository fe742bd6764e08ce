package audio

import (
	"encoding/binary"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/go-audio/audio"
	"github.com/go-audio/wav"
)

// headerSyncEvery is how often a WAVWriter brings its header up to date and
// fsyncs the file while data arrives.
const headerSyncEvery = 500 * time.Millisecond

// WAVWriter streams 16-bit PCM to a WAV file. A background goroutine
// patches its header and fsyncs the file every half second while data
// arrives, so that a crash loses at most about a second of audio and the
// writer (a capture loop) never waits for the disk to sync. Write must be
// called from one goroutine at a time; Frames, Sync and Close may be called
// from any.
type WAVWriter struct {
	f         *os.File
	path      string
	channels  int
	dataHdr   int64 // offset of the data chunk header
	buf       []byte
	closeOnce sync.Once
	closeErr  error
	stopSync  chan struct{}
	syncDone  chan struct{}

	mu       sync.Mutex
	frames   int64
	synced   int64 // frames the header claimed at the last sync
	closed   bool
	syncErr  error // the background sync's first failure
	syncLock sync.Mutex
}

// CreateWAV creates (truncating) a WAV file at path for 16-bit PCM at rate
// with the given number of channels.
func CreateWAV(path string, rate, channels int) (*WAVWriter, error) {
	if rate < 1 || channels < 1 {
		return nil, fmt.Errorf("creating %s: rate %d and channels %d must be positive", path, rate, channels)
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("creating WAV: %w", err)
	}
	w, err := newWAVWriter(f, path, rate, channels)
	if err != nil {
		f.Close()
		os.Remove(path)
		return nil, err
	}
	w.stopSync = make(chan struct{})
	w.syncDone = make(chan struct{})
	go w.syncLoop(headerSyncEvery)
	return w, nil
}

// syncLoop brings the header up to date and fsyncs while frames arrive.
func (w *WAVWriter) syncLoop(every time.Duration) {
	defer close(w.syncDone)
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-w.stopSync:
			return
		case <-t.C:
		}
		w.mu.Lock()
		changed := w.frames != w.synced
		w.mu.Unlock()
		if !changed {
			continue
		}
		if err := w.Sync(); err != nil {
			w.mu.Lock()
			if w.syncErr == nil {
				w.syncErr = err
			}
			w.mu.Unlock()
		}
	}
}

// newWAVWriter writes the header with go-audio/wav's encoder (RIFF, fmt and
// the data chunk header with placeholder sizes) and patches it right away so
// the empty file is valid. Samples are then written directly: go-audio's
// encoder converts sample by sample through encoding/binary, which allocates
// per sample, and a capture loop must not allocate per buffer.
func newWAVWriter(f *os.File, path string, rate, channels int) (*WAVWriter, error) {
	enc := wav.NewEncoder(f, rate, 16, channels, 1)
	empty := &audio.IntBuffer{Format: &audio.Format{NumChannels: channels, SampleRate: rate}, SourceBitDepth: 16}
	if err := enc.Write(empty); err != nil {
		return nil, fmt.Errorf("writing WAV header to %s: %w", path, err)
	}
	// The encoder is deliberately not closed: its Close only patches the
	// sizes, which this writer does itself, and must not run twice.
	w := &WAVWriter{
		f:        f,
		path:     path,
		channels: channels,
		dataHdr:  int64(enc.WrittenBytes) - 8,
	}
	if err := w.patch(); err != nil {
		return nil, err
	}
	return w, nil
}

// Path is the file w writes.
func (w *WAVWriter) Path() string { return w.path }

// Frames is the number of frames written so far.
func (w *WAVWriter) Frames() int64 {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.frames
}

// Write appends interleaved samples; len(samples) must be a multiple of the
// channel count. It does not allocate once its buffer has grown to the
// largest write.
func (w *WAVWriter) Write(samples []int16) error {
	w.mu.Lock()
	closed, syncErr := w.closed, w.syncErr
	w.mu.Unlock()
	if closed {
		return fmt.Errorf("writing %s: %w", w.path, os.ErrClosed)
	}
	if syncErr != nil {
		return syncErr
	}
	if len(samples)%w.channels != 0 {
		return fmt.Errorf("writing %s: %d samples is not a whole number of %d-channel frames", w.path, len(samples), w.channels)
	}
	if n := 2 * len(samples); cap(w.buf) < n {
		w.buf = make([]byte, n)
	}
	b := w.buf[:2*len(samples)]
	for i, s := range samples {
		binary.LittleEndian.PutUint16(b[2*i:], uint16(s))
	}
	if _, err := w.f.Write(b); err != nil {
		return fmt.Errorf("writing %s: %w", w.path, err)
	}
	w.mu.Lock()
	w.frames += int64(len(samples) / w.channels)
	w.mu.Unlock()
	return nil
}

// patch writes the RIFF and data sizes for the frames written so far
// (pwrite at fixed offsets: safe alongside Write's appends).
func (w *WAVWriter) patch() error {
	w.mu.Lock()
	frames := w.frames
	w.mu.Unlock()
	data := frames * int64(w.channels) * 2
	riff := w.dataHdr + data // the RIFF chunk holds all after its 8-byte header
	if riff > 0xFFFFFFFF {
		return fmt.Errorf("writing %s: %w: more than 4 GiB of audio", w.path, ErrFormat)
	}
	var b [4]byte
	binary.LittleEndian.PutUint32(b[:], uint32(riff))
	if _, err := w.f.WriteAt(b[:], 4); err != nil {
		return fmt.Errorf("patching RIFF size of %s: %w", w.path, err)
	}
	binary.LittleEndian.PutUint32(b[:], uint32(data))
	if _, err := w.f.WriteAt(b[:], w.dataHdr+4); err != nil {
		return fmt.Errorf("patching data size of %s: %w", w.path, err)
	}
	w.mu.Lock()
	w.synced = frames
	w.mu.Unlock()
	return nil
}

// Sync patches the header to the frames written so far and fsyncs the file.
func (w *WAVWriter) Sync() error {
	w.syncLock.Lock()
	defer w.syncLock.Unlock()
	if err := w.patch(); err != nil {
		return err
	}
	if err := w.f.Sync(); err != nil {
		return fmt.Errorf("syncing %s: %w", w.path, err)
	}
	return nil
}

// Close patches the header, fsyncs and closes the file. Calling it again
// returns the first call's result.
func (w *WAVWriter) Close() error {
	w.closeOnce.Do(func() {
		if w.stopSync != nil {
			close(w.stopSync)
			<-w.syncDone
		}
		err := w.Sync()
		if cerr := w.f.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("closing %s: %w", w.path, cerr)
		}
		w.mu.Lock()
		w.closed = true
		w.mu.Unlock()
		w.closeErr = err
	})
	return w.closeErr
}
