package main

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rehearse-app/rehearse/audio"
)

// TestHostileInputs runs the real binary on hostile inputs at each entry
// point of the command line: each is refused (or warned about) with its
// message and exit code, and nothing is written to the library.
func TestHostileInputs(t *testing.T) {
	in := t.TempDir()
	file := func(name string, data []byte) string {
		p := filepath.Join(in, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	rng := rand.New(rand.NewPCG(1, 2))
	bin := make([]byte, 10<<20)
	for i := range bin {
		bin[i] = byte(rng.UintN(256))
	}
	bin[0], bin[1], bin[2] = 'a', 'b', 0
	huge := bytes.Repeat([]byte("word "), 11<<20/5) // 11 MB, 2.3 million words

	// A WAV of 32-bit float samples, as other apps write.
	float := filepath.Join(in, "float.wav")
	{
		var b bytes.Buffer
		data := make([]byte, 16000*4)
		b.WriteString("RIFF")
		binary.Write(&b, binary.LittleEndian, uint32(36+len(data)))
		b.WriteString("WAVEfmt ")
		for _, v := range []any{uint32(16), uint16(3), uint16(1), uint32(16000), uint32(64000), uint16(4), uint16(32)} {
			binary.Write(&b, binary.LittleEndian, v)
		}
		b.WriteString("data")
		binary.Write(&b, binary.LittleEndian, uint32(len(data)))
		b.Write(data)
		os.WriteFile(float, b.Bytes(), 0o644)
	}

	// A server answering 50 MB of text.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"text": "`)
		chunk := strings.Repeat("word ", 1<<16)
		for range 50 << 20 / len(chunk) {
			if _, err := fmt.Fprint(w, chunk); err != nil {
				return
			}
		}
		fmt.Fprint(w, `"}`)
	}))
	defer srv.Close()
	wav := filepath.Join(in, "take.wav")
	if err := audio.WriteWAVFile(wav, &audio.PCM{Rate: 16000, Channels: 1, Samples: make([]int16, 16000)}); err != nil {
		t.Fatal(err)
	}

	cases := []struct {
		name  string
		args  []string
		code  int
		want  string
		setup func(data string) // files in the data folder
	}{
		{name: "empty transcript", args: []string{"review", file("empty.txt", nil)}, code: 1,
			want: "empty.txt: nothing to review: the transcript is empty"},
		{name: "blank transcript", args: []string{"review", file("blank.txt", []byte(" \n\t\n"))}, code: 1,
			want: "nothing to review: the transcript is empty"},
		{name: "fillers only", args: []string{"review", "--format", "json", file("um.txt", []byte("Um... uh, hmm?"))}, code: 1,
			want: "nothing to review: the transcript is empty"},
		{name: "empty JSON transcript", args: []string{"review", file("empty.json", []byte(`{"text": " ", "words": [{"word": "um", "start": 0, "end": 0.2}]}`))}, code: 1,
			want: "nothing to review: the transcript is empty"},
		{name: "10 MB binary", args: []string{"review", file("blob.bin", bin)}, code: 1,
			want: "blob.bin: not a text transcript (binary data at byte 2: a NUL byte)"},
		{name: "11 MB text", args: []string{"review", file("huge.txt", huge)}, code: 1,
			want: fmt.Sprintf("huge.txt: transcript is too large: %s bytes, over the limit of 2,097,152 bytes (MaxTranscriptBytes)", commas(len(huge)))},
		{name: "float WAV", args: []string{"transcribe", "--base-url", srv.URL + "/v1", float}, code: 1,
			want: "format tag 3 (32-bit float), want 1 (integer PCM); convert with: sox in.wav -r 16000 -c 1 -b 16 out.wav"},
		{name: "server sends 50 MB", args: []string{"transcribe", "--base-url", srv.URL + "/v1", wav}, code: 1,
			want: "the answer is too large: more than the limit of 33,554,432 bytes (MaxTranscriptFileBytes)"},
		{name: "question file over the size limit", args: []string{"questions"}, code: 0,
			want: "huge.yaml: question file is too large: ", setup: func(data string) {
				var b strings.Builder
				b.WriteString("questions:\n")
				for i := range 200_000 {
					fmt.Fprintf(&b, "  - {id: q%d, category: nonsense}\n", i)
				}
				os.MkdirAll(filepath.Join(data, "questions"), 0o755)
				os.WriteFile(filepath.Join(data, "questions", "huge.yaml"), []byte(b.String()), 0o644)
			}},
		{name: "many broken questions", args: []string{"questions"}, code: 0,
			want: "… and 29,990 more in ", setup: func(data string) {
				var b strings.Builder
				b.WriteString("questions:\n")
				for i := range 30_000 {
					fmt.Fprintf(&b, "  - {id: q%d, category: x}\n", i)
				}
				os.MkdirAll(filepath.Join(data, "questions"), 0o755)
				os.WriteFile(filepath.Join(data, "questions", "many.yaml"), []byte(b.String()), 0o644)
			}},
		{name: "alias bomb", args: []string{"questions"}, code: 0,
			want: "bomb.yaml:", setup: func(data string) {
				bomb := "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nquestions: [*g]\n"
				os.MkdirAll(filepath.Join(data, "questions"), 0o755)
				os.WriteFile(filepath.Join(data, "questions", "bomb.yaml"), []byte(bomb), 0o644)
			}},
		{name: "rule file over the size limit", args: []string{"review", file("ok.txt", []byte("I'd start from the data."))}, code: 0,
			want: "big.yaml: rule file is too large: ", setup: func(data string) {
				os.MkdirAll(filepath.Join(data, "rules"), 0o755)
				os.WriteFile(filepath.Join(data, "rules", "big.yaml"), append([]byte("rules: []\n#"), bytes.Repeat([]byte("x"), 2<<20)...), 0o644)
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			data := t.TempDir()
			if c.setup != nil {
				c.setup(data)
			}
			r := rehearse(t, data, c.args...)
			if r.code != c.code || !strings.Contains(r.stderr, c.want) {
				t.Fatalf("exit %d, want %d; stderr should say %q:\n%.2000s", r.code, c.code, c.want, r.stderr)
			}
			if n := strings.Count(r.stderr, "\n"); n > 20 {
				t.Errorf("%d lines on stderr, want warnings capped", n)
			}
			if c.code != 0 && r.stdout != "" {
				t.Errorf("a refused input printed %d bytes of output", len(r.stdout))
			}
			if ents, _ := os.ReadDir(filepath.Join(data, "library")); len(ents) > 0 {
				t.Errorf("the library was written: %v", ents)
			}
			t.Logf("exit %d: %s", r.code, firstLines(r.stderr, 3))
		})
	}
}

// commas formats n with thousands separators.
func commas(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	return strings.Join(lines[:min(n, len(lines))], " | ")
}
