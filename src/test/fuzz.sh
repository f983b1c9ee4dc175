#!/bin/sh
# A longer fuzzing run of every parser of untrusted bytes (ParsersFuzzTest) with Jazzer's standalone driver.
# Usage: src/test/fuzz.sh [SECONDS]   (default 3600). New corpus entries go to target/fuzz-corpus; a finding
# is written as crash-* in the current directory: minimise it (add -minimize_crash=1) and commit it to
# src/test/resources/io/secretsd/fuzz/ParsersFuzzTestInputs/parsers, where every `mvn test` replays it.
set -eu
cd "$(dirname "$0")/../.."
secs=${1:-3600}
mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/fuzz-classpath.txt -Dmdep.includeScope=test
java=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
[ -x "$java" ] || java=java
mkdir -p target/fuzz-corpus
exec "$java" -Xmx1g -Dsecretsd.vectors=src/test/resources/vectors -cp "target/test-classes:target/classes:$(cat target/fuzz-classpath.txt)" \
    com.code_intelligence.jazzer.Jazzer --target_class=io.secretsd.fuzz.ParsersFuzzTest \
    --instrumentation_includes='io.secretsd.**' \
    -max_total_time="$secs" target/fuzz-corpus src/test/resources/io/secretsd/fuzz/ParsersFuzzTestInputs/parsers
