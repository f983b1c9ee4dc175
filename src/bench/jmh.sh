#!/usr/bin/env bash
# Runs the JMH benchmarks in src/test/java/io/secretsd/bench. Usage: src/bench/jmh.sh [REGEX] [JMH options]
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test >/dev/null
java=${JMH_JAVA:-$(ls -d /usr/lib/jvm/*25*/bin/java | head -1)}
exec "$java" -Dsecretsd.vectors="$PWD/src/test/resources/vectors" -cp "target/test-classes:target/classes:$(cat target/test.classpath)" org.openjdk.jmh.Main "$@"
