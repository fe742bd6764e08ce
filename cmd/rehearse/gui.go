package main

import (
	"errors"
	"os"
	"runtime"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"github.com/rehearse-app/rehearse/app"
	"github.com/rehearse-app/rehearse/assets"
	"github.com/rehearse-app/rehearse/audio"
	"github.com/rehearse-app/rehearse/transcribe"
	"github.com/rehearse-app/rehearse/ui"
)

// runGUI opens the desktop app. args may hold --data-dir.
func runGUI(env *cliEnv, args []string) error {
	if err := parse(env.newFlags("", "[--data-dir DIR]"), args); err != nil {
		return err
	}
	root, err := env.dataRoot()
	if err != nil {
		return err
	}
	if err := checkDisplay(); err != nil {
		return err
	}
	unlock, err := lockInstance(root) // one window per library: a second would record into it too
	if err != nil {
		return err
	}
	defer unlock()
	fa := fyneapp.NewWithID(appID)
	fa.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon()))
	parts, err := app.New(app.Options{Root: root, Prefs: fa.Preferences(), Keys: transcribe.Keychain{}, OpenAudio: audio.Init, Warn: env.warning})
	if err != nil {
		return err
	}
	defer parts.Close()
	ui.New(fa, ui.DepsFrom(parts, fa.Preferences())).Run()
	return nil
}

// checkDisplay fails early, with a clear message, where the desktop app
// can't open a window (GLFW would panic instead).
func checkDisplay() error {
	switch runtime.GOOS {
	case "darwin", "windows":
		return nil
	}
	if os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
		return errors.New("no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set); " +
			"run it in a desktop session, or use the subcommands (rehearse help)")
	}
	return nil
}
