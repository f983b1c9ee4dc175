package io.secretsd.sops;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

/**
 * Entry points: decrypt a sops file to what {@code sops -d} prints, extract one value, encrypt a plain file,
 * re-encrypt an edited tree. Formats are given explicitly; {@link Format#fromFileName} infers them as sops does.
 * {@code name} is the file's name, used in messages only.
 */
public final class Sops {
    private Sops() {}

    /** An encrypted file, parsed: its data (values still {@code ENC[…]}) and metadata. */
    public record SopsFile(String name, Format format, Document document, Metadata metadata) {}

    /**
     * A decrypted file: the plaintext tree, its metadata, and what re-encryption needs (the data key and the
     * IV stash). Close it to wipe the key and the stash.
     */
    public static final class Decrypted implements AutoCloseable {
        private final SopsFile file;
        private final Document document;
        private final byte[] dataKey;
        private final IvStash stash;

        Decrypted(SopsFile file, Document document, byte[] dataKey, IvStash stash) {
            this.file = file;
            this.document = document;
            this.dataKey = dataKey;
            this.stash = stash;
        }

        public SopsFile file() {
            return file;
        }

        public Document document() {
            return document;
        }

        public Metadata metadata() {
            return file.metadata();
        }

        @Override
        public void close() {
            Arrays.fill(dataKey, (byte) 0);
            stash.wipe();
        }

        @Override
        public String toString() {
            return "Decrypted[" + file.name() + "]";
        }
    }

    /**
     * {@code sops -d FILE}: reads the file, infers missing formats from its name ({@code in}) and from the input
     * format ({@code out}), and returns the bytes sops prints.
     */
    public static byte[] decryptFile(java.nio.file.Path file, Format in, Format out, DataKeySource keys, boolean ignoreMac)
            throws java.io.IOException {
        Format i = in != null ? in : Format.fromFileName(file.getFileName().toString());
        return decrypt(file.toString(), Limits.readFile(file), i, out != null ? out : i, keys, ignoreMac);
    }

    /** {@code sops -e FILE}: reads a plain file and returns the encrypted bytes (formats inferred when null). */
    public static byte[] encryptFile(java.nio.file.Path file, Format in, Format out, EncryptOptions opts) throws java.io.IOException {
        Format i = in != null ? in : Format.fromFileName(file.getFileName().toString());
        return encrypt(file.toString(), java.nio.file.Files.readAllBytes(file), i, out != null ? out : i, opts);
    }

    /** Parses an encrypted file without decrypting anything. */
    public static SopsFile load(String name, byte[] content, Format format) throws SopsException {
        Limits.checkFile(name, content.length);
        Store.Loaded l = format.store().loadEncrypted(content, name);
        return new SopsFile(name, format, l.document(), Metadata.parse(l.metadata(), name));
    }

    /** Recovers the data key, decrypts every value and (unless {@code ignoreMac}) verifies the MAC. */
    public static Decrypted decrypt(SopsFile f, DataKeySource keys, boolean ignoreMac) throws SopsException {
        byte[] key = DataKeys.recover(f.metadata(), keys, f.name());
        try {
            TreeCrypto.Decrypted d = TreeCrypto.decrypt(f.document(), f.metadata(), key, f.name());
            if (!ignoreMac) {
                try {
                    TreeCrypto.verifyMac(f.metadata(), key, d.computedMac(), f.name());
                } catch (SopsException e) {
                    d.stash().wipe();
                    throw e;
                }
            }
            return new Decrypted(f, d.document(), key, d.stash());
        } catch (SopsException | RuntimeException e) {
            Arrays.fill(key, (byte) 0);
            throw e;
        }
    }

    /** {@code sops -d}: the bytes sops prints for the whole file. */
    public static byte[] decrypt(String name, byte[] content, Format in, Format out, DataKeySource keys, boolean ignoreMac)
            throws SopsException {
        try (Decrypted d = decrypt(load(name, content, in), keys, ignoreMac)) {
            return out.store().emitPlain(d.document());
        }
    }

