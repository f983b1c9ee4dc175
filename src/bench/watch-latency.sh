#!/usr/bin/env bash
# Rename-to-batch latency of io.secretsd.watch.FileWatcher. Usage: src/bench/watch-latency.sh [changes] [settle-ms ...]
# POLL_MS=500 src/bench/watch-latency.sh 40 20: the macOS mode (entry polling every 500 ms).
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test >/dev/null
java=${JMH_JAVA:-$(ls -d /usr/lib/jvm/*25*/bin/java | head -1)}
exec "$java" -Dpoll.ms="${POLL_MS:-0}" -cp "target/test-classes:target/classes:$(cat target/test.classpath)" \
  io.secretsd.bench.WatchLatencyBench "$@"
