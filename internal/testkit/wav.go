package testkit

import (
	"bytes"
	"encoding/binary"
)

// WAV returns a canonical 44-byte-header WAV file of n frames: 16 kHz mono
// 16-bit PCM holding a quiet sawtooth.
func WAV(n int) []byte {
	var b bytes.Buffer
	data := n * 2
	b.WriteString("RIFF")
	binary.Write(&b, binary.LittleEndian, uint32(36+data))
	b.WriteString("WAVEfmt ")
	binary.Write(&b, binary.LittleEndian, uint32(16))
	binary.Write(&b, binary.LittleEndian, uint16(1))     // PCM
	binary.Write(&b, binary.LittleEndian, uint16(1))     // mono
	binary.Write(&b, binary.LittleEndian, uint32(16000)) // rate
	binary.Write(&b, binary.LittleEndian, uint32(32000)) // byte rate
	binary.Write(&b, binary.LittleEndian, uint16(2))     // block align
	binary.Write(&b, binary.LittleEndian, uint16(16))    // bits
	b.WriteString("data")
	binary.Write(&b, binary.LittleEndian, uint32(data))
	for i := 0; i < n; i++ {
		binary.Write(&b, binary.LittleEndian, int16((i*37)%2000-1000))
	}
	return b.Bytes()
}
