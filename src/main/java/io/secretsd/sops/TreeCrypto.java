package io.secretsd.sops;

import io.secretsd.sops.Mapping.Field;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Encrypts and decrypts the values of a tree ({@code Tree.Encrypt/Decrypt} in sops.go): the walk, the path
 * AAD (mapping keys only, never list indexes), the encryption rule and the MAC.
 */
public final class TreeCrypto {
    private TreeCrypto() {}

    /** A decrypted tree, the MAC computed over it, and the IVs to reuse when it is encrypted again. */
    public record Decrypted(Document document, String computedMac, IvStash stash) {}

    /** An encrypted tree and the MAC (hex) over its plaintext values. */
    public record Encrypted(Document document, String mac) {}

    private interface Leaf {
        Value apply(Value leaf, List<String> path, List<List<String>> comments) throws SopsException;
    }

    /**
     * Decrypts every value the rule says is encrypted. Does not check the MAC: see {@link #verifyMac}.
     * {@code file} is used in messages only.
     */
    public static Decrypted decrypt(Document doc, Metadata md, byte[] key, String file) throws SopsException {
        Mac mac = new Mac(md.macOnlyEncrypted());
        IvStash stash = new IvStash();
        EncryptionRule.Matcher rule = md.rule().matcher();
        Leaf fn = (leaf, path, comments) -> {
            boolean isComment = leaf instanceof Comment;
            boolean encrypted = rule.shouldBeEncrypted(path, comments, isComment);
            String aad = aad(path);
            Value out = leaf;
            if (encrypted) {
                if (leaf instanceof Comment c) {
                    if (ValueCipher.looksEncrypted(c.text())) {
                        // yaml.v3 may attach a comment to an enclosing level where this reader did not:
                        // try the path, then each ancestor's. One that never decrypts stays as it is (as in sops).
                        for (int n = path.size(); n >= 0; n--) {
                            String a = aad(path.subList(0, n));
                            try {
                                ValueCipher.Opened o = ValueCipher.decrypt(c.text(), key, a, "");
                                out = new Comment(new String(o.plaintext(), StandardCharsets.UTF_8));
                                stash.put(aad, ScalarType.COMMENT, o.plaintext(), o.iv());
                                Arrays.fill(o.plaintext(), (byte) 0);
                                break;
                            } catch (ValueCryptoException e) {
                                out = c;
                            }
                        }
                    }
                } else if (leaf instanceof Scalar s) {
                    String where = file + ": " + describe(path);
                    if (s.type() != ScalarType.STR) throw new ValueCryptoException(where + ": expected an encrypted value, found a plain " + s.type().tag());
                    if (!s.isEmptyString()) {
                        Limits.checkValue(s.text(), where);
                        ValueCipher.Opened o = ValueCipher.decrypt(s.text(), key, aad, where);
                        out = parse(o, where);
                        stash.put(aad, o.type(), o.plaintext(), o.iv());
                        Arrays.fill(o.plaintext(), (byte) 0);
                    }
                }
            }
            if ((!md.macOnlyEncrypted() || encrypted) && out instanceof Scalar s) mac.add(s.raw());
            return out;
        };
        List<Mapping> out = new ArrayList<>();
        for (Mapping b : doc.branches()) out.add(walkBranch(b, List.of(), List.of(), fn));
        return new Decrypted(new Document(out), mac.hex(), stash);
    }

    /**
     * Encrypts every value the rule selects; reuses the IV of a value found in {@code stash} (may be null).
     */
    public static Encrypted encrypt(Document doc, Metadata md, byte[] key, IvStash stash) throws SopsException {
        Mac mac = new Mac(md.macOnlyEncrypted());
        EncryptionRule.Matcher rule = md.rule().matcher();
        Leaf fn = (leaf, path, comments) -> {
            boolean isComment = leaf instanceof Comment;
            boolean encrypted = rule.shouldBeEncrypted(path, comments, isComment);
            if ((!md.macOnlyEncrypted() || encrypted) && leaf instanceof Scalar s) mac.add(s.raw());
            if (!encrypted) return leaf;
            String aad = aad(path);
            if (leaf instanceof Comment c) {
                if (c.text().isEmpty()) return c;
                byte[] p = c.text().getBytes(StandardCharsets.UTF_8);
                byte[] iv = stash == null ? null : stash.get(aad, ScalarType.COMMENT, p);
                return new Comment(ValueCipher.encrypt(p, ScalarType.COMMENT, key, aad, iv));
            }
            Scalar s = (Scalar) leaf;
            if (s.isEmptyString()) return s;
            byte[] iv = stash == null ? null : stash.get(aad, s.type(), s.raw());
            return Scalar.str(ValueCipher.encrypt(s.raw(), s.type(), key, aad, iv));
        };
        List<Mapping> out = new ArrayList<>();
        for (Mapping b : doc.branches()) {
            for (Field f : b.fields()) if (f.key().equals("sops")) throw new SopsFormatException("the document already has a top-level 'sops' key (is it encrypted already?)");
            out.add(walkBranch(b, List.of(), List.of(), fn));
        }
        return new Encrypted(new Document(out), mac.hex());
    }

