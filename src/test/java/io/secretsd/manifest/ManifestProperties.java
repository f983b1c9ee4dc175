package io.secretsd.manifest;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Malformed manifests are rejected with a typed exception, never an unchecked one. */
class ManifestProperties {
    private static final List<String> FIELDS = List.of("\"secrets\"", "\"templates\"", "\"mode\"", "\"format\"",
            "\"name\"", "\"uid\"", "\"gid\"", "\"owner\"", "\"keepGenerations\"", "\"logging\"", "\"path\"",
            "\"sopsFile\"", "\"placeholderBySecretName\"", "\"restartUnits\"", "\"content\"", "\"file\"",
            "\"userMode\"", "\"gnupgHome\"");

    private static void parseCleanly(byte[] bytes, String source) {
        try {
            ManifestReader.parse(bytes, source);
        } catch (InvalidManifestException e) {
            assertFalse(e.problems().isEmpty());
        } catch (ManifestException e) {
            // typed and expected
        }
    }

    @Property(tries = 300)
    void randomBytesAsJson(@ForAll byte[] bytes) {
        byte[] json = new byte[bytes.length + 1];
        json[0] = '{';
        System.arraycopy(bytes, 0, json, 1, bytes.length);
        parseCleanly(json, "m.json");
    }

    @Property(tries = 300)
    void randomTextAsYaml(@ForAll String text) {
        parseCleanly(text.getBytes(StandardCharsets.UTF_8), "m.yaml");
    }

    @Property(tries = 500)
    void mutatedNixosManifest(@ForAll("mutations") String manifest) {
        parseCleanly(manifest.getBytes(StandardCharsets.UTF_8), "m.json");
    }

    @Property(tries = 300)
    void mutatedAsYaml(@ForAll("mutations") String manifest) {
        // JSON is YAML: the same document through the YAML reader (leading space defeats the JSON sniffing)
        parseCleanly(("--- " + manifest).getBytes(StandardCharsets.UTF_8), "m.yaml");
    }

    @Provide
    Arbitrary<String> mutations() {
        Arbitrary<String> values = Arbitraries.oneOf(
                Arbitraries.of("null", "true", "0", "-1", "1e400", "99999999999999999999999", "1.5", "[]", "{}",
                        "[null]", "[1]", "{\"a\":null}", "\"\"", "\"0999\"", "\"0o400\"", "\"../x\"", "\"/\"",
                        "\"toml\"", "\"\\u0000\"", "[{}]", "[[]]", "\"%r\""),
                Arbitraries.strings().ofMaxLength(12).map(s -> "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"")
                        .replaceAll("[\\x00-\\x1f]", "") + "\""));
        Arbitrary<String> field = Arbitraries.of(FIELDS);
        Arbitrary<Integer> which = Arbitraries.integers().between(0, 40);
        return Combinators.combine(field, values, which, Arbitraries.integers().between(0, 3)).as((f, v, n, how) -> {
            String m = ManifestReaderTest.NIXOS;
            int at = -1;
            for (int i = 0; i <= n % 3; i++) {
                int next = m.indexOf(f, at + 1);
                if (next < 0) {
                    break;
                }
                at = next;
            }
            if (at < 0) {
                return m;
            }
            int valueStart = at + f.length() + 1;
            int end = valueEnd(m, valueStart);
            return switch (how) {
                case 0 -> m.substring(0, valueStart) + v + m.substring(end); // replace the value
                case 1 -> m.substring(0, at) + m.substring(Math.min(m.length(), end + 1)); // drop the field
                case 2 -> m.substring(0, Math.min(m.length(), valueStart + n)); // truncate
                default -> m.substring(0, at) + v + ":" + v + "," + m.substring(at); // odd key
            };
        });
    }

    /** End of a JSON value starting at i (good enough for the manifest text above). */
    private static int valueEnd(String s, int i) {
        int depth = 0;
        boolean str = false;
        for (int k = i; k < s.length(); k++) {
            char c = s.charAt(k);
            if (str) {
                if (c == '\\') {
                    k++;
                } else if (c == '"') {
                    str = false;
                    if (depth == 0) {
                        return k + 1;
                    }
                }
            } else if (c == '"') {
                str = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                if (depth == 0) {
                    return k;
                }
                depth--;
                if (depth == 0) {
                    return k + 1;
                }
            } else if (c == ',' && depth == 0) {
                return k;
            }
        }
        return s.length();
    }
}
