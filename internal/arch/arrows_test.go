package arch

import (
	"encoding/json"
	"io"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/rehearse-app/rehearse/"

// allowed lists, per package of ours, the packages of ours it may import
// (production code; tests may use more). cmd/rehearse and ui are the two
// front ends: both get their behaviour from app and use the lower packages'
// types to show them. audio (and everyone) may use internal/atomicfile, a
// standard-library-only leaf: see README's Development section.
var allowed = map[string][]string{
	"cmd/rehearse": {"app", "ui", "assets", "review", "session", "audio", "transcribe", "coach", "report",
		"cmd/rehearse/internal/posixlocale"},
	"ui":         {"app", "review", "audio", "session", "transcribe", "coach", "report", "assets"},
	"app":        {"session", "transcribe", "coach", "review", "audio", "report", "assets", "internal/atomicfile"},
	"session":    {"review", "audio", "internal/atomicfile"},
	"transcribe": {"review", "internal/atomicfile"},
	"coach":      {"review", "transcribe", "assets"},
	"report":     {"review"},
	"review":     {},
	"audio":      {"internal/atomicfile"},
	"assets":     {},
}

// thirdParty lists the outside libraries only some packages may import.
var thirdParty = map[string][]string{
	"fyne.io/fyne/v2":                   {"ui", "cmd/rehearse", "internal/testkit"},
	"github.com/sashabaranov/go-openai": {"transcribe", "coach"},
	"github.com/gordonklaus/portaudio":  {"audio"},
	"github.com/go-audio/":              {"audio"},
}

type pkg struct {
	ImportPath string
	Imports    []string
}

func listPackages(t *testing.T) []pkg {
	t.Helper()
	cmd := exec.Command("go", "list", "-json", module+"...")
	cmd.Dir = "../.."
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var pkgs []pkg
	dec := json.NewDecoder(out)
	for {
		var p pkg
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, p)
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("go list: %v", err)
	}
	return pkgs
}

// TestImportArrows: our packages import only what DESIGN.md's arrows allow,
// and Fyne, go-openai, PortAudio and go-audio stay in their rooms.
func TestImportArrows(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list over the module")
	}
	for _, p := range listPackages(t) {
		name := strings.TrimPrefix(p.ImportPath, module)
		for _, imp := range p.Imports {
			if ours, ok := strings.CutPrefix(imp, module); ok {
				if strings.HasPrefix(name, "internal/") && !strings.HasPrefix(name, "internal/testkit") {
					t.Errorf("%s imports %s: internal helpers are leaves", name, ours)
					continue
				}
				if rule, ok := allowed[name]; ok && !slices.Contains(rule, ours) {
					t.Errorf("%s imports %s: not an arrow of DESIGN.md", name, ours)
				}
				continue
			}
			for lib, rooms := range thirdParty {
				if strings.HasPrefix(imp, lib) && !slices.Contains(rooms, topRoom(name)) {
					t.Errorf("%s imports %s: only %v may", name, imp, rooms)
				}
			}
		}
	}
}

// topRoom is the package a subpackage belongs to for the library rules
// (audio/alsatest counts as audio).
func topRoom(name string) string {
	for _, room := range []string{"cmd/rehearse", "internal/testkit", "ui", "audio", "transcribe", "coach"} {
		if name == room || strings.HasPrefix(name, room+"/") {
			return room
		}
	}
	return name
}
