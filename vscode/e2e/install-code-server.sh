#!/usr/bin/env bash
# Installs code-server 4.100.3 (VS Code 1.100.3 server, web UI and real extension host) from the npm
# registry only, into a cache directory, for the end-to-end test of the VS Code extension.
# A plain `npm install -g code-server` does not work offline: its postinstall needs libkrb5-dev and
# downloads ripgrep from GitHub. So: unpack the npm package, install dependencies without scripts,
# put Debian's rg where @vscode/ripgrep looks, rebuild the native modules, finish the postinstall by hand.
# 4.100.3 is the last release whose engines.node accepts Node 20.
#
# usage: install-code-server.sh [DIR]   (default ${XDG_CACHE_HOME:-$HOME/.cache}/ocstopo/code-server-4.100.3)
# Prints the directory holding out/node/entry.js on its last line.
set -euo pipefail

version=4.100.3
dir="${1:-${XDG_CACHE_HOME:-$HOME/.cache}/ocstopo/code-server-$version}"
marker="$dir/.complete"
# Progress goes to stderr; stdout carries only the result, the package folder.
exec 3>&1 1>&2
entry="$dir/pkg/package/out/node/entry.js"

if [[ -f "$marker" && -f "$entry" ]]; then
  echo "code-server $version already installed in $dir"
  echo "$dir/pkg/package" >&3
  exit 0
fi

# Debian build dependencies (kerberos, node-pty, spdlog, argon2 compile here) and Debian's rg.
missing=()
for p in libkrb5-dev ripgrep build-essential python3; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if (( ${#missing[@]} )); then
  echo "installing Debian packages: ${missing[*]}" >&2
  sudo_cmd=(); [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -q
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# Build in a sibling temp dir and move it into place at the end, so an interrupted run never
# leaves a directory that looks installed.
parent="$(dirname "$dir")"
mkdir -p "$parent"
work="$(mktemp -d "$parent/.code-server-$version.XXXXXX")"
trap 'rm -rf "$work"' EXIT

start=$SECONDS
cd "$work"
npm pack --silent "code-server@$version" >/dev/null
mkdir -p pkg && tar xzf "code-server-$version.tgz" -C pkg && rm "code-server-$version.tgz"

cd pkg/package/lib/vscode
npm install --omit=dev --ignore-scripts --no-audit --no-fund
# @vscode/ripgrep's postinstall skips the download when bin/ exists.
mkdir -p node_modules/@vscode/ripgrep/bin && cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
npm_config_yes=true npm rebuild --foreground-scripts
# The rest of code-server's postinstall.sh.
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sfn code-linux.sh code-server)
(cd bin/helpers && ln -sfn browser-linux.sh browser.sh)
(cd extensions && npm install --omit=dev --no-audit --no-fund)
cd ../..
npm install --omit=dev --ignore-scripts --no-audit --no-fund
# argon2's prebuilt binary download fails offline, so it compiles.
npm_config_yes=true npm rebuild argon2
# --version also proves the native modules load; its default config file goes into the temp dir.
XDG_CONFIG_HOME="$work/config" node out/node/entry.js --version

cd "$parent"
rm -rf "$dir"
mv "$work" "$dir"
trap - EXIT
touch "$marker"
echo "code-server $version installed in $dir in $((SECONDS - start)) s"
echo "$dir/pkg/package" >&3
