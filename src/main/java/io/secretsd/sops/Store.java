package io.secretsd.sops;

/**
 * A file format: parses plain and encrypted files into a {@link Document} and writes them back the way sops
 * does. {@code file} arguments name the input in messages only.
 */
public sealed interface Store permits YamlStore, JsonStore, DotenvStore, IniStore, BinaryStore {
    /** An encrypted file split into its data and its {@code sops} block (still generic, see {@link Metadata#parse}). */
    record Loaded(Document document, Value metadata) {}

    Document loadPlain(byte[] in, String file) throws SopsFormatException;

    Loaded loadEncrypted(byte[] in, String file) throws SopsFormatException;

    byte[] emitPlain(Document doc) throws SopsFormatException;

    byte[] emitEncrypted(Document doc, Mapping metadata) throws SopsFormatException;

    /** One value, as {@code sops -d --extract} prints it. */
    byte[] emitValue(Value v) throws SopsFormatException;

    static SopsFormatException noMetadata(String file) {
        return new SopsFormatException(file + ": sops metadata not found (is the file encrypted?)");
    }
}
