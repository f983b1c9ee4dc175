package io.secretsd.manifest;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.schema.JsonSchema;

/**
 * Reads a hand-written YAML manifest into the same plain values as {@link JsonTree}. The JSON schema is used
 * so that only true/false/null/numbers are special, and duplicate keys and aliases are refused.
 */
final class YamlTree {
    private YamlTree() {
    }

    static Object parse(byte[] bytes, String source) throws ManifestSyntaxException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ManifestSyntaxException(source, "failed to parse manifest: not UTF-8", e);
        }
        LoadSettings settings = LoadSettings.builder()
                .setLabel(source)
                .setSchema(new JsonSchema())
                .setAllowDuplicateKeys(false)
                .setMaxAliasesForCollections(0)
                .setAllowRecursiveKeys(false)
                .setCodePointLimit(ManifestReader.MAX_BYTES)
                .setBufferSize(text.length() + 1) // one buffer: linear in a scalar's length (see sops' YamlReader)
                .build();
        try {
            Object value = new Load(settings).loadFromString(text);
            check(value, source, 0);
            return value;
        } catch (YamlEngineException | IllegalArgumentException | ClassCastException e) {
            // snakeyaml reports some malformed input with unchecked exceptions; all of them mean "not YAML"
            throw new ManifestSyntaxException(source, "failed to parse manifest: " + oneLine(e.getMessage()), e);
        } catch (StackOverflowError e) {
            throw new ManifestSyntaxException(source, "failed to parse manifest: nested too deeply", null);
        }
    }

    /** Keys must be strings, as in JSON; and nesting stays bounded like the JSON parser's. */
    private static void check(Object v, String source, int depth) throws ManifestSyntaxException {
        if (depth > 64) {
            throw new ManifestSyntaxException(source, "failed to parse manifest: nested too deeply", null);
        }
        if (v instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!(e.getKey() instanceof String)) {
                    throw new ManifestSyntaxException(source,
                            "failed to parse manifest: key " + e.getKey() + " is not a string", null);
                }
                check(e.getValue(), source, depth + 1);
            }
        } else if (v instanceof List<?> l) {
            for (Object o : l) {
                check(o, source, depth + 1);
            }
        }
    }

    private static String oneLine(String s) {
        return s == null ? "malformed YAML" : s.replaceAll("\\s*\\n\\s*", " ").strip();
    }
}
