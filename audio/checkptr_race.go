//go:build race

package audio

import (
	"sync"

	"github.com/gordonklaus/portaudio"
)

// streamIDBump runs once per process.
var streamIDBump sync.Once

// avoidCheckptrStreamIDs works around a bug of gordonklaus/portaudio under
// -race: OpenStream passes its stream counter to C as unsafe.Pointer(id),
// and the checkptr instrumentation that -race turns on aborts the program
// for any id from 1 to 4095 (below the smallest legal pointer). A failed
// OpenStream (no buffer arguments: rejected in Go before any C call) still
// takes an id, so taking 4096 of them once makes every real stream's id
// safe. Builds without -race have no checkptr and skip this.
func avoidCheckptrStreamIDs() {
	streamIDBump.Do(func() {
		for i := 0; i < 4096; i++ {
			portaudio.OpenStream(portaudio.StreamParameters{})
		}
	})
}
