#!/bin/sh
# Shared launcher for bin/secretsd and bin/secretsctl: finds a JDK 25+ and starts the JVM with the
# AOT cache trained at build time, because the daemon runs at boot and every CLI call is a cold start.
set -eu
main="$1"; shift
lib=$(cd "$(dirname "$0")" && pwd -P)

java_major() {
    # The JDK's release file answers without starting a JVM (start-up time matters at boot).
    home=$(dirname "$(dirname "$1")")
    if [ -r "$home/release" ]; then
        sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release"
    else
        "$1" -version 2>&1 | sed -n '1s/.*version "\([0-9]*\).*/\1/p'
    fi
}
usable() {
    [ -x "$1" ] || return 1
    v=$(java_major "$1")
    [ -n "$v" ] && [ "$v" -ge 25 ]
}
find_java() {
    if [ -n "${JAVA_HOME:-}" ] && usable "$JAVA_HOME/bin/java"; then echo "$JAVA_HOME/bin/java"; return; fi
    if p=$(command -v java 2>/dev/null); then
        p=$(readlink -f "$p" 2>/dev/null || echo "$p")
        if usable "$p"; then echo "$p"; return; fi
    fi
    for d in /usr/lib/jvm/*25* /usr/lib/jvm/* /usr/local/lib/jvm/* /opt/java/* /opt/jdk* \
             /Library/Java/JavaVirtualMachines/*/Contents/Home "${HOME:-/nonexistent}"/.sdkman/candidates/java/*; do
        if usable "$d/bin/java"; then echo "$d/bin/java"; return; fi
    done
    return 1
}
java=$(find_java) || { echo "secretsd: no Java 25 or newer found (set JAVA_HOME)" >&2; exit 127; }

cp="$lib/*"
# The daemon idles for days between activations (src/bench/daemon-memory.sh measures each part): a small
# heap with a small young generation that gives memory back after each activation, glibc's freed malloc
# memory (the JIT's arenas) handed back to the kernel, two malloc arenas instead of one per thread, small
# thread stacks and a code cache sized for what it compiles (~7 MB).
daemon_opts=
if [ "$main" = io.secretsd.cli.Secretsd ] && [ "${1:-}" = run ]; then
    daemon_opts="-Xms8m -Xmn2m -XX:MinHeapFreeRatio=5 -XX:MaxHeapFreeRatio=10 -XX:-ShrinkHeapInSteps
        -XX:TrimNativeHeapInterval=5000 -XX:ThreadStackSize=256 -XX:ReservedCodeCacheSize=32m"
    export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
fi
# One cache per command: each holds only the classes its own training run loaded (all are loaded at start).
case "$main" in
    *.Secretsd) aot="$lib/secretsd.aot" ;;
    *) aot="$lib/secretsctl.aot" ;;
esac
set -- -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED -cp "$cp" "$main" "$@"
if [ "${SECRETSD_AOT_TRAIN:-}" = 1 ]; then
    set -- "-XX:AOTCacheOutput=$aot" -Xlog:aot=error "$@"
elif [ -r "$aot" ]; then
    # A cache that no longer matches the class path is skipped silently, never fatal.
    set -- "-XX:AOTCache=$aot" -Xlog:aot=off -Xlog:cds=off "$@"
fi
exec "$java" $daemon_opts ${SECRETSD_JAVA_OPTS:-} "$@"
