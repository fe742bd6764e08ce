package main

import (
	_ "embed"
	"fmt"
	"runtime/debug"
	"strconv"
	"strings"
)

// fyneAppTOML is the app's metadata file, the one place the app id, name
// and version are written. fyne package reads it from this folder too.
//
//go:embed FyneApp.toml
var fyneAppTOML string

// commit is the source revision, set at build time by the Makefile and
// scripts/package.sh with -ldflags "-X main.commit=$(git describe ...)".
// When it is empty, the revision Go stamped into the binary is used.
var commit string

// appMeta is what the binary needs from FyneApp.toml's [Details] table.
type appMeta struct {
	ID, Name, Version string
}

// meta is FyneApp.toml's [Details], read once.
var meta = mustParseMeta(fyneAppTOML)

// appID is the application id: the preferences folder Fyne gives the app,
// the default data folder, the .desktop file and the AppStream id all use it.
var appID = meta.ID

// mustParseMeta reads ID, Name and Version from the [Details] table of a
// FyneApp.toml. The file is embedded, so a missing key is a build mistake
// that the tests catch; it panics rather than run with a wrong app id.
func mustParseMeta(toml string) appMeta {
	m, err := parseMeta(toml)
	if err != nil {
		panic(err)
	}
	return m
}

// parseMeta reads the string keys ID, Name and Version of the [Details]
// table. It understands the subset of TOML that FyneApp.toml uses.
func parseMeta(toml string) (appMeta, error) {
	var m appMeta
	section := ""
	for i, line := range strings.Split(toml, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.HasPrefix(line, "[") {
			section = strings.Trim(line, "[] ")
			continue
		}
		if section != "Details" {
			continue
		}
		key, val, ok := strings.Cut(line, "=")
		if !ok {
			continue
		}
		key, val = strings.TrimSpace(key), strings.TrimSpace(val)
		var dst *string
		switch key {
		case "ID":
			dst = &m.ID
		case "Name":
			dst = &m.Name
		case "Version":
			dst = &m.Version
		default:
			continue
		}
		s, err := strconv.Unquote(val)
		if err != nil {
			return m, fmt.Errorf("FyneApp.toml line %d: %s is not a quoted string: %s", i+1, key, val)
		}
		*dst = s
	}
	for key, v := range map[string]string{"ID": m.ID, "Name": m.Name, "Version": m.Version} {
		if v == "" {
			return m, fmt.Errorf("FyneApp.toml: [Details] has no %s", key)
		}
	}
	return m, nil
}

// revision is the source revision the binary was built from: the one set
// at build time, else the VCS revision Go stamped in, else "unknown".
func revision() string {
	if commit != "" {
		return commit
	}
	if bi, ok := debug.ReadBuildInfo(); ok {
		rev, dirty := "", false
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				dirty = s.Value == "true"
			}
		}
		if rev != "" {
			if len(rev) > 12 {
				rev = rev[:12]
			}
			if dirty {
				rev += "-dirty"
			}
			return rev
		}
	}
	return "unknown"
}

// versionLine is what rehearse --version prints.
func versionLine() string {
	return fmt.Sprintf("rehearse %s (commit %s)", meta.Version, revision())
}
