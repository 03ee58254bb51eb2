#!/usr/bin/env bash
# docs/PERFORMANCE.md's figures, all of them: the scale harness (time and heap against lines and
# against files, the table and docs/images/performance.svg), the command line on the largest
# inputs (5,000 files against one file, 200,000 lines in a 512 MB heap, out of memory), and the
# language server's latencies. Run from the repository root after ./mvnw -B -DskipTests package.
# 'performance.sh quick' measures small sizes once and draws into target/ (CI runs it so).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
quick="${1:-}"
bench=org.ocs.topology.bench/target/benchmarks.jar
cli=org.ocs.topology.cli/target/ocstopo.jar
ls_jar=org.ocs.topology.ide/target/ocstopo-language-server.jar
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [ "$quick" = quick ]; then
  svg=target/performance-quick.svg
  java -Xmx1g -cp "$bench" org.ocs.topology.bench.ScaleBenchmark "$svg" quick
  servers=500; pools=170
else
  svg=docs/images/performance.svg
  java -Xms2g -Xmx2g -cp "$bench" org.ocs.topology.bench.ScaleBenchmark "$svg"
  servers=5000; pools=3450
fi

# The command line, as a user runs it (JVM start included): N one-server files against one file of
# the same text; a topology of pools of 8 Front Ends (58 lines each) in a 512 MB heap; and too
# small a heap, which must be one line and exit 2.
java -cp "$bench" org.ocs.topology.bench.ScaleBenchmark --servers "$work/many" "$servers" "$servers"
java -cp "$bench" org.ocs.topology.bench.ScaleBenchmark --servers "$work/one" "$servers" 1
for case in many one; do
  /usr/bin/time -f "cli: $servers servers, $case: %e s, %M KB resident" java -jar "$cli" validate "$work/$case" >/dev/null
done
if [ "$quick" = quick ]; then
  # One row alone, as docs/PERFORMANCE.md says to compare two builds: WARM-UPS then ROUNDS.
  java -Xmx1g -cp "$bench" org.ocs.topology.bench.ScaleBenchmark --folder "$work/many" 2 3
fi
java -cp "$bench" org.ocs.topology.bench.GeneratedTopology "$work/big" "$pools" >/dev/null
lines=$(cat "$work"/big/*.ocstopo | wc -l)
status=0
/usr/bin/time -f "cli: $lines lines in -Xmx512m: %e s, %M KB resident" java -Xmx512m -jar "$cli" validate "$work/big" \
    >/dev/null 2>"$work/big.err" || status=$?
grep -h "cli:" "$work/big.err" || true
tail -n 1 "$work/big.err" | grep -v "cli:" || true
if [ "$status" -ne 1 ]; then
  echo "performance: $lines lines in a 512 MB heap exited $status, expected 1 (the generated hairpins)" >&2
  cat "$work/big.err" >&2
  exit 1
fi
status=0
java -Xmx16m -jar "$cli" validate "$work/big" >/dev/null 2>"$work/oom.err" || status=$?
echo "cli: $lines lines in -Xmx16m: exit $status, stderr: $(cat "$work/oom.err")"
if [ "$status" -ne 2 ] || [ "$(wc -l < "$work/oom.err")" -ne 1 ]; then
  echo "performance: out of memory must be one line and exit 2" >&2
  exit 1
fi

# The language server (docs/benchmarks.md has its history): one 5,000-line file; a 21-file folder;
# hover and completion on a small file while a file of about 10 MB is opened and changed.
if [ "$quick" = quick ]; then
  # The options docs/benchmarks.md names, run: a cold client (no throwaway server first), the probe
  # hover, each edit printed, the file opened a second after the first build.
  java -DcoldClient=true -Dprobe=true -Deach=true -Dsettle=1000 -cp "$bench" org.ocs.topology.bench.LanguageServerLatency "$ls_jar" 10 5
  java -cp "$bench" org.ocs.topology.bench.LanguageServerBlocking "$ls_jar" 300
else
  java -cp "$bench" org.ocs.topology.bench.LanguageServerLatency "$ls_jar" 91 60
  java -cp "$bench" org.ocs.topology.bench.LanguageServerLatency "$ls_jar" 200 40 clean 10
  java -cp "$bench" org.ocs.topology.bench.LanguageServerBlocking "$ls_jar" 5300
fi
