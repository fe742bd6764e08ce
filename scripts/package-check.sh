#!/usr/bin/env bash
# package-check.sh checks the .deb that make package built (make package-check):
# its contents, lintian (errors and warnings fail), and apt-get install -s.
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
desktop-file-validate "$x/usr/share/applications/app.rehearse.desktop.desktop"
appstreamcli validate --no-net "$x/usr/share/metainfo/app.rehearse.desktop.metainfo.xml"
lintian --fail-on error,warning --tag-display-limit 0 "$deb"
apt-get install -s "./$deb"
echo "package-check: ok"
