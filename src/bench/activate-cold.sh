#!/usr/bin/env bash
# Cold `secretsd activate` of the issue-4 host (100 sops files, 1,000 secrets, 50 templates, made with the
# project's own encryption), as a whole process, as root, each run in a fresh mount namespace (a first boot
# on a new ramfs) and then a second run in the same namespace (nothing changed). The peer, alternating with
# the first activation in the same session: npm's sops-age on Node decrypting the same 100 files in one
# process (decryption only: no files written). Prints the medians and the ratio.
# Usage: src/bench/activate-cold.sh [RUNS=7]   (after `mvn package`; the peer needs npm, skipped without it)
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
npmdir=target/bench-npm
peer=
if command -v npm >/dev/null && command -v node >/dev/null; then
    if [ ! -d "$npmdir/node_modules/sops-age" ]; then
        mkdir -p "$npmdir"
        echo '{"name":"bench","private":true,"type":"module"}' > "$npmdir/package.json"
        (cd "$npmdir" && npm install --no-audit --no-fund sops-age@4 >/dev/null)
    fi
    cat > "$npmdir/decrypt-many.mjs" <<'JS'
import { decryptSops } from "sops-age";
import { readFileSync, readdirSync } from "node:fs";
const [dir, keys] = process.argv.slice(2);
const key = readFileSync(keys, "utf8").match(/AGE-SECRET-KEY-1[0-9A-Z]+/)[0];
let n = 0;
for (const f of readdirSync(dir).filter(f => /^f\d+\.yaml$/.test(f))) {
  const out = await decryptSops(readFileSync(dir + "/" + f, "utf8"), { secretKey: key, fileType: "yaml" });
  n += Object.keys(out).length;
}
process.stdout.write(n + " keys\n");
JS
    peer=1
fi
secretsd=$PWD/target/dist/bin/secretsd
now() { date +%s%N; }
out=$(for i in $(seq "$runs"); do
    unshare -m --propagation private sh -c '
        fail() { echo "secretsd activate $2 failed (exit $1): run it by hand to see why" >&2; exit 1; }
        t0=$(date +%s%N); "$1" activate "$2" >/dev/null 2>&1 || fail $? "$2"; t1=$(date +%s%N)
        "$1" activate "$2" >/dev/null 2>&1 || fail $? "$2"; t2=$(date +%s%N)
        printf "%s %s " $(( (t1 - t0) / 1000000 )) $(( (t2 - t1) / 1000000 ))' sh "$secretsd" "$PWD/$host/manifest.json" || exit 1
    if [ -n "$peer" ]; then
        t=$(now); node "$npmdir/decrypt-many.mjs" "$PWD/$host" "$keys" >/dev/null; echo $(( ($(now) - t) / 1000000 ))
    else
        echo 0
    fi
done)
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
col() { echo "$out" | awk -v c="$1" '{print $c}'; }
echo "host: 100 sops files, 1,000 secrets, 50 templates; ${runs} runs; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "first activation (new ramfs):   median $(col 1 | median) ms ($(col 1 | tr '\n' ' '))"
echo "second activation (no change):  median $(col 2 | median) ms ($(col 2 | tr '\n' ' '))"
if [ -n "$peer" ]; then
    echo "sops-age, the 100 files:        median $(col 3 | median) ms ($(col 3 | tr '\n' ' '))"
    echo "$out" | awk '{print $3 / $1}' | median | awk '{printf "ratio sops-age/first activation: %.2fx (median of paired ratios)\n", $1}'
fi
