#!/usr/bin/env bash
# screenshots.sh runs the real binary under Xvfb on a demo library
# (scripts/mkdemo) and saves a screenshot of each screen in docs/.
# Needs: Xvfb, xdotool, imagemagick, espeak-ng (make deps-test installs them).
set -euo pipefail
cd "$(dirname "$0")/.."
export LANG=en_US.UTF-8
out=${1:-docs}
mkdir -p "$out"
work=$(mktemp -d)
pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

go build -o bin/rehearse ./cmd/rehearse
go run ./scripts/mkdemo "$work/data" >/dev/null

# File-backed ALSA devices, so the app has a microphone and a speaker.
head -c 6400000 /dev/zero > "$work/mic.raw"
cat > "$work/asound.conf" <<CONF
</usr/share/alsa/alsa.conf>
pcm.!default { type asym; capture.pcm "mic"; playback.pcm "speaker" }
pcm.mic { type plug; slave.pcm { type file; slave.pcm "null"; file "/dev/null"; infile "$work/mic.raw"; format "raw" } }
pcm.speaker { type plug; slave.pcm { type file; slave.pcm "null"; file "$work/played.raw"; format "raw" } }
CONF
export ALSA_CONFIG_PATH=$work/asound.conf

disp=:$((90 + RANDOM % 100))
Xvfb "$disp" -screen 0 1280x800x24 -nolisten tcp &>/dev/null &
pids+=($!)
export DISPLAY=$disp
sleep 1

shoot() { import -window root -crop 1180x740+0+0 +repage "$out/$1.png"; echo "wrote $out/$1.png"; }
click() { xdotool mousemove "$1" "$2" click 1; sleep "${3:-1}"; }
# start runs the app with a private HOME (its preferences) and sizes its window.
start() {
  HOME=$1 XDG_CONFIG_HOME=$1/.config ./bin/rehearse --data-dir "$work/data" &>"$work/app.log" &
  pids+=($!)
  win=$(xdotool search --sync --name '^Rehearse$' | head -1)
  xdotool windowsize "$win" 1180 740
  sleep 3
}

# First run: a fresh HOME shows the first-run panel.
mkdir -p "$work/first"
start "$work/first"
shoot first-run
kill "${pids[-1]}"; sleep 1

# Every other screen with the panel dismissed for good.
mkdir -p "$work/home/.config/fyne/app.rehearse.desktop"
echo '{"practice.welcome_hidden":true}' > "$work/home/.config/fyne/app.rehearse.desktop/preferences.json"
start "$work/home"

# Practice: start the selected question; it is read aloud, then the
# think-time countdown runs.
click 168 100 4
shoot practice
click 112 301 1 # Skip the countdown: recording starts
click 212 301 1 # Stop

# Library, with the progress chart.
click 36 210 2
shoot library

# Review of the first budget attempt: search for it, select, open.
click 400 21 0.5
xdotool type --delay 20 "LinkedIn"
sleep 1.5
click 400 127 0.5
click 112 61 3
shoot review

# Settings.
click 36 290 1.5
shoot settings
