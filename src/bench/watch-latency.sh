#!/usr/bin/env bash
# Rename-to-batch latency of io.secretsd.watch.FileWatcher. Usage: src/bench/watch-latency.sh [changes] [settle-ms ...]
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test >/dev/null
java=${JMH_JAVA:-$(ls -d /usr/lib/jvm/*25*/bin/java | head -1)}
exec "$java" -cp "target/test-classes:target/classes:$(cat target/test.classpath)" \
  io.secretsd.bench.WatchLatencyBench "$@"
