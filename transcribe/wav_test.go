package transcribe

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rehearse-app/rehearse/review"
)

// Test WAV helpers: 16 kHz mono PCM16 with the canonical 44-byte header,
// written by hand (package audio owns go-audio).

const testRate = 16000

// wavHeader returns the 44-byte header for n data bytes.
func wavHeader(n int) []byte {
	h := make([]byte, 44)
	copy(h[0:], "RIFF")
	binary.LittleEndian.PutUint32(h[4:], uint32(36+n))
	copy(h[8:], "WAVEfmt ")
	binary.LittleEndian.PutUint32(h[16:], 16)
	binary.LittleEndian.PutUint16(h[20:], 1) // PCM
	binary.LittleEndian.PutUint16(h[22:], 1) // mono
	binary.LittleEndian.PutUint32(h[24:], testRate)
	binary.LittleEndian.PutUint32(h[28:], testRate*2)
	binary.LittleEndian.PutUint16(h[32:], 2)
	binary.LittleEndian.PutUint16(h[34:], 16)
	copy(h[36:], "data")
	binary.LittleEndian.PutUint32(h[40:], uint32(n))
	return h
}

// burst is a stretch of tone in a test recording, in seconds.
type burst struct{ start, end float64 }

// toneWAV builds a recording of tone bursts separated by silences, cycling
// through the given tone and gap lengths until total seconds, and returns
// the whole file (header included) and the bursts.
func toneWAV(total float64, tones, gaps []float64) ([]byte, []burst) {
	n := int(total * testRate)
	buf := make([]byte, 44+2*n)
	copy(buf, wavHeader(2*n))
	// one period of a 400 Hz sine: 40 samples
	var period [40]int16
	for i := range period {
		period[i] = int16(8000 * math.Sin(2*math.Pi*float64(i)/40))
	}
	// Render one tone of each length once; copy it into place.
	rendered := map[int][]byte{}
	var bursts []burst
	pos := 0
	for k := 0; pos < n; k++ {
		tl := int(tones[k%len(tones)] * testRate)
		gl := int(gaps[k%len(gaps)] * testRate)
		if pos+tl > n {
			break
		}
		tone, ok := rendered[tl]
		if !ok {
			tone = make([]byte, 2*tl)
			for i := 0; i < tl; i++ {
				binary.LittleEndian.PutUint16(tone[2*i:], uint16(period[i%40]))
			}
			rendered[tl] = tone
		}
		copy(buf[44+2*pos:], tone)
		bursts = append(bursts, burst{float64(pos) / testRate, float64(pos+tl) / testRate})
		pos += tl + gl
	}
	return buf, bursts
}

// writeTone writes a tone recording to dir/name and returns its path and bursts.
func writeTone(t testing.TB, dir, name string, total float64) (string, []burst) {
	t.Helper()
	data, bursts := toneWAV(total, []float64{0.6, 1.0, 1.4}, []float64{0.3, 0.5, 1.2})
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p, bursts
}

// findBursts returns the tone stretches of 16 kHz mono PCM16 samples, found
// in 10 ms windows.
func findBursts(pcm []byte) []burst {
	const win = testRate / 100
	var out []burst
	in := false
	var start int
	nwin := len(pcm) / 2 / win
	for w := 0; w <= nwin; w++ {
		voiced := false
		if w < nwin {
			var sum int64
			for i := 0; i < win; i += 4 { // every 4th sample is plenty for a tone
				v := int16(binary.LittleEndian.Uint16(pcm[2*(w*win+i):]))
				if v < 0 {
					v = -v
				}
				sum += int64(v)
			}
			voiced = sum/(win/4) > 1000
		}
		switch {
		case voiced && !in:
			in, start = true, w
		case !voiced && in:
			in = false
			out = append(out, burst{float64(start) / 100, float64(w) / 100})
		}
	}
	return out
}

