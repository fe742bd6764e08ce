#!/usr/bin/env bash
# package-check.sh checks the .deb that make package built (make package-check):
# its contents, that the packaged binary opens its window under Xvfb, that the
# Fyne tarball installs into a prefix, lintian (errors and warnings fail), and
# apt-get install -s.
set -euo pipefail
cd "$(dirname "$0")/.."
export LANG=C.UTF-8
deb=$(ls -t dist/rehearse_*.deb | head -1)
echo "package-check: $deb ($(du -h "$deb" | cut -f1))"
list=$(dpkg-deb -c "$deb")
for f in ./usr/bin/rehearse ./usr/share/applications/app.rehearse.desktop.desktop \
  ./usr/share/metainfo/app.rehearse.desktop.metainfo.xml ./usr/share/doc/rehearse/copyright \
  ./usr/share/icons/hicolor/scalable/apps/app.rehearse.desktop.svg \
  ./usr/share/icons/hicolor/{48x48,64x64,128x128,256x256,512x512}/apps/app.rehearse.desktop.png; do
  grep -q " $f\$" <<<"$list" || { echo "package-check: $f is missing from $deb" >&2; exit 1; }
done
dpkg-deb -f "$deb" Depends Recommends
x=$(mktemp -d)
trap 'rm -rf "$x"' EXIT
dpkg-deb -x "$deb" "$x"
"$x/usr/bin/rehearse" --version 2>/dev/null
# the packaged binary opens its window under a private X server
if command -v Xvfb >/dev/null && command -v xdotool >/dev/null; then
  exec 3< <(exec Xvfb -displayfd 1 -screen 0 1280x800x24 -nolisten tcp 2>/dev/null)
  xpid=$!
  read -r -t 10 dnum <&3
  home=$(mktemp -d)
  DISPLAY=":$dnum" HOME="$home" "$x/usr/bin/rehearse" --data-dir "$home/data" >/dev/null 2>&1 &
  app=$!
  if DISPLAY=":$dnum" timeout 20 xdotool search --sync --name '^Rehearse$' >/dev/null; then
    echo "package-check: the packaged binary shows its window"
  else
    echo "package-check: the packaged binary showed no window" >&2; kill "$app" 2>/dev/null; exit 1
  fi
  kill "$app"; wait "$app" 2>/dev/null || true
  kill "$xpid" 2>/dev/null || true
  rm -rf "$home"
fi
# the Fyne tarball's Makefile installs into a prefix, and the binary runs from there
tarball=$(ls -t dist/rehearse-*-linux-*.tar.xz | head -1)
t=$(mktemp -d)
tar xJf "$tarball" -C "$t"
make -s -C "$t/rehearse" install DESTDIR="$t/root" PREFIX=/usr
"$t/root/usr/bin/rehearse" --version 2>/dev/null
test -f "$t/root/usr/share/applications/app.rehearse.desktop.desktop"
rm -rf "$t"
desktop-file-validate "$x/usr/share/applications/app.rehearse.desktop.desktop"
appstreamcli validate --no-net "$x/usr/share/metainfo/app.rehearse.desktop.metainfo.xml"
lintian --fail-on error,warning --tag-display-limit 0 "$deb"
apt-get install -s "./$deb"
echo "package-check: ok"
