package io.secretsd.sops;

import java.util.List;

/** The binary store: the whole file as one {@code str} under {@code data}, in the JSON layout. */
public final class BinaryStore implements Store {
    private final JsonStore json;

    public BinaryStore() {
        this(-1);
    }

    /** The encrypted file's JSON indent ({@code stores.json_binary.indent}); negative means a tab. */
    public BinaryStore(int jsonIndent) {
        this.json = new JsonStore(jsonIndent);
    }

    @Override
    public Document loadPlain(byte[] in, String file) {
        return Document.of(new Mapping(List.of(new Mapping.Field("data", Scalar.str(in)))));
    }

    @Override
    public Loaded loadEncrypted(byte[] in, String file) throws SopsFormatException {
        return json.loadEncrypted(in, file);
    }

    @Override
    public byte[] emitPlain(Document doc) throws SopsFormatException {
        if (doc.branches().size() == 1 && doc.branches().getFirst().get("data") instanceof Scalar s && s.type() == ScalarType.STR) {
            return s.bytes();
        }
        throw new SopsFormatException("binary store: the tree has no string 'data' value");
    }

    @Override
    public byte[] emitEncrypted(Document doc, Mapping metadata) throws SopsFormatException {
        return json.emitEncrypted(doc, metadata);
    }

    @Override
    public byte[] emitValue(Value v) throws SopsFormatException {
        throw new SopsFormatException("binary files are not structured: a single value cannot be extracted");
    }
}
