#!/usr/bin/env bash
# deps.sh installs the system packages Rehearse needs, only those missing.
#   scripts/deps.sh build   what building and running the app needs
#   scripts/deps.sh test    the same, plus what the tests use (Xvfb, espeak-ng, sox, PulseAudio,
#                           and the .desktop/AppStream/lintian checkers)
#   scripts/deps.sh package what building plus make package need (imagemagick for the icon sizes)
# It knows apt (Debian/Ubuntu), dnf (Fedora), pacman (Arch) and brew (macOS), and uses sudo
# when not root. Set REHEARSE_SKIP_DEPS=1 to skip it entirely.
set -euo pipefail

want=${1:-build}
if [[ "${REHEARSE_SKIP_DEPS:-}" == 1 ]]; then
  echo "deps: REHEARSE_SKIP_DEPS=1, not checking system packages"
  exit 0
fi

sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null; then sudo_cmd=(sudo); else
    echo "deps: not root and no sudo; install the packages listed in README.md by hand" >&2
    exit 1
  fi
fi

missing=()
if command -v apt-get >/dev/null; then
  pkgs=(gcc pkg-config portaudio19-dev libgl1-mesa-dev xorg-dev libxkbcommon-dev espeak-ng)
  [[ $want == test ]] && pkgs+=(xvfb sox pocketsphinx-testdata pulseaudio pulseaudio-utils libasound2-plugins x11-utils xdotool imagemagick
    desktop-file-utils appstream lintian)
  [[ $want == package ]] && pkgs+=(imagemagick xz-utils)
  for p in "${pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if ((${#missing[@]})); then
    echo "deps: installing ${missing[*]}"
    "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
elif command -v dnf >/dev/null; then
  pkgs=(gcc pkgconf-pkg-config portaudio-devel mesa-libGL-devel libXcursor-devel libXrandr-devel
    libXinerama-devel libXi-devel libXxf86vm-devel libxkbcommon-devel espeak-ng)
  [[ $want == test ]] && pkgs+=(xorg-x11-server-Xvfb sox pulseaudio pulseaudio-utils alsa-plugins-pulseaudio xwininfo xdotool ImageMagick
    desktop-file-utils appstream)
  [[ $want == package ]] && pkgs+=(ImageMagick)
  for p in "${pkgs[@]}"; do rpm -q "$p" >/dev/null 2>&1 || missing+=("$p"); done
  ((${#missing[@]})) && "${sudo_cmd[@]}" dnf install -y "${missing[@]}"
elif command -v pacman >/dev/null; then
  pkgs=(gcc pkgconf portaudio mesa libxcursor libxrandr libxinerama libxi libxkbcommon espeak-ng)
  [[ $want == test ]] && pkgs+=(xorg-server-xvfb sox pulseaudio alsa-plugins xorg-xwininfo xdotool imagemagick
    desktop-file-utils appstream)
  [[ $want == package ]] && pkgs+=(imagemagick)
  for p in "${pkgs[@]}"; do pacman -Qi "$p" >/dev/null 2>&1 || missing+=("$p"); done
  ((${#missing[@]})) && "${sudo_cmd[@]}" pacman -S --noconfirm --needed "${missing[@]}"
elif command -v brew >/dev/null; then
  pkgs=(portaudio pkg-config)
  [[ $want == test ]] && pkgs+=(sox espeak-ng)
  for p in "${pkgs[@]}"; do brew list "$p" >/dev/null 2>&1 || missing+=("$p"); done
  ((${#missing[@]})) && brew install "${missing[@]}"
else
  echo "deps: no apt-get, dnf, pacman or brew found; install PortAudio (dev), OpenGL and X11 headers by hand (see README.md)" >&2
  exit 1
fi
echo "deps: system packages for '$want' are present"
