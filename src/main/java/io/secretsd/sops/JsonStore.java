package io.secretsd.sops;

import java.nio.charset.StandardCharsets;

/** The JSON store ({@code stores/json/store.go}): one object, {@code "sops"} as its last key. */
public final class JsonStore implements Store {
    private final String indent;

    public JsonStore() {
        this(-1);
    }

    /** Writes with {@code indent} spaces a level; negative means a tab, sops' default. */
    public JsonStore(int indent) {
        this.indent = indent < 0 ? "\t" : " ".repeat(indent);
    }
    @Override
    public Document loadPlain(byte[] in, String file) throws SopsFormatException {
        return Document.of(JsonReader.parseObject(in, file));
    }

    @Override
    public Loaded loadEncrypted(byte[] in, String file) throws SopsFormatException {
        Mapping m = JsonReader.parseObject(in, file);
        Value sops = m.get("sops");
        if (sops == null || sops instanceof Null) throw Store.noMetadata(file);
        return new Loaded(Document.of(m.without("sops")), sops);
    }

    @Override
    public byte[] emitPlain(Document doc) throws SopsFormatException {
        if (doc.branches().isEmpty()) return "{}\n".getBytes(StandardCharsets.UTF_8);
        return (JsonWriter.write(doc.branches().getFirst(), indent) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] emitEncrypted(Document doc, Mapping metadata) throws SopsFormatException {
        Mapping first = doc.branches().isEmpty() ? new Mapping(java.util.List.of()) : doc.branches().getFirst();
        return (JsonWriter.write(first.with("sops", metadata), indent) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] emitValue(Value v) throws SopsFormatException {
        return JsonWriter.write(v, indent).getBytes(StandardCharsets.UTF_8);
    }
}
