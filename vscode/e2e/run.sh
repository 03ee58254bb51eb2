#!/usr/bin/env bash
# The VS Code extension from scratch to a real VS Code: installs code-server into the cache if
# needed, builds and tests the extension, packages the .vsix and drives it in code-server.
# Needs the language server jar: run ./mvnw -B -DskipTests package (or verify) in the root first.
# usage: vscode/e2e/run.sh   (from anywhere)
set -euo pipefail
cd "$(dirname "$0")/.."
jar=../org.ocs.topology.ide/target/ocstopo-language-server.jar
if [[ ! -f $jar ]]; then
  echo "$jar is not built: run ./mvnw -B -DskipTests package first" >&2
  exit 1
fi
if ! node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' 2>/dev/null; then
  echo "Node.js 20 or newer is needed (found: $(node --version 2>/dev/null || echo none))" >&2
  exit 1
fi
# The browser that plays the user: Debian's Chromium (playwright's own download is not reachable).
if [[ ! -x /usr/bin/chromium ]]; then
  sudo_cmd=(); [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -q
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium
fi
start=$SECONDS
stage() { echo "== $1 ($((SECONDS - start)) s)"; }

stage "code-server"
code_server="$(e2e/install-code-server.sh)"
stage "npm ci"
npm ci --no-audit --no-fund
stage "npm run package"
npm run package
stage "npm test"
npm test
stage "end to end in code-server"
OCSTOPO_CODE_SERVER="$code_server" node e2e/vscode-e2e.mjs
stage "done"
