package io.secretsd.sops;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The YAML store ({@code stores/yaml/store.go}): every document is a branch; the {@code sops} mapping is
 * read from the first document, removed from all, and written as the last key of every document.
 */
public final class YamlStore implements Store {
    private final int indent;

    public YamlStore() {
        this(YamlWriter.DEFAULT_INDENT);
    }

    /** Writes with {@code indent} spaces a level; 0 means sops' default of 4. */
    public YamlStore(int indent) {
        this.indent = indent <= 0 ? YamlWriter.DEFAULT_INDENT : indent;
    }
    @Override
    public Document loadPlain(byte[] in, String file) throws SopsFormatException {
        return new Document(YamlReader.read(in, file));
    }

    @Override
    public Loaded loadEncrypted(byte[] in, String file) throws SopsFormatException {
        List<Mapping> docs = YamlReader.read(in, file);
        if (docs.isEmpty()) throw Store.noMetadata(file);
        Value sops = docs.getFirst().get("sops");
        if (sops == null || sops instanceof Null) throw Store.noMetadata(file);
        List<Mapping> data = new ArrayList<>();
        for (Mapping d : docs) data.add(d.without("sops"));
        return new Loaded(new Document(data), sops);
    }

    @Override
    public byte[] emitPlain(Document doc) {
        return YamlWriter.write(doc.branches(), indent).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] emitEncrypted(Document doc, Mapping metadata) {
        List<Mapping> docs = new ArrayList<>();
        for (Mapping m : doc.branches()) docs.add(m.with("sops", metadata));
        if (docs.isEmpty()) docs.add(new Mapping(List.of(new Mapping.Field("sops", metadata))));
        return YamlWriter.write(docs, indent).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] emitValue(Value v) {
        return YamlWriter.writeValue(v).getBytes(StandardCharsets.UTF_8);
    }
}
