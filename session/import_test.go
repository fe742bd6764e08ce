package session

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// bundleFixture makes a library with one session of two takes and a note,
// and returns the store, the session id and its exported bundle.
func bundleFixture(t testing.TB) (*Store, string, []byte) {
	t.Helper()
	st, err := Open(t.TempDir(), Options{Now: clockAt(time.Date(2026, 11, 3, 9, 0, 0, 0, time.UTC))})
	if err != nil {
		t.Fatal(err)
	}
	s, _ := st.Create("to the coach", testQuestions())
	t1 := addRecordedTake(t, st, s.ID, "budget-prioritization", 1600, "I would start with attribution.")
	addRecordedTake(t, st, s.ID, "lead-vs-contact", 800, "")
	st.SetSummary(s.ID, t1, summary(5, 100, 0, 90, 80, 70, 60))
	if _, err := st.AddNote(s.ID, Note{ID: "note-1", TakeID: t1, Author: "Me", Tag: TagQuestion, Text: "Too short?", Start: -1, End: -1, Time: 0.5}); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := st.ExportBundle(&b, s.ID); err != nil {
		t.Fatal(err)
	}
	return st, s.ID, b.Bytes()
}

// writeBundle writes bundle bytes to a file outside any library.
func writeBundle(t testing.TB, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "bundle.zip")
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestBundleRoundTrip(t *testing.T) {
	src, id, data := bundleFixture(t)
	dst := newTestStore(t)
	res, err := dst.ImportBundle(writeBundle(t, data))
	if err != nil {
		t.Fatal(err)
	}
	if !res.New || res.SessionID != id || res.TakesAdded != 2 || res.NotesAdded != 1 || len(res.Conflicts) != 0 {
		t.Fatalf("result %+v", res)
	}
	a, _ := src.Get(id)
	b, err := dst.Get(id)
	if err != nil {
		t.Fatal(err)
	}
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	if !bytes.Equal(ja, jb) {
		t.Fatalf("sessions differ:\n%s\n%s", ja, jb)
	}
	for _, tk := range a.Takes {
		wa, _ := os.ReadFile(src.TakePath(a, tk))
		wb, err := os.ReadFile(dst.TakePath(b, tk))
		if err != nil || !bytes.Equal(wa, wb) {
			t.Fatalf("take %s audio differs (%v)", tk.ID, err)
		}
	}
	if list, _ := dst.List(t.Context()); len(list) != 1 || list[0].Title != "to the coach" {
		t.Fatalf("imported session not listed: %+v", list)
	}
	if left, _ := os.ReadDir(filepath.Join(dst.Root(), "tmp")); len(left) != 0 {
		t.Fatalf("temp left: %v", left)
	}
	// Importing the same bundle again changes nothing.
	res, err = dst.ImportBundle(writeBundle(t, data))
	if err != nil || res.New || res.NotesAdded != 0 || res.NotesUnchanged != 1 || res.TakesAdded != 0 || len(res.Conflicts) != 0 {
		t.Fatalf("re-import: %+v %v", res, err)
	}
}

