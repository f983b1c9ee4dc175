#!/usr/bin/env bash
# Payload throughput of `secretsctl age decrypt` and `secretsctl age encrypt` against Debian's age 1.1.1
# (`age -d`, `age -e`) on the same file, as whole processes, alternating runs in one session; prints the
# medians, wall and CPU, and the ratios (age / secretsctl: above 1 means secretsctl is faster).
# Usage: src/bench/age-throughput.sh [SIZE_MIB=256] [RUNS=7]   (after `mvn package`)
# SECRETSD_JAVA_OPTS is passed on to the JVM (e.g. to compare JIT settings).
set -euo pipefail
cd "$(dirname "$0")/../.."
size=${1:-256}; runs=${2:-7}
ctl=target/dist/bin/secretsctl
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
age-keygen -o "$work/key.txt" 2>/dev/null
rcpt=$(age-keygen -y "$work/key.txt")
head -c "$((size * 1024 * 1024))" /dev/urandom > "$work/plain"
age -r "$rcpt" -o "$work/file.age" "$work/plain"
"$ctl" age decrypt -i "$work/key.txt" -o "$work/check" "$work/file.age"
cmp -s "$work/plain" "$work/check" || { echo "secretsctl age decrypt gave a different plaintext" >&2; exit 1; }
rm -f "$work/check"

# time NAME CMD...: appends "wall_ms cpu_ms" of one run to $work/NAME
time_run() {
    local name=$1; shift
    /usr/bin/time -f "%e %U %S" -o "$work/t" "$@"
    awk '{printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000}' "$work/t" >> "$work/$name"
}
for i in $(seq "$runs"); do
    time_run ours-d "$ctl" age decrypt -i "$work/key.txt" -o /dev/null "$work/file.age"
    time_run go-d age -d -i "$work/key.txt" -o /dev/null "$work/file.age"
    time_run ours-e "$ctl" age encrypt -r "$rcpt" -o /dev/null "$work/plain"
    time_run go-e age -e -r "$rcpt" -o /dev/null "$work/plain"
done
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "size ${size} MiB, ${runs} runs each, load: $(cut -d' ' -f1-3 /proc/loadavg)"
for op in d e; do
    ow=$(cut -d' ' -f1 "$work/ours-$op" | median); oc=$(cut -d' ' -f2 "$work/ours-$op" | median)
    gw=$(cut -d' ' -f1 "$work/go-$op" | median); gc=$(cut -d' ' -f2 "$work/go-$op" | median)
    [ "$op" = d ] && what=decrypt || what=encrypt
    printf '%s: secretsctl median %d ms wall, %d ms cpu; age %d ms wall, %d ms cpu\n' "$what" "$ow" "$oc" "$gw" "$gc"
    awk -v a="$gw" -v b="$ow" -v c="$gc" -v d="$oc" -v w="$what" 'BEGIN {printf "%s ratio age/secretsctl: wall %.2fx, cpu %.2fx\n", w, a / b, c / d}'
done
