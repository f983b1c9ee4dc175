package io.secretsd.sops;

import io.secretsd.sops.Mapping.Field;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dotenv store ({@code stores/dotenv/store.go}): lines split on {@code \n}, each {@code #comment} or
 * {@code key=value} split at the first {@code =} with nothing trimmed or unquoted; {@code \n} in a value is a
 * newline. Metadata is flattened under the {@code sops_} prefix.
 */
public final class DotenvStore implements Store {
    private static final String PREFIX = "sops_";

    @Override
    public Document loadPlain(byte[] in, String file) throws SopsFormatException {
        List<Mapping.Item> items = new ArrayList<>();
        int lineNo = 0;
        int start = 0;
        while (start <= in.length) {
            int end = start;
            while (end < in.length && in[end] != '\n') end++;
            lineNo++;
            byte[] line = Arrays.copyOfRange(in, start, end);
            start = end + 1;
            if (line.length == 0) continue;
            if (line[0] == '#') {
                items.add(new Comment(new String(line, 1, line.length - 1, StandardCharsets.UTF_8)));
                continue;
            }
            int eq = -1;
            for (int i = 0; i < line.length; i++) if (line[i] == '=') { eq = i; break; }
            if (eq < 0) throw new SopsFormatException(file + ": line " + lineNo + ": invalid dotenv line (no '=')");
            String key = new String(line, 0, eq, StandardCharsets.UTF_8);
            items.add(new Field(key, Scalar.str(unescapeNewlines(Arrays.copyOfRange(line, eq + 1, line.length)))));
            Arrays.fill(line, (byte) 0);
        }
        return Document.of(new Mapping(items));
    }

    private static byte[] unescapeNewlines(byte[] v) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(v.length);
        for (int i = 0; i < v.length; i++) {
            if (v[i] == '\\' && i + 1 < v.length && v[i + 1] == 'n') {
                out.write('\n');
                i++;
            } else {
                out.write(v[i]);
            }
        }
        return out.toByteArray();
    }

    @Override
    public Loaded loadEncrypted(byte[] in, String file) throws SopsFormatException {
        Mapping all = loadPlain(in, file).branches().getFirst();
        List<Mapping.Item> data = new ArrayList<>();
        Map<String, String> flat = new LinkedHashMap<>();
        for (Mapping.Item item : all.items()) {
            if (item instanceof Field f && f.key().startsWith(PREFIX)) {
                flat.put(f.key().substring(PREFIX.length()), Flatten.unescape(((Scalar) f.value()).text()));
            } else {
                data.add(item);
            }
        }
        if (flat.isEmpty()) throw Store.noMetadata(file);
        return new Loaded(Document.of(new Mapping(data)), Flatten.unflatten(flat, file));
    }

    @Override
    public byte[] emitPlain(Document doc) throws SopsFormatException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (doc.branches().isEmpty()) return new byte[0];
        for (Mapping.Item item : doc.branches().getFirst().items()) {
            switch (item) {
                case Comment c -> out.writeBytes(("#" + c.text() + "\n").getBytes(StandardCharsets.UTF_8));
                case Field f -> {
                    if (f.value() instanceof Mapping || f.value() instanceof Sequence)
                        throw new SopsFormatException("dotenv: cannot use a complex value (key " + f.key() + ")");
                    out.writeBytes(f.key().getBytes(StandardCharsets.UTF_8));
                    out.write('=');
                    byte[] v = valueBytes(f.value());
                    for (byte b : v) {
                        if (b == '\n') out.writeBytes(new byte[] {'\\', 'n'});
                        else out.write(b);
                    }
                    out.write('\n');
                }
            }
        }
        return out.toByteArray();
    }

    /** {@code stores.ValueToString}: how a non-string leaf reads in a flat file. */
    static byte[] valueBytes(Value v) {
        if (v instanceof Scalar s) {
            return switch (s.type()) {
                case BOOL -> (s.boolValue() ? "true" : "false").getBytes(StandardCharsets.US_ASCII);
                case FLOAT -> String.format(java.util.Locale.ROOT, "%.6f", s.doubleValue()).getBytes(StandardCharsets.US_ASCII);
                case TIME -> GoTime.formatSeconds(java.time.OffsetDateTime.parse(s.text())).getBytes(StandardCharsets.US_ASCII);
                default -> s.bytes();
            };
        }
        return new byte[0];
    }

    @Override
    public byte[] emitEncrypted(Document doc, Mapping metadata) throws SopsFormatException {
        List<Mapping.Item> items = new ArrayList<>(doc.branches().isEmpty() ? List.of() : doc.branches().getFirst().items());
        for (Map.Entry<String, String> e : Flatten.flatten(metadata).entrySet()) {
            items.add(new Field(PREFIX + e.getKey(), Scalar.str(e.getValue())));
        }
        // Values are escaped already by Flatten; a newline cannot remain, so emitPlain writes them verbatim.
        return emitPlain(Document.of(new Mapping(items)));
    }

    @Override
    public byte[] emitValue(Value v) throws SopsFormatException {
        if (v instanceof Scalar s && s.type() == ScalarType.STR) return s.bytes();
        throw new SopsFormatException("the dotenv store only supports emitting strings");
    }
}
