#!/usr/bin/env bash
# `secretsctl status` against a running daemon (the issue-4 host, 1,000 secrets), as whole processes,
# alternating with its two references in one session: a hello-world `java` on the same runtime the launcher
# uses, and a raw varlink GetStatus query with socat. Prints the medians and the ratios.
# Also `secretsctl --version` against the same hello world. Runs as root in a private mount namespace.
# Usage: src/bench/status.sh [RUNS=21]   (after `mvn package` and src/bench/activate-cold.sh, which makes the host)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-21}
host=$PWD/target/bench-host
[ -f "$host/manifest.json" ] || { echo "run src/bench/activate-cold.sh first (it generates the host)" >&2; exit 1; }
command -v socat >/dev/null || { echo "socat is needed (apt-get install socat)" >&2; exit 1; }
dist=$PWD/target/dist
# The runtime the launcher runs: the bundled one if the build made it, else the JDK the launcher finds.
java=${JAVA:-}
for j in "$dist/runtime/bin/java" "${JAVA_HOME:-/nonexistent}/bin/java" /usr/lib/jvm/*25*/bin/java; do
    [ -z "$java" ] && [ -x "$j" ] && java=$j
done
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
mkdir -p "$work/hello"
printf 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n' > "$work/Hello.java"
"$(dirname "$java")/javac" -d "$work/hello" "$work/Hello.java" 2>/dev/null \
    || "$(ls -d /usr/lib/jvm/*25*/bin/javac | head -1)" -d "$work/hello" "$work/Hello.java"
export host work runs java dist
unshare -m --propagation private bash -c '
    set -euo pipefail
    "$dist/bin/secretsd" run --manifest "$host/manifest.json" --socket "$work/ctl.sock" --units none >"$work/daemon.log" 2>&1 &
    pid=$!
    until [ -S "$work/ctl.sock" ] && [ -e "$host/secrets/svc0/s0" ]; do sleep 0.05; done
    sleep 1
    now() { date +%s%N; }
    ms() { echo $(( ($(now) - $1) / 1000 )); }
    declare -a st ver hello sock
    for i in $(seq 0 "$runs"); do
        t=$(now); "$dist/bin/secretsctl" status --socket "$work/ctl.sock" >/dev/null; s=$(ms $t)
        t=$(now); "$dist/bin/secretsctl" --version >/dev/null; v=$(ms $t)
        t=$(now); "$java" -cp "$work/hello" Hello >/dev/null; h=$(ms $t)
        # timed to the NUL that ends the reply: a server may keep a half-closed connection open a while
        t=$(now); printf "{\"method\":\"io.secretsd.Manager.GetStatus\",\"parameters\":{}}\0" \
            | socat -t 1 - "UNIX-CONNECT:$work/ctl.sock" | { IFS= read -r -d "" _; ms $t > "$work/q"; cat >/dev/null; }
        q=$(<"$work/q")
        [ "$i" = 0 ] && continue   # warm-up
        st+=($s); ver+=($v); hello+=($h); sock+=($q)
    done
    kill $pid; wait $pid || true
    med() { printf "%s\n" "$@" | sort -n | awk "{a[NR]=\$1} END {printf \"%.1f\", a[int((NR+1)/2)]/1000}"; }
    ratios() { paste <(printf "%s\n" "${!1}") <(printf "%s\n" "${!2}") | awk "{print \$1/\$2}" | sort -n | awk "{a[NR]=\$1} END {printf \"%.2f\", a[int((NR+1)/2)]}"; }
    echo "$runs runs each, in turn; $(nproc) cores, load $(cut -d" " -f1-3 /proc/loadavg)"
    echo "secretsctl status:        median $(med "${st[@]}") ms   $(ratios "st[@]" "hello[@]")x hello world, $(ratios "st[@]" "sock[@]")x socat (median of paired ratios)"
    echo "secretsctl --version:     median $(med "${ver[@]}") ms   $(ratios "ver[@]" "hello[@]")x hello world"
    echo "hello-world java:         median $(med "${hello[@]}") ms   ($java)"
    echo "socat varlink GetStatus:  median $(med "${sock[@]}") ms"
'
