#!/usr/bin/env bash
# The daemon on the issue-4 host (1,000 secrets), as root in a private mount namespace:
#  - resident memory of the idle daemon after the first activation;
#  - re-render latency: from the rename of a changed sops file over the old one to the new content at the
#    secret's path (200 changes, alternating two versions), median and p99;
#  - for comparison, `secretsd activate` of the same change as a new process.
# Usage: src/bench/daemon.sh [CHANGES=200]   (after `mvn package` and src/bench/activate-cold.sh, which makes the host)
# Profile the daemon with e.g. SECRETSD_BENCH_PREFIX="env SECRETSD_JAVA_OPTS=-XX:StartFlightRecording=filename=/tmp/d.jfr"
set -euo pipefail
cd "$(dirname "$0")/../.."
changes=${1:-200}
host=$PWD/target/bench-host
[ -f "$host/manifest.json" ] || { echo "run src/bench/activate-cold.sh first (it generates the host)" >&2; exit 1; }
keys=$(readlink -f src/test/resources/vectors/sops-nix/age-keys.txt)
recipient=$(sed -n 's/^# public key: //p' "$keys")
ctl=$PWD/target/dist/bin/secretsctl
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cp "$host/f0.yaml" "$work/a.yaml"
"$ctl" decrypt --age-key-file "$keys" "$work/a.yaml" | sed 's/value-0-/changed-0-/' > "$work/plain.yaml"
"$ctl" encrypt --age "$recipient" -o "$work/b.yaml" "$work/plain.yaml"
rm "$work/plain.yaml"
export host work changes
unshare -m --propagation private bash -c '
    set -euo pipefail
    secretsd=$PWD/target/dist/bin/secretsd
    ${SECRETSD_BENCH_PREFIX:-} "$secretsd" run --manifest "$host/manifest.json" --socket "$work/ctl.sock" --units none >"$work/daemon.log" 2>&1 &
    pid=$!
    until [ -S "$work/ctl.sock" ] && [ -e "$host/secrets/svc0/s0" ]; do sleep 0.05; done
    sleep 12 # past the first trims of the native heap (every 5 s)
    echo "idle daemon, 1,000 secrets: $(grep VmRSS /proc/$pid/status | awk "{print \$2/1024}") MiB resident"
    target="$host/secrets/svc0/s0"
    cpu() { awk "{print \$14 + \$15}" /proc/$pid/stat; }
    cpu0=$(cpu)
    lat=()
    for i in $(seq "$changes"); do
        if (( i % 2 )); then src=b; want=changed; else src=a; want=value; fi
        cp "$work/$src.yaml" "$host/.f0.tmp"
        t0=$(date +%s%N); mv "$host/.f0.tmp" "$host/f0.yaml"
        # read is a builtin: no fork per look, so the poll takes little CPU from the daemon on a small machine
        while :; do v=; IFS= read -r v <"$target" || :; [[ $v == $want* ]] && break; done
        lat+=($(( ($(date +%s%N) - t0) / 1000 )))
    done
    sleep 1
    echo "daemon CPU per change: $(( ($(cpu) - cpu0) * 1000 / $(getconf CLK_TCK) / changes )) ms (user+system, over $changes changes)"
    kill $pid; wait $pid || true
    printf "%s\n" "${lat[@]}" | sort -n | awk -v n="$changes" "{a[NR]=\$1} END {printf \"re-render latency over %d changes: median %.1f ms, p99 %.1f ms\n\", n, a[int((NR+1)/2)]/1000, a[int(NR*0.99)]/1000}"
    med=$(printf "%s\n" "${lat[@]}" | sort -n | awk "{a[NR]=\$1} END {print a[int((NR+1)/2)]}")
    cp "$work/a.yaml" "$host/f0.yaml"
    "$secretsd" activate "$host/manifest.json" >/dev/null 2>&1
    act=()
    for i in 1 2 3 4 5; do
        if (( i % 2 )); then src=b; else src=a; fi
        cp "$work/$src.yaml" "$host/f0.yaml"
        t0=$(date +%s%N); "$secretsd" activate "$host/manifest.json" >/dev/null 2>&1; t1=$(date +%s%N)
        act+=($(( (t1 - t0) / 1000 )))
    done
    amed=$(printf "%s\n" "${act[@]}" | sort -n | awk "{a[NR]=\$1} END {print a[int((NR+1)/2)]}")
    echo "the same change by a new secretsd activate process: median $(( amed / 1000 )) ms over ${#act[@]} changes; the daemon re-renders $(awk -v a="$amed" -v d="$med" "BEGIN {printf \"%.1f\", a / d}")x faster (load $(cut -d" " -f1-3 /proc/loadavg))"
    cp "$work/a.yaml" "$host/f0.yaml"
'