// parseTestWAV checks a canonical 16 kHz mono PCM16 WAV and returns its samples.
func parseTestWAV(data []byte) ([]byte, error) {
	if len(data) < 44 || string(data[0:4]) != "RIFF" || string(data[8:12]) != "WAVE" || string(data[36:40]) != "data" {
		return nil, fmt.Errorf("not a canonical WAV (%d bytes)", len(data))
	}
	if ch, rate, bits := binary.LittleEndian.Uint16(data[22:]), binary.LittleEndian.Uint32(data[24:]), binary.LittleEndian.Uint16(data[34:]); ch != 1 || rate != testRate || bits != 16 {
		return nil, fmt.Errorf("WAV is %d ch %d Hz %d bit, want mono 16 kHz 16 bit", ch, rate, bits)
	}
	n := int(binary.LittleEndian.Uint32(data[40:]))
	if 44+n > len(data) {
		return nil, fmt.Errorf("WAV data size %d past the end (%d bytes)", n, len(data))
	}
	return data[44 : 44+n], nil
}

// testSplitter cuts a canonical WAV into chunks of at most maxBytes, at the
// quietest 10 ms window in the last quarter of each allowed span. It stands
// in for audio.SplitWAV, which package audio owns.
type testSplitter struct{ calls int }

func (s *testSplitter) SplitWAV(path, outDir string, maxBytes int64) ([]Chunk, error) {
	s.calls++
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	pcm, err := parseTestWAV(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	const win = testRate / 100
	maxFrames := int((maxBytes - 44) / 2)
	total := len(pcm) / 2
	var chunks []Chunk
	for pos := 0; pos < total; {
		end := total
		if total-pos > maxFrames {
			lo := pos + maxFrames*3/4
			best, bestE := pos+maxFrames, int64(math.MaxInt64)
			for w := lo; w+win <= pos+maxFrames; w += win {
				var e int64
				for i := w; i < w+win; i++ {
					v := int64(int16(binary.LittleEndian.Uint16(pcm[2*i:])))
					e += v * v
				}
				if e < bestE {
					best, bestE = w+win/2, e
				}
			}
			end = best
		}
		p := filepath.Join(outDir, fmt.Sprintf("chunk-%03d.wav", len(chunks)))
		body := pcm[2*pos : 2*end]
		if err := os.WriteFile(p, append(wavHeader(len(body)), body...), 0o644); err != nil {
			return nil, err
		}
		chunks = append(chunks, Chunk{
			Path:     p,
			Offset:   time.Duration(pos) * time.Second / testRate,
			Duration: time.Duration(end-pos) * time.Second / testRate,
		})
		pos = end
	}
	return chunks, nil
}

// checksum returns the SHA-256 of a file.
func checksum(t testing.TB, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := sha256.Sum256(data)
	return hex.EncodeToString(s[:])
}

func TestToneWAVRoundTrip(t *testing.T) {
	data, bursts := toneWAV(20, []float64{0.6, 1.0}, []float64{0.3, 0.5})
	pcm, err := parseTestWAV(data)
	if err != nil {
		t.Fatal(err)
	}
	got := findBursts(pcm)
	if len(got) != len(bursts) {
		t.Fatalf("found %d bursts, generated %d", len(got), len(bursts))
	}
	for i := range got {
		if math.Abs(got[i].start-bursts[i].start) > 0.011 || math.Abs(got[i].end-bursts[i].end) > 0.011 {
			t.Errorf("burst %d found at %v, generated %v", i, got[i], bursts[i])
		}
	}
}

// transcriptPart is a compact way to write a chunk transcript in tests.
type transcriptPart struct {
	text  string
	words [][2]float64
	dur   float64
}

func toTranscripts(ps []*transcriptPart) []*review.Transcript {
	var out []*review.Transcript
	for _, p := range ps {
		t := &review.Transcript{Text: p.text, Duration: p.dur}
		for i, w := range strings.Fields(p.text) {
			t.Words = append(t.Words, review.Word{Word: w, Start: p.words[i][0], End: p.words[i][1]})
		}
		out = append(out, t)
	}
	return out
}
