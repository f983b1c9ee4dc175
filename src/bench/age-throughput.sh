#!/usr/bin/env bash
# Payload throughput of `secretsctl age decrypt` against Debian's `age -d` on the same file, as whole
# processes, alternating runs in one session; prints medians and the ratio (age / secretsctl).
# Usage: src/bench/age-throughput.sh [SIZE_MIB=256] [RUNS=7]   (after `mvn package`)
set -euo pipefail
cd "$(dirname "$0")/../.."
size=${1:-256}; runs=${2:-7}
ctl=target/dist/bin/secretsctl
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
age-keygen -o "$work/key.txt" 2>/dev/null
rcpt=$(age-keygen -y "$work/key.txt")
head -c "$((size * 1024 * 1024))" /dev/urandom > "$work/plain"
age -r "$rcpt" -o "$work/file.age" "$work/plain"
now() { date +%s%N; }
declare -a ours theirs
for i in $(seq "$runs"); do
    t=$(now); "$ctl" age decrypt -i "$work/key.txt" -o /dev/null "$work/file.age"; ours+=($(( ($(now) - t) / 1000000 )))
    t=$(now); age -d -i "$work/key.txt" -o /dev/null "$work/file.age"; theirs+=($(( ($(now) - t) / 1000000 )))
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
m1=$(median "${ours[@]}"); m2=$(median "${theirs[@]}")
echo "size ${size} MiB, ${runs} runs each"
echo "secretsctl age decrypt: median ${m1} ms (${ours[*]})"
echo "age -d (Go):            median ${m2} ms (${theirs[*]})"
awk -v a="$m2" -v b="$m1" 'BEGIN {printf "ratio age/secretsctl: %.2fx\n", a / b}'
