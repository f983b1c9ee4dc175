#!/usr/bin/env bash
# Start-up of the installed package (/usr/bin, from `dpkg -i target/secretsd_*_amd64.deb`) against the same
# commands from target/dist, taking turns, every JDK hidden (an empty tmpfs over /usr/lib/jvm in a private
# mount namespace): `secretsctl --version` and `secretsd demo --once`. Prints the medians in ms.
# Usage: src/bench/package-start.sh [RUNS=9]   (as root, after `mvn package` and `dpkg -i`)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-9}
dist=$PWD/target/dist/bin
[ -x /usr/bin/secretsctl ] || { echo "install the package first: dpkg -i target/secretsd_*_amd64.deb" >&2; exit 1; }
exec unshare -m --propagation private env -u JAVA_HOME bash -c '
    mount -t tmpfs none /usr/lib/jvm
    runs=$1 dist=$2
    ms() { local t0 t1; t0=$(date +%s%N); "$@" >/dev/null 2>&1; t1=$(date +%s%N); echo $(( (t1 - t0) / 1000000 )); }
    median() { sort -n | awk "{a[NR]=\$1} END {print a[int((NR+1)/2)]}"; }
    cd /tmp
    for what in "secretsctl --version" "secretsd demo --once"; do
        set -- $what
        pkg=() dst=()
        for i in $(seq "$runs"); do
            pkg+=("$(ms "/usr/bin/$1" "${@:2}")")
            dst+=("$(ms "$dist/$1" "${@:2}")")
        done
        echo "$what: installed median $(printf "%s\n" "${pkg[@]}" | median) ms (${pkg[*]}); target/dist median $(printf "%s\n" "${dst[@]}" | median) ms (${dst[*]})"
    done' bash "$runs" "$dist"