    /**
     * {@code sops -d --extract PATH}: a string leaf as its raw bytes, anything else as the output store emits
     * a value.
     */
    public static byte[] extract(String name, byte[] content, Format in, Format out, List<Object> path, DataKeySource keys,
                                 boolean ignoreMac) throws SopsException {
        try (Decrypted d = decrypt(load(name, content, in), keys, ignoreMac)) {
            Value v = Extract.at(d.document(), path);
            if (v instanceof Scalar s && s.type() == ScalarType.STR) return s.bytes();
            return out.store().emitValue(v);
        }
    }

    /**
     * sops-nix's secret value: for YAML and JSON the string at {@code key} ({@code a/b/c}), or the whole file
     * when {@code key} is empty; for binary, dotenv and INI always the whole file.
     */
    public static byte[] extractKey(String name, byte[] content, Format format, String key, DataKeySource keys, boolean ignoreMac)
            throws SopsException {
        try (Decrypted d = decrypt(load(name, content, format), keys, ignoreMac)) {
            if (key.isEmpty() || format == Format.BINARY || format == Format.DOTENV || format == Format.INI) {
                return format.store().emitPlain(d.document());
            }
            try {
                return Extract.sopsNixKey(d.document(), key);
            } catch (ExtractException e) {
                throw new ExtractException(name + ": " + e.getMessage());
            }
        }
    }

    /**
     * sops-nix's {@code -check-mode=sopsfile}: without any key, checks that {@code key} leads through mappings
     * to a string leaf in the encrypted tree (its {@code type:} tag is {@code str}).
     */
    public static void checkKey(SopsFile f, String key) throws ExtractException {
        if (key.isEmpty() || f.format() == Format.BINARY || f.format() == Format.DOTENV || f.format() == Format.INI) return;
        Value v = f.document().branches().isEmpty() ? null : f.document().branches().getFirst();
        String[] parts = key.split("/", -1);
        for (int i = 0; i < parts.length; i++) {
            if (!(v instanceof Mapping m)) throw new ExtractException(f.name() + ": key '" + String.join("/", java.util.Arrays.copyOf(parts, i)) + "' does not refer to a dictionary");
            v = m.get(parts[i]);
            if (v == null) throw new ExtractException(f.name() + ": the key '" + String.join("/", java.util.Arrays.copyOf(parts, i + 1)) + "' cannot be found");
        }
        boolean string = v instanceof Scalar s && s.type() == ScalarType.STR
                && (!ValueCipher.looksEncrypted(s.text()) || s.text().endsWith(",type:str]"));
        if (!string) throw new ExtractException(f.name() + ": the value of key '" + key + "' is not a string");
    }

    /** Encrypts a plain file ({@code sops -e}): new data key, sealed to the key groups, written in the 3.13 layout. */
    public static byte[] encrypt(String name, byte[] plain, Format in, Format out, EncryptOptions opts) throws SopsException {
        return encrypt(name, plain, in, out, opts, Clock.systemUTC());
    }

    static byte[] encrypt(String name, byte[] plain, Format in, Format out, EncryptOptions opts, Clock clock) throws SopsException {
        return encrypt(name, plain, in, Emit.of(out), opts, clock);
    }

    /** {@code sops -e} with the output's indent options. */
    public static byte[] encrypt(String name, byte[] plain, Format in, Emit out, EncryptOptions opts) throws SopsException {
        return encrypt(name, plain, in, out, opts, Clock.systemUTC());
    }

    private static byte[] encrypt(String name, byte[] plain, Format in, Emit out, EncryptOptions opts, Clock clock) throws SopsException {
        Document doc = in.store().loadPlain(plain, name);
        if (in == Format.DOTENV) {
            for (Mapping b : doc.branches())
                for (Mapping.Field f : b.fields())
                    if (f.key().startsWith("sops_")) throw new SopsFormatException(name + ": key " + f.key() + " uses the reserved prefix sops_");
        }
        boolean binary = in == Format.BINARY || out.format() == Format.BINARY;
        return encryptDocument(name, doc, binary, out, opts, clock);
    }

