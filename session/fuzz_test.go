package session

import (
	"archive/zip"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/rehearse-app/rehearse/audio"
)

// FuzzImportBundle feeds arbitrary bytes to ImportBundle: it must never
// panic, never write outside the library, leave no temporary files, and
// anything it accepts must load.
func FuzzImportBundle(f *testing.F) {
	_, _, good := bundleFixture(f)
	f.Add(good)
	f.Add([]byte{})
	f.Add([]byte("PK\x05\x06" + string(make([]byte, 18))))
	f.Add(zipOf(f, zent{name: "../x.wav", data: []byte("RIFF")}))
	f.Add(zipOf(f, zent{name: "session.json", data: []byte(`{"schema_version":1,"id":"a","takes":[{"id":"t","audio":"t.wav"}]}`)},
		zent{name: "t.wav", data: wavBytes(4)}))
	f.Add(zipOf(f, zent{name: "l.wav", data: []byte("/etc"), mode: os.ModeSymlink | 0o777}))
	f.Add(zipOf(f, zent{name: "session.json", data: make([]byte, 2<<20), method: zip.Deflate}))
	f.Fuzz(func(t *testing.T, data []byte) {
		parent := t.TempDir()
		root := filepath.Join(parent, "lib")
		st, err := Open(root, Options{Limits: Limits{MaxEntryBytes: 4 << 20, MaxTotalBytes: 8 << 20}})
		if err != nil {
			t.Fatal(err)
		}
		in := filepath.Join(parent, "in.zip")
		if err := os.WriteFile(in, data, 0o644); err != nil {
			t.Fatal(err)
		}
		res, err := st.ImportBundle(in)
		ents, _ := os.ReadDir(parent)
		var names []string
		for _, e := range ents {
			names = append(names, e.Name())
		}
		sort.Strings(names)
		if len(names) != 2 || names[0] != "in.zip" || names[1] != "lib" {
			t.Fatalf("wrote outside the library: %v", names)
		}
		if left, _ := os.ReadDir(filepath.Join(root, "tmp")); len(left) != 0 {
			t.Fatalf("temporary files left: %v", left)
		}
		if err != nil {
			if sess, _ := os.ReadDir(filepath.Join(root, "sessions")); len(sess) != 0 {
				t.Fatalf("refused bundle (%v) left %v", err, sess)
			}
			return
		}
		s, gerr := st.Get(res.SessionID)
		if gerr != nil {
			t.Fatalf("accepted bundle does not load: %v", gerr)
		}
		for _, tk := range s.Takes {
			if err := audio.CheckWAVFile(st.TakePath(s, tk), ""); err != nil {
				t.Fatalf("accepted bad audio: %v", err)
			}
		}
	})
}
