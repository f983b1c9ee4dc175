#!/usr/bin/env bash
# Cold `secretsd activate` of the issue-4 host (100 sops files, 1,000 secrets, 50 templates, made with the
# project's own encryption), as a whole process, as root, each run in a fresh mount namespace (a first boot
# on a new ramfs) and then a second run in the same namespace (nothing changed). Prints the medians.
# Usage: src/bench/activate-cold.sh [RUNS=7]   (after `mvn package`)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-7}
keys=$(readlink -f src/test/resources/vectors/sops-nix/age-keys.txt)
recipient=$(sed -n 's/^# public key: //p' "$keys")
host=target/bench-host
if [ ! -f "$host/manifest.json" ]; then
    mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test >/dev/null
    java=$(ls -d /usr/lib/jvm/*25*/bin/java | head -1)
    "$java" -cp "target/test-classes:target/classes:$(cat target/test.classpath)" io.secretsd.activation.HostGenerator "$PWD/$host" "$keys" "$recipient"
fi
secretsd=$PWD/target/dist/bin/secretsd
out=$(for i in $(seq "$runs"); do
    unshare -m --propagation private sh -c '
        t0=$(date +%s%N); "$1" activate "$2" >/dev/null 2>&1; t1=$(date +%s%N)
        "$1" activate "$2" >/dev/null 2>&1; t2=$(date +%s%N)
        echo $(( (t1 - t0) / 1000000 )) $(( (t2 - t1) / 1000000 ))' sh "$secretsd" "$PWD/$host/manifest.json"
done)
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "host: 100 sops files, 1,000 secrets, 50 templates; ${runs} runs"
echo "first activation (new ramfs):   median $(echo "$out" | awk '{print $1}' | median) ms ($(echo "$out" | awk '{print $1}' | tr '\n' ' '))"
echo "second activation (no change):  median $(echo "$out" | awk '{print $2}' | median) ms ($(echo "$out" | awk '{print $2}' | tr '\n' ' '))"
