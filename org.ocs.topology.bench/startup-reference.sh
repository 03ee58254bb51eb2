#!/usr/bin/env bash
# The command line as issue 8 found it (commit 12fd151: 1.0 s for 'validate examples/multisite' that
# day), checked out beside this repository and built, for StartupBenchmark's reference row:
#   org.ocs.topology.bench/startup-reference.sh [DIR]
#   java -Dstartup.reference=DIR -cp org.ocs.topology.bench/target/benchmarks.jar org.ocs.topology.bench.StartupBenchmark 15
# Its time on the day, against the 1.0 s it took then, is how much slower or faster this machine is.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
dir="${1:-${TMPDIR:-/tmp}/ocstopo-startup-reference}"
commit=12fd151
if [ ! -d "$dir" ]; then
  git worktree add --detach "$dir" "$commit" >/dev/null
fi
log="$dir.build.log"
if ! (cd "$dir" && ./mvnw -B -DskipTests -pl org.ocs.topology.cli -am package) >"$log" 2>&1; then
  tail -n 30 "$log" >&2
  echo "startup-reference: the build failed; full log: $log" >&2
  exit 2
fi
echo "$dir"