    /**
     * Encrypts a plaintext tree under a new data key ({@code sops -e}, a new file from {@code edit}, {@code rotate}).
     * {@code binary}: the tree came from or goes to the binary store, where no encryption rule applies.
     */
    public static byte[] encryptDocument(String name, Document doc, boolean binary, Emit out, EncryptOptions opts) throws SopsException {
        return encryptDocument(name, doc, binary, out, opts, Clock.systemUTC());
    }

    private static byte[] encryptDocument(String name, Document doc, boolean binary, Emit out, EncryptOptions opts, Clock clock)
            throws SopsException {
        byte[] key = Primitives.randomKey();
        try {
            List<KeyGroup> groups = sealKey(name, key, opts.keyGroups(), opts.shamirThreshold());
            int threshold = groups.size() > 1 ? (opts.shamirThreshold() == 0 ? groups.size() : opts.shamirThreshold()) : opts.shamirThreshold();
            EncryptionRule rule = binary ? EncryptionRule.DEFAULT : opts.rule();
            Metadata md = new Metadata(groups, threshold, "", "", Metadata.VERSION, rule, opts.macOnlyEncrypted());
            return seal(name, doc, md, key, null, out, clock);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static List<KeyGroup> sealKey(String name, byte[] key, List<List<DataKeys.KeyWrapper>> groups, int threshold) throws SopsException {
        try {
            return DataKeys.seal(key, groups, threshold);
        } catch (java.io.IOException e) {
            throw new DataKeyException(name + ": could not encrypt the data key: " + e.getMessage(), List.of());
        } catch (IllegalArgumentException e) {
            throw new SopsFormatException(name + ": could not generate data key: " + e.getMessage());
        }
    }

    /**
     * {@code sops updatekeys} and {@code groups add|delete}: the same data key sealed to new key groups; the
     * values, {@code lastmodified} and MAC stay exactly as they are.
     */
    public static byte[] rekeyed(Decrypted d, List<List<DataKeys.KeyWrapper>> groups, int threshold, Emit out) throws SopsException {
        String name = d.file().name();
        List<KeyGroup> sealed = sealKey(name, d.dataKey, groups, threshold);
        int t = sealed.size() > 1 ? (threshold == 0 ? sealed.size() : threshold) : threshold;
        Metadata old = d.metadata();
        Metadata md = new Metadata(sealed, t, old.lastModified(), old.mac(), old.version(), old.rule(), old.macOnlyEncrypted());
        Mapping mdMap = md.toMapping();
        if (out.format() == Format.BINARY) mdMap = mdMap.without(md.rule().kind().field());
        return out.store().emitEncrypted(d.file().document(), mdMap);
    }

    /**
     * Encrypts an edited tree with the data key and key groups of a decrypted file, reusing the IV of every
     * value that did not change (so it keeps its ciphertext), with a new MAC and {@code lastmodified}.
     */
    public static byte[] reencrypt(Decrypted previous, Document edited, Format out) throws SopsException {
        return reencrypt(previous, edited, Emit.of(out));
    }

    public static byte[] reencrypt(Decrypted previous, Document edited, Emit out) throws SopsException {
        return seal(previous.file().name(), edited, previous.metadata(), previous.dataKey, previous.stash, out, Clock.systemUTC());
    }

    private static byte[] seal(String name, Document doc, Metadata md, byte[] key, IvStash stash, Emit out, Clock clock)
            throws SopsException {
        TreeCrypto.Encrypted enc = TreeCrypto.encrypt(doc, md, key, stash);
        String lastModified = GoTime.formatSeconds(OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS));
        String mac = TreeCrypto.sealMac(enc.mac(), key, lastModified);
        Metadata sealed = md.withMac(lastModified, mac);
        Mapping mdMap = sealed.toMapping();
        if (out.format() == Format.BINARY) mdMap = mdMap.without(sealed.rule().kind().field());
        return out.store().emitEncrypted(enc.document(), mdMap);
    }

    /** Fresh randomness for data keys. */
    private static final class Primitives {
        private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

        static byte[] randomKey() {
            byte[] k = new byte[DataKeys.KEY_SIZE];
            RANDOM.nextBytes(k);
            return k;
        }
    }
}
