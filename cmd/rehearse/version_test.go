package main

import (
	"bytes"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
)

// The app id names the preferences folder and the data folder of every
// user: changing it would orphan their library.
func TestAppIDComesFromFyneAppTOML(t *testing.T) {
	if appID != "app.rehearse.desktop" {
		t.Fatalf("app id %q; FyneApp.toml's ID must stay app.rehearse.desktop", appID)
	}
	if meta.Name != "Rehearse" || !regexp.MustCompile(`^\d+\.\d+\.\d+$`).MatchString(meta.Version) {
		t.Fatalf("FyneApp.toml [Details]: %+v", meta)
	}
}

func TestParseMetaNamesWhatIsMissing(t *testing.T) {
	_, err := parseMeta("[Details]\n  ID = \"a.b.c\"\n  Name = \"X\"\n[Release]\n  Version = \"1.0.0\"\n")
	if err == nil || !strings.Contains(err.Error(), "no Version") {
		t.Fatalf("want an error naming Version, got %v", err)
	}
	_, err = parseMeta("[Details]\n  ID = a.b.c\n")
	if err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Fatalf("want an error naming line 2, got %v", err)
	}
}

func TestVersionPrintsTheVersionAndCommit(t *testing.T) {
	// The real binary: the version of FyneApp.toml, exit 0, nothing else.
	bin, err := exec.Command(binPath, "--version").Output()
	if err != nil || !regexp.MustCompile(`^rehearse `+regexp.QuoteMeta(meta.Version)+` \(commit \S+\)\n$`).Match(bin) {
		t.Fatalf("rehearse --version: %v: %q", err, bin)
	}
	for _, flag := range []string{"--version", "-version"} {
		out, errb := &bytes.Buffer{}, &bytes.Buffer{}
		saved := commit
		commit = "v0.1.0-3-gabc1234"
		code := run([]string{flag}, out, errb)
		commit = saved
		want := "rehearse " + meta.Version + " (commit v0.1.0-3-gabc1234)\n"
		if code != 0 || out.String() != want || errb.Len() != 0 {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want %q", flag, code, out, errb, want)
		}
	}
	toml, err := os.ReadFile("FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(toml), `Version = "`+meta.Version+`"`) {
		t.Fatalf("version %q is not FyneApp.toml's", meta.Version)
	}
}
