#!/usr/bin/env bash
# package.sh builds the release artifacts for the host OS into dist/ (make package).
#   Linux:   dist/rehearse-VERSION-linux-ARCH.tar.xz  (fyne package: binary, icon, .desktop, install Makefile)
#            dist/rehearse_VERSION-1_ARCH.deb           (nfpm: packaging/nfpm.yaml)
#   macOS:   dist/rehearse-VERSION-macos-ARCH.zip      (Rehearse.app with NSMicrophoneUsageDescription)
#   Windows: dist/rehearse-VERSION-windows-ARCH.zip    (rehearse.exe and the MinGW DLLs it loads, PortAudio's among them)
# The version is cmd/rehearse/FyneApp.toml's; the commit comes from git describe.
# The packaging tools are pinned in tools/go.mod and run with go tool.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export LANG=en_US.UTF-8 CGO_ENABLED=1

toml=cmd/rehearse/FyneApp.toml
version=$(sed -n 's/^[[:space:]]*Version[[:space:]]*=[[:space:]]*"\(.*\)"/\1/p' "$toml" | head -1)
app_id=$(sed -n 's/^[[:space:]]*ID[[:space:]]*=[[:space:]]*"\(.*\)"/\1/p' "$toml" | head -1)
commit=$(git describe --tags --always --dirty 2>/dev/null || echo unknown)
arch=$(go env GOARCH)
[[ -n $version && -n $app_id ]] || { echo "package: no Version or ID in $toml" >&2; exit 1; }
echo "package: $app_id $version ($commit) for $(go env GOOS)/$arch"

dist=$root/dist
mkdir -p "$dist"
# Inside the module, so go tool finds it from the work folder fyne writes to.
work=$(mktemp -d -p "$dist" .work.XXXXXX)
# fyne package rewrites FyneApp.toml (it bumps Build and reformats it): put it back.
cp "$toml" "$work/FyneApp.toml.orig"
cleanup() { cp "$work/FyneApp.toml.orig" "$root/$toml"; rm -rf "$work"; }
trap cleanup EXIT

# The commit reaches the linker through GOFLAGS, which fyne package passes on.
export GOFLAGS="${GOFLAGS:-} -ldflags=-X=main.commit=$commit"
fyne() { (cd "$work" && go tool -modfile="$root/tools/go.mod" fyne "$@"); }

linux() {
  local base=rehearse-$version-linux-$arch
  # A position-independent executable, as Debian's hardening expects.
  export GOFLAGS="$GOFLAGS -buildmode=pie"
  fyne package --os linux --release --src "$root/cmd/rehearse"
  mv "$work/Rehearse.tar.xz" "$dist/$base.tar.xz"

  # The .deb reuses the same binary; its .desktop file is the committed one,
  # which must match what fyne generated from FyneApp.toml.
  local stage=$work/stage
  mkdir -p "$stage/x"
  tar -xJf "$dist/$base.tar.xz" -C "$stage/x"
  cp "$stage/x/rehearse/usr/local/bin/rehearse" "$stage/rehearse"
  if ! diff -u "packaging/linux/$app_id.desktop" "$stage/x/rehearse/usr/local/share/applications/$app_id.desktop"; then
    echo "package: packaging/linux/$app_id.desktop differs from the one fyne generates from $toml; update it" >&2
    exit 1
  fi
  for size in 48 64 128 256 512; do
    mkdir -p "$stage/icons/${size}x${size}/apps"
    convert assets/icon.png -resize "${size}x${size}" -strip "$stage/icons/${size}x${size}/apps/$app_id.png"
  done
  printf 'rehearse (%s-1) unstable; urgency=medium\n\n  * Release %s (%s).\n\n -- The Rehearse authors <rehearse@users.noreply.github.com>  %s\n' \
    "$version" "$version" "$commit" "$(date -R -d "@$(git log -1 --format=%ct 2>/dev/null || date +%s)")" |
    gzip -n -9 > "$stage/changelog.Debian.gz"
  # nfpm expands variables in some fields but not in file paths: fill them in.
  sed -e "s|\${STAGE}|$stage|g" -e "s|\${VERSION}|$version|g" -e "s|\${ARCH}|$arch|g" packaging/nfpm.yaml > "$work/nfpm.yaml"
  go tool -modfile=tools/go.mod nfpm package --config "$work/nfpm.yaml" --packager deb --target "$dist/"
}

darwin() {
  local base=rehearse-$version-macos-$arch
  fyne package --os darwin --release --src "$root/cmd/rehearse"
  local app=$work/Rehearse.app plist=$work/Rehearse.app/Contents/Info.plist
  local why="Rehearse records your spoken practice answers so you can listen to them and review them."
  # Without this key macOS gives the app silence instead of the microphone.
  /usr/libexec/PlistBuddy -c "Delete :NSMicrophoneUsageDescription" "$plist" 2>/dev/null || true
  /usr/libexec/PlistBuddy -c "Add :NSMicrophoneUsageDescription string $why" "$plist"
  plutil -lint "$plist"
  # Editing Info.plist breaks the bundle's seal: sign it again (ad hoc).
  codesign --force --deep --sign - "$app"
  ditto -c -k --sequesterRsrc --keepParent "$app" "$dist/$base.zip"
}

windows() {
  local base=rehearse-$version-windows-$arch
  fyne package --os windows --release --src "$root/cmd/rehearse"
  local stage=$work/$base
  mkdir -p "$stage"
  # fyne package leaves the exe, named after FyneApp.toml's Name, in the source folder.
  local exe=
  for exe in "$root/cmd/rehearse/Rehearse.exe" "$work/Rehearse.exe" "$root/cmd/rehearse/rehearse.exe"; do
    [[ -f $exe ]] && break
  done
  [[ -f $exe ]] || { echo "package: fyne package left no .exe" >&2; exit 1; }
  mv "$exe" "$stage/rehearse.exe"
  # The DLLs the exe loads from MSYS2's MinGW (libportaudio and the GCC runtime).
  local mingw_bin
  mingw_bin=$(dirname "$(command -v gcc)")
  cp "$mingw_bin/libportaudio"*.dll "$stage/"
  ldd "$stage/rehearse.exe" "$stage"/libportaudio*.dll | awk '{print $3}' | grep -i "mingw64/bin/" | sort -u |
    while read -r dll; do cp -n "$dll" "$stage/"; done
  (cd "$work" && if command -v zip >/dev/null; then zip -qr "$dist/$base.zip" "$base"; else
    powershell -NoProfile -Command "Compress-Archive -Path '$base' -DestinationPath '$(cygpath -w "$dist/$base.zip")' -Force"; fi)
}

case "$(uname -s)" in
  Linux) linux ;;
  Darwin) darwin ;;
  MINGW* | MSYS* | CYGWIN*) windows ;;
  *) echo "package: no packaging for $(uname -s)" >&2; exit 1 ;;
esac
ls -l "$dist"