func TestBundleMergeKeepsBothOnConflict(t *testing.T) {
	src, id, _ := bundleFixture(t)
	sess, _ := src.Get(id)
	t1 := sess.Takes[0].ID
	// The coach, in their copy, edits note-1 and adds a note.
	coach := newTestStore(t)
	var b bytes.Buffer
	src.ExportBundle(&b, id)
	if _, err := coach.ImportBundle(writeBundle(t, b.Bytes())); err != nil {
		t.Fatal(err)
	}
	e := *sess.Note("note-1")
	e.Text = "Yes, too short: aim for 90 s"
	e.Author = "Coach"
	coach.EditNote(id, e)
	coach.AddNote(id, Note{ID: "note-2", TakeID: t1, Author: "Coach", Tag: TagPraise, Text: "Clear", Start: 0, End: 1, Time: -1})
	var back bytes.Buffer
	if err := coach.ExportBundle(&back, id); err != nil {
		t.Fatal(err)
	}
	res, err := src.ImportBundle(writeBundle(t, back.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if res.New || res.NotesAdded != 2 || len(res.Conflicts) != 1 || res.Conflicts[0].ID != "note-1" || res.Conflicts[0].KeptAs == "" {
		t.Fatalf("merge result %+v", res)
	}
	got, _ := src.Get(id)
	if n := got.Note("note-1"); n == nil || n.Text != "Too short?" {
		t.Fatalf("local note overwritten: %+v", n)
	}
	if n := got.Note(res.Conflicts[0].KeptAs); n == nil || n.Text != "Yes, too short: aim for 90 s" {
		t.Fatalf("bundle's version not kept: %+v", n)
	}
	if got.Note("note-2") == nil || len(got.Notes) != 3 {
		t.Fatalf("notes %+v", got.Notes)
	}
}

func TestBundleMergeAddsMissingTake(t *testing.T) {
	src, id, data := bundleFixture(t)
	dst := newTestStore(t)
	dst.ImportBundle(writeBundle(t, data))
	sess, _ := dst.Get(id)
	gone := sess.Takes[1].ID
	if err := dst.DeleteTake(id, gone); err != nil {
		t.Fatal(err)
	}
	res, err := dst.ImportBundle(writeBundle(t, data))
	if err != nil || res.TakesAdded != 1 {
		t.Fatalf("%+v %v", res, err)
	}
	got, _ := dst.Get(id)
	if got.Take(gone) == nil {
		t.Fatal("missing take not restored")
	}
	if _, err := os.Stat(dst.TakePath(got, *got.Take(gone))); err != nil {
		t.Fatal(err)
	}
	_ = src
}

func TestImportRefusesHostileBundles(t *testing.T) {
	_, _, good := bundleFixture(t)
	zr, err := zip.NewReader(bytes.NewReader(good), int64(len(good)))
	if err != nil {
		t.Fatal(err)
	}
	var js []byte
	wavs := map[string][]byte{}
	var names []string
	for _, f := range zr.File {
		rc, _ := f.Open()
		var b bytes.Buffer
		b.ReadFrom(rc)
		rc.Close()
		if f.Name == "session.json" {
			js = b.Bytes()
		} else {
			wavs[f.Name] = b.Bytes()
			names = append(names, f.Name)
		}
	}
	base := func(extra ...zent) []zent {
		es := []zent{{name: "session.json", data: js, method: zip.Deflate}}
		for _, n := range names {
			es = append(es, zent{name: n, data: wavs[n]})
		}
		return append(es, extra...)
	}
	editJSON := func(fn func(m map[string]any)) []byte {
		var m map[string]any
		json.Unmarshal(js, &m)
		fn(m)
		out, _ := json.Marshal(m)
		return out
	}
	replace := func(es []zent, name string, data []byte) []zent {
		for i := range es {
			if es[i].name == name {
				es[i].data = data
			}
		}
		return es
	}
	w0 := names[0]
	cases := []struct {
		name string
		ents []zent
		raw  []byte
		want string
	}{
		{name: "zip-slip", ents: base(zent{name: "../evil.wav", data: []byte("x")}), want: "escapes"},
		{name: "zip-slip deep", ents: base(zent{name: "a/../../evil.wav", data: []byte("x")}), want: "escapes"},
		{name: "absolute path", ents: base(zent{name: "/tmp/evil.wav", data: []byte("x")}), want: "absolute"},
		{name: "backslash", ents: base(zent{name: `..\evil.wav`, data: []byte("x")}), want: "backslash"},
		{name: "drive letter", ents: base(zent{name: "C:evil.wav", data: []byte("x")}), want: "drive letter"},
		{name: "subfolder", ents: base(zent{name: "x/evil.wav", data: []byte("x")}), want: "subfolder"},
		{name: "symlink", ents: base(zent{name: "link.wav", data: []byte("/etc/passwd"), mode: os.ModeSymlink | 0o777}), want: "symbolic link"},
		{name: "directory entry", ents: base(zent{name: "d.wav/", mode: os.ModeDir | 0o755}), want: "subfolder"},
		{name: "duplicate entry", ents: base(zent{name: w0, data: wavs[w0]}), want: "duplicate"},
		{name: "duplicate by case", ents: base(zent{name: "SESSION.JSON", data: js}), want: "unexpected file"},
		{name: "unexpected file", ents: base(zent{name: "readme.txt", data: []byte("hi")}), want: "unexpected file"},
		{name: "unreferenced wav", ents: base(zent{name: "extra.wav", data: wavs[w0]}), want: "no take in session.json uses it"},
		{name: "too many entries", ents: func() []zent {
			es := base()
			for i := 0; i < 300; i++ {
				es = append(es, zent{name: "x" + strings.Repeat("y", i%5) + string(rune('a'+i%26)) + ".wav"})
			}
			return es
		}(), want: "entries, more than"},
		{name: "zip bomb", ents: base(zent{name: "bomb.wav", data: make([]byte, 8<<20), method: zip.Deflate}), want: "compression ratio"},
		{name: "bad json", ents: replace(base(), "session.json", []byte("{\"schema_version\": 1,\n \"id\": }")), want: "line 2"},
		{name: "wrong schema", ents: replace(base(), "session.json", editJSON(func(m map[string]any) { m["schema_version"] = 7 })), want: "schema_version is 7"},
		{name: "bad session id", ents: replace(base(), "session.json", editJSON(func(m map[string]any) { m["id"] = "../../x" })), want: "field id"},
		{name: "audio with separator", ents: replace(base(), "session.json", editJSON(func(m map[string]any) {
			m["takes"].([]any)[0].(map[string]any)["audio"] = "../" + w0
		})), want: "takes[0].audio"},
		{name: "audio missing", ents: func() []zent { return base()[:2] }(), want: "is not in the bundle"},
		{name: "no session.json", ents: base()[1:], want: "no session.json"},
		{name: "truncated wav", ents: replace(base(), w0, wavs[w0][:len(wavs[w0])-100]), want: "WAV file is truncated"},
		{name: "not a wav", ents: replace(base(), w0, []byte("ID3 this is an mp3, honest")), want: "not a WAV"},
		{name: "half frame", ents: replace(base(), w0, func() []byte {
			b := append([]byte(nil), wavs[w0]...)
			b = append(b, 0)
			b[40]++ // data size odd
			b[4]++
			return b
		}()), want: "whole number"},
		{name: "not a zip", raw: []byte("PK\x03\x04 nonsense"), want: "not a zip"},
		{name: "binary transcript", ents: replace(base(), "session.json", editJSON(func(m map[string]any) {
			m["takes"].([]any)[0].(map[string]any)["transcript"] = map[string]any{"text": "RIFF\x00\x01 data", "words": []any{}, "segments": []any{}}
		})), want: "takes[0].transcript: not a text transcript (binary data at byte 4: a NUL byte)"},
		{name: "transcript too long", ents: replace(base(), "session.json", editJSON(func(m map[string]any) {
			m["takes"].([]any)[0].(map[string]any)["transcript"] = map[string]any{"text": strings.Repeat("word ", 160_000), "words": []any{}, "segments": []any{}}
		})), want: "over the limit of 150,000 words (MaxTranscriptWords)"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dst := newTestStore(t)
			before := treeOf(t, dst.Root())
			data := tc.raw
			if data == nil {
				data = zipOf(t, tc.ents...)
			}
			res, err := dst.ImportBundle(writeBundle(t, data))
			if err == nil {
				t.Fatalf("accepted: %+v", res)
			}
			if !errors.Is(err, ErrRefused) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %q, want ErrRefused containing %q", err, tc.want)
			}
			if after := treeOf(t, dst.Root()); !reflect.DeepEqual(before, after) {
				t.Fatalf("library changed:\nbefore %v\nafter  %v", before, after)
			}
		})
	}
}

