#!/usr/bin/env bash
# One large value in a sops YAML file: wall time and peak RSS of `secretsctl decrypt` for each size, against the
# npm package sops-age on Node decrypting the same file in the same session; prints the ratio per size.
# Usage: src/bench/yaml-large-value.sh [MIB...=3 6]   (after `mvn package`; uses /usr/bin/time; SECRETSCTL=path to compare another build)
set -euo pipefail
cd "$(dirname "$0")/../.."
[ $# -eq 0 ] && set -- 3 6
sizes=("$@")
ctl=${SECRETSCTL:-target/dist/bin/secretsctl}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$ctl" age keygen -o "$work/key.txt" 2>"$work/pub"
recipient=$(grep -o 'age1[0-9a-z]*' "$work/pub" | head -1)
npmdir=target/bench-npm
node=0
if command -v node >/dev/null; then
    if [ ! -d "$npmdir/node_modules/sops-age" ]; then
        mkdir -p "$npmdir"
        echo '{"name":"bench","private":true,"type":"module"}' > "$npmdir/package.json"
        (cd "$npmdir" && npm install --no-audit --no-fund sops-age@4 >/dev/null 2>&1) || true
    fi
    [ -d "$npmdir/node_modules/sops-age" ] && node=1
    cat > "$npmdir/decrypt.mjs" <<'JS'
import { decryptSops } from "sops-age";
import { readFileSync } from "node:fs";
const key = readFileSync(process.argv[3], "utf8").match(/AGE-SECRET-KEY-1[0-9A-Z]+/)[0];
const out = await decryptSops(readFileSync(process.argv[2], "utf8"), { secretKey: key, fileType: "yaml" });
process.stdout.write(String(Object.keys(out).length));
JS
fi
for mib in "${sizes[@]}"; do
    f="$work/big-$mib.yaml"
    { printf 'small: value\nbig: '; head -c $((mib * 1024 * 1024 * 3 / 4)) /dev/urandom | base64 -w0; printf '\n'; } > "$f"
    "$ctl" encrypt --age "$recipient" -i "$f"
    /usr/bin/time -f '%e %M' -o "$work/t" "$ctl" decrypt --age-key-file "$work/key.txt" --key small "$f" >/dev/null
    read -r secs kb < "$work/t"
    line="${mib} MiB value: secretsctl ${secs} s, ${kb} KB peak RSS"
    if [ "$node" = 1 ]; then
        /usr/bin/time -f '%e %M' -o "$work/t" node "$npmdir/decrypt.mjs" "$f" "$work/key.txt" >/dev/null
        read -r nsecs nkb < "$work/t"
        line="$line; sops-age on node ${nsecs} s, ${nkb} KB; time ratio secretsctl/sops-age $(awk -v a="$secs" -v b="$nsecs" 'BEGIN {printf "%.2f", a / b}')"
    fi
    echo "$line"
done
