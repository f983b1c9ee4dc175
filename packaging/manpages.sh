#!/bin/sh
# Build step: man pages for every command, from the commands' own picocli specs (ManPageGenerator writes
# AsciiDoc; asciidoctor turns it into man(7) pages). Usage: manpages.sh CLASSPATH OUTDIR
set -eu
cp="$1"; out="$2"
java=""
for j in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} /usr/lib/jvm/*25*/bin/java /usr/lib/jvm/*/bin/java; do
    if [ -x "$j" ] && "$j" -version 2>&1 | grep -Eq 'version "(2[5-9]|[3-9][0-9])'; then java=$j; break; fi
done
[ -n "$java" ] || { echo "manpages: no Java 25 or newer found" >&2; exit 1; }
command -v asciidoctor >/dev/null || { echo "manpages: asciidoctor is needed (apt-get install asciidoctor)" >&2; exit 1; }
adoc="$out/adoc"
rm -rf "$adoc" && mkdir -p "$adoc" "$out/share/man/man1"
"$java" -cp "$cp" io.secretsd.cli.ManPages "$adoc"
asciidoctor -b manpage -D "$out/share/man/man1" "$adoc"/*.adoc
rm -rf "$adoc"
