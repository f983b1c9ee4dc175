#!/usr/bin/env bash
# Where the idle daemon's memory goes: `secretsd run` on the issue-4 host (1,000 secrets) with Native Memory
# Tracking, a few seconds after its first activation. Prints the resident set (anonymous and file-backed), the
# heap's generations, and NMT's committed memory per part (heap, class space and metaspace, code cache,
# thread stacks, the JIT, ...). NMT itself costs ~1 MB; its figure is printed. Runs as root in a private
# mount namespace. Extra JVM options for an experiment: SECRETSD_JAVA_OPTS="..." src/bench/daemon-memory.sh
# Usage: src/bench/daemon-memory.sh [IDLE_SECONDS=12]   (after `mvn package` and src/bench/activate-cold.sh)
set -euo pipefail
cd "$(dirname "$0")/../.."
idle=${1:-12}
host=$PWD/target/bench-host
[ -f "$host/manifest.json" ] || { echo "run src/bench/activate-cold.sh first (it generates the host)" >&2; exit 1; }
dist=$PWD/target/dist
jcmd=
for j in "$dist/runtime/bin/jcmd" "${JAVA_HOME:-/nonexistent}/bin/jcmd" /usr/lib/jvm/*25*/bin/jcmd; do
    [ -z "$jcmd" ] && [ -x "$j" ] && jcmd=$j
done
[ -n "$jcmd" ] || { echo "jcmd of a JDK 25 is needed (set JAVA_HOME)" >&2; exit 1; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
export host work dist jcmd idle
unshare -m --propagation private bash -c '
    set -euo pipefail
    SECRETSD_JAVA_OPTS="-XX:NativeMemoryTracking=summary ${SECRETSD_JAVA_OPTS:-}" \
        "$dist/bin/secretsd" run --manifest "$host/manifest.json" --socket "$work/ctl.sock" --units none >"$work/daemon.log" 2>&1 &
    pid=$!
    until [ -S "$work/ctl.sock" ] && [ -e "$host/secrets/svc0/s0" ]; do sleep 0.05; done
    sleep "$idle"
    echo "idle daemon, 1,000 secrets, ${idle} s after its first activation ($(nproc) cores, load $(cut -d" " -f1-3 /proc/loadavg))"
    awk "/^(VmRSS|RssAnon|RssFile|RssShmem|Threads)/ {printf \"  %-9s %8.1f %s\n\", \$1, (\$3 == \"kB\" ? \$2/1024 : \$2), (\$3 == \"kB\" ? \"MiB\" : \"\")}" /proc/$pid/status
    echo "heap (after the activation'\''s collection):"
    "$jcmd" $pid GC.heap_info | grep -E "total" | sed "s/\[.*//; s/^ */  /"
    echo "NMT, committed MiB per part (1 MiB or more):"
    "$jcmd" $pid VM.native_memory summary | awk "
        /^Total:/ { match(\$0, /committed=[0-9]+KB/); printf \"  %-28s %7.1f\n\", \"total\", substr(\$0, RSTART+10, RLENGTH-12)/1024 }
        /^-/ { name=\$0; sub(/^- */, \"\", name); sub(/ *\(.*/, \"\", name);
               match(\$0, /committed=[0-9]+KB/); v=substr(\$0, RSTART+10, RLENGTH-12)/1024;
               if (v >= 1) printf \"  %-28s %7.1f\n\", name, v }"
    kill $pid; wait $pid || true
'
