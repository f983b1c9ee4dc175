#!/usr/bin/env bash
# Cold whole-process decryption of one small sops file: `secretsctl decrypt` against the npm package
# sops-age on Node, alternating runs in one session; prints medians and the ratio (sops-age / secretsctl).
# Usage: src/bench/sops-cold.sh [RUNS=15] [FILE=src/test/resources/vectors/sops-nix/secrets.yaml]   (after `mvn package`)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-15}
file=$(readlink -f "${2:-src/test/resources/vectors/sops-nix/secrets.yaml}")
keys=$(readlink -f src/test/resources/vectors/sops-nix/age-keys.txt)
ctl=target/dist/bin/secretsctl
npmdir=target/bench-npm
if [ ! -d "$npmdir/node_modules/sops-age" ]; then
    mkdir -p "$npmdir"
    echo '{"name":"bench","private":true,"type":"module"}' > "$npmdir/package.json"
    (cd "$npmdir" && npm install --no-audit --no-fund sops-age@4 >/dev/null)
fi
cat > "$npmdir/decrypt.mjs" <<'JS'
import { decryptSops } from "sops-age";
import { readFileSync } from "node:fs";
const key = readFileSync(process.argv[3], "utf8").match(/AGE-SECRET-KEY-1[0-9A-Z]+/)[0];
const out = await decryptSops(readFileSync(process.argv[2], "utf8"), { secretKey: key, fileType: "yaml" });
process.stdout.write(JSON.stringify(out));
JS
now() { date +%s%N; }
declare -a ours theirs
for i in $(seq "$runs"); do
    t=$(now); "$ctl" decrypt --age-key-file "$keys" "$file" >/dev/null; ours+=($(( ($(now) - t) / 1000000 )))
    t=$(now); node "$npmdir/decrypt.mjs" "$file" "$keys" >/dev/null; theirs+=($(( ($(now) - t) / 1000000 )))
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
m1=$(median "${ours[@]}"); m2=$(median "${theirs[@]}")
echo "$(basename "$file"), ${runs} cold runs each"
echo "secretsctl decrypt:  median ${m1} ms (${ours[*]})"
echo "sops-age on node:    median ${m2} ms (${theirs[*]})"
awk -v a="$m2" -v b="$m1" 'BEGIN {printf "ratio sops-age/secretsctl: %.2fx\n", a / b}'
