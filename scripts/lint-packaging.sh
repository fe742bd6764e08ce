#!/usr/bin/env bash
# lint-packaging.sh runs the cheap packaging checks (make lint-packaging, part of make test):
# actionlint on the GitHub workflows, desktop-file-validate on the .desktop file,
# appstreamcli on the AppStream metainfo, and one app id and version everywhere.
# make deps-test installs desktop-file-utils and appstream.
set -euo pipefail
cd "$(dirname "$0")/.."
toml=cmd/rehearse/FyneApp.toml
id=$(sed -n 's/^[[:space:]]*ID[[:space:]]*=[[:space:]]*"\(.*\)"/\1/p' "$toml" | head -1)
version=$(sed -n 's/^[[:space:]]*Version[[:space:]]*=[[:space:]]*"\(.*\)"/\1/p' "$toml" | head -1)
desktop=packaging/linux/$id.desktop
metainfo=packaging/linux/$id.metainfo.xml
fail() { echo "lint-packaging: $*" >&2; exit 1; }

[[ -f $desktop ]] || fail "$desktop is missing: the .desktop file is named after FyneApp.toml's ID ($id)"
[[ -f $metainfo ]] || fail "$metainfo is missing: the metainfo file is named after FyneApp.toml's ID ($id)"
grep -q "^Icon=$id\$" "$desktop" || fail "$desktop: Icon= must be the app id $id"
grep -q "<id>$id</id>" "$metainfo" || fail "$metainfo: <id> must be $id"
grep -q "<launchable type=\"desktop-id\">$id.desktop</launchable>" "$metainfo" || fail "$metainfo: launchable must be $id.desktop"
grep -q "<release version=\"$version\"" "$metainfo" || fail "$metainfo: no <release> for FyneApp.toml's version $version"
grep -q "^  - src: packaging/linux/$id.desktop\$" packaging/nfpm.yaml || fail "packaging/nfpm.yaml does not install $desktop"

if command -v desktop-file-validate >/dev/null && command -v appstreamcli >/dev/null; then
  desktop-file-validate "$desktop"
  appstreamcli validate --no-net "$metainfo"
elif [[ $(uname -s) == Linux ]]; then
  fail "desktop-file-validate or appstreamcli is missing (make deps-test installs desktop-file-utils and appstream)"
else
  echo "lint-packaging: no desktop-file-validate/appstreamcli on $(uname -s); the Linux CI checks those files"
fi
go tool -modfile=tools/go.mod actionlint
echo "lint-packaging: ok (.desktop, metainfo, workflows)"