func TestImportRefusesLyingSizes(t *testing.T) {
	// An entry whose header claims fewer bytes than its stream holds.
	_, _, good := bundleFixture(t)
	zr, _ := zip.NewReader(bytes.NewReader(good), int64(len(good)))
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		h := f.FileHeader
		if strings.HasSuffix(f.Name, ".wav") {
			h.UncompressedSize64 -= 10
		}
		w, err := zw.CreateRaw(&h)
		if err != nil {
			t.Fatal(err)
		}
		rc, _ := f.OpenRaw()
		var b bytes.Buffer
		b.ReadFrom(rc)
		w.Write(b.Bytes())
	}
	zw.Close()
	dst := newTestStore(t)
	before := treeOf(t, dst.Root())
	_, err := dst.ImportBundle(writeBundle(t, out.Bytes()))
	if !errors.Is(err, ErrRefused) {
		t.Fatalf("err = %v", err)
	}
	if after := treeOf(t, dst.Root()); !reflect.DeepEqual(before, after) {
		t.Fatalf("library changed: %v", after)
	}
}

func TestImportValidateWAVHook(t *testing.T) {
	_, _, good := bundleFixture(t)
	dst, err := Open(t.TempDir(), Options{ValidateWAV: func(p string) error { return errors.New("no speech in it") }})
	if err != nil {
		t.Fatal(err)
	}
	_, err = dst.ImportBundle(writeBundle(t, good))
	if !errors.Is(err, ErrRefused) || !strings.Contains(err.Error(), "no speech in it") {
		t.Fatalf("err = %v", err)
	}
	if list, _ := dst.List(t.Context()); len(list) != 0 {
		t.Fatal("session written")
	}
}

func TestExportBundleMissingAudio(t *testing.T) {
	st, id, _ := bundleFixture(t)
	s, _ := st.Get(id)
	os.Remove(st.TakePath(s, s.Takes[0]))
	var b bytes.Buffer
	err := st.ExportBundle(&b, id)
	if err == nil || !strings.Contains(err.Error(), s.Takes[0].Audio) {
		t.Fatalf("err = %v", err)
	}
	out := filepath.Join(t.TempDir(), "b.zip")
	if err := st.ExportBundleFile(out, id); err == nil {
		t.Fatal("ExportBundleFile succeeded")
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Fatal("partial bundle left behind")
	}
}

func TestImportErrorMessages(t *testing.T) {
	dst := newTestStore(t)
	_, err := dst.ImportBundle(writeBundle(t, zipOf(t, zent{name: "../../etc/cron.d/x", data: []byte("x")})))
	t.Log(err)
	if err == nil || !strings.Contains(err.Error(), `entry "../../etc/cron.d/x" escapes`) || !strings.Contains(err.Error(), "bundle.zip") {
		t.Fatalf("message %q should name the bundle and the entry", err)
	}
}