    /** Decrypts the stored MAC and compares it with the computed one. */
    public static void verifyMac(Metadata md, byte[] key, String computedMac, String file) throws SopsException {
        String aad = Mac.aad(md.lastModified(), file);
        String stored = "";
        if (!md.mac().isEmpty()) {
            ValueCipher.Opened o = ValueCipher.decrypt(md.mac(), key, aad, file + ": sops.mac");
            stored = new String(o.plaintext(), StandardCharsets.UTF_8);
        }
        if (!MessageDigest.isEqual(stored.getBytes(StandardCharsets.US_ASCII), computedMac.getBytes(StandardCharsets.US_ASCII))) {
            throw new MacMismatchException(file + ": MAC mismatch: the file's values or its lastmodified were altered"
                    + (md.mac().isEmpty() ? " (the file has no MAC)" : "") + "; use --ignore-mac to decrypt anyway");
        }
    }

    /** The encrypted form of a MAC for storage, bound to {@code lastModified}. */
    public static String sealMac(String macHex, byte[] key, String lastModified) throws SopsFormatException {
        return ValueCipher.encrypt(macHex.getBytes(StandardCharsets.US_ASCII), ScalarType.STR, key, Mac.aad(lastModified, "metadata"), null);
    }

    static String aad(List<String> path) {
        StringBuilder b = new StringBuilder();
        for (String p : path) b.append(p).append(':');
        return b.isEmpty() ? ":" : b.toString();
    }

    private static String describe(List<String> path) {
        return path.isEmpty() ? "(root)" : String.join(".", path);
    }

    /** Parses a decrypted value by its type tag, as {@code aes.Cipher.Decrypt} does. */
    private static Value parse(ValueCipher.Opened o, String where) throws ValueCryptoException {
        String t = o.type() == ScalarType.STR || o.type() == ScalarType.BYTES ? null : new String(o.plaintext(), StandardCharsets.UTF_8);
        try {
            return switch (o.type()) {
                case STR -> Scalar.str(o.plaintext());
                case BYTES -> new Scalar(ScalarType.BYTES, o.plaintext());
                case INT -> Scalar.integer(parseGoInt(t));
                case FLOAT -> Scalar.floating(GoFloat.parse(t));
                case BOOL -> Scalar.bool(switch (t) {
                    case "1", "t", "T", "TRUE", "true", "True" -> true;
                    case "0", "f", "F", "FALSE", "false", "False" -> false;
                    default -> throw new NumberFormatException();
                });
                case TIME -> Scalar.time(OffsetDateTime.parse(t, DateTimeFormatter.ISO_OFFSET_DATE_TIME));
                case COMMENT -> new Comment(t);
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new ValueCryptoException(where + ": decrypted value is not a valid " + o.type().tag());
        }
    }

    /** {@code strconv.Atoi}: optional sign, decimal digits, 64-bit. */
    private static long parseGoInt(String s) {
        if (s.isEmpty() || !s.substring(s.charAt(0) == '+' || s.charAt(0) == '-' ? 1 : 0).chars().allMatch(c -> c >= '0' && c <= '9')
                || s.length() == 1 && (s.charAt(0) == '+' || s.charAt(0) == '-')) throw new NumberFormatException();
        return Long.parseLong(s);
    }

    private static Mapping walkBranch(Mapping m, List<String> path, List<List<String>> stack, Leaf fn) throws SopsException {
        List<List<String>> s = new ArrayList<>(stack);
        List<String> level = new ArrayList<>();
        s.add(level);
        List<Mapping.Item> out = new ArrayList<>(m.items().size());
        for (Mapping.Item item : m.items()) {
            switch (item) {
                case Comment c -> {
                    level.add(c.text());
                    out.add((Comment) fn.apply(c, path, s));
                }
                case Field f -> {
                    List<String> p = new ArrayList<>(path);
                    p.add(f.key());
                    out.add(new Field(f.key(), walkValue(f.value(), p, s, fn)));
                    level.clear();
                }
            }
        }
        return new Mapping(out);
    }

    private static Value walkValue(Value v, List<String> path, List<List<String>> stack, Leaf fn) throws SopsException {
        return switch (v) {
            case Mapping m -> walkBranch(m, path, stack, fn);
            case Sequence q -> walkSlice(q, path, stack, fn);
            case Null n -> n;
            case Scalar s -> fn.apply(s, path, stack);
            case Comment c -> fn.apply(c, path, stack);
        };
    }

    private static Sequence walkSlice(Sequence q, List<String> path, List<List<String>> stack, Leaf fn) throws SopsException {
        List<List<String>> s = new ArrayList<>(stack);
        List<String> level = new ArrayList<>();
        s.add(level);
        List<Value> out = new ArrayList<>(q.items().size());
        for (Value v : q.items()) {
            if (v instanceof Comment c) {
                level.add(c.text());
                out.add(fn.apply(c, path, s));
            } else {
                out.add(walkValue(v, path, s, fn));
                level.clear();
            }
        }
        return new Sequence(out);
    }
}
