package io.secretsd.ssh;

import java.math.BigInteger;

/** The text forms of public keys (authorized_keys and known_hosts lines) and the wire blob inside them. */
final class KeyLines {
    private KeyLines() {}

    static SshPublicKey authorizedKey(String line) throws SshKeyException {
        String rest = trimmed(line, "authorized_keys line");
        if (!looksLikeKeyType(firstToken(rest))) {
            rest = afterOptions(rest);
        }
        return typeAndBlob(rest, "authorized_keys line");
    }

    static SshPublicKey knownHost(String line) throws SshKeyException {
        String rest = trimmed(line, "known_hosts line");
        if (rest.startsWith("@")) {
            String marker = firstToken(rest);
            if (!marker.equals("@cert-authority") && !marker.equals("@revoked")) {
                throw new MalformedKeyException("known_hosts marker", "unknown marker " + SshWireReader.printable(marker));
            }
            rest = afterToken(rest);
        }
        rest = afterToken(rest); // host names or their hashes
        if (rest.isEmpty()) throw new MalformedKeyException("known_hosts line", "no key after the host names");
        return typeAndBlob(rest, "known_hosts line");
    }

    static SshPublicKey wireBlob(byte[] blob, String where) throws SshKeyException {
        var r = new SshWireReader(blob, where);
        String type = r.text("key type");
        SshPublicKey key = switch (type) {
            case SshPublicKey.ED25519 -> {
                byte[] point = r.string("Ed25519 point");
                if (point.length != 32) throw r.malformed("Ed25519 point", "is " + point.length + " bytes, not 32");
                if (!Ed25519Points.isValid(point)) throw r.malformed("Ed25519 point", "is not a point on the curve");
                yield new SshPublicKey.Ed25519(point);
            }
            case SshPublicKey.RSA -> {
                BigInteger e = r.positiveMpint("RSA exponent e");
                BigInteger n = r.positiveMpint("RSA modulus n");
                checkExponent(e, r);
                yield new SshPublicKey.Rsa(e, n);
            }
            case "" -> throw r.malformed("key type", "is empty");
            default -> throw new UnsupportedKeyTypeException(SshWireReader.printable(type));
        };
        r.expectEnd("public key");
        return key;
    }

    /** Same bounds as golang.org/x/crypto/ssh: an odd exponent of at least 3 and at most 24 bits. */
    static void checkExponent(BigInteger e, SshWireReader r) throws MalformedKeyException {
        if (e.bitLength() > 24) throw r.malformed("RSA exponent e", "is larger than 24 bits");
        if (e.intValue() < 3 || !e.testBit(0)) throw r.malformed("RSA exponent e", "must be odd and at least 3");
    }

    private static SshPublicKey typeAndBlob(String rest, String where) throws SshKeyException {
        String type = firstToken(rest);
        String b64 = firstToken(afterToken(rest));
        if (!looksLikeKeyType(type)) {
            throw new MalformedKeyException(where + " key type", "expected a key type such as ssh-ed25519, found "
                    + SshWireReader.printable(type));
        }
        if (b64.isEmpty()) throw new MalformedKeyException(where + " key", "missing base64 key after " + SshWireReader.printable(type));
        byte[] blob;
        try {
            blob = java.util.Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            throw new MalformedKeyException(where + " key", "not valid base64");
        }
        SshPublicKey key;
        try {
            key = wireBlob(blob, where + " key");
        } catch (UnsupportedKeyTypeException e) {
            if (!e.keyType().equals(type)) throw mismatch(where, type, e.keyType());
            throw e;
        }
        if (!key.type().equals(type)) throw mismatch(where, type, key.type());
        return key;
    }

    private static MalformedKeyException mismatch(String where, String text, String blob) {
        return new MalformedKeyException(where + " key type", SshWireReader.printable(text)
                + " does not match the key's encoded type " + blob);
    }

    static boolean looksLikeKeyType(String token) {
        return token.startsWith("ssh-") || token.startsWith("ecdsa-") || token.startsWith("sk-");
    }

    private static String trimmed(String line, String what) throws MalformedKeyException {
        String s = line.strip();
        if (s.isEmpty() || s.startsWith("#")) throw new MalformedKeyException(what, "is empty or a comment");
        return s;
    }

    private static String firstToken(String s) {
        int i = 0;
        while (i < s.length() && !isSpace(s.charAt(i))) i++;
        return s.substring(0, i);
    }

    private static String afterToken(String s) {
        int i = 0;
        while (i < s.length() && !isSpace(s.charAt(i))) i++;
        return s.substring(i).stripLeading();
    }

    /** Skips the options field; commas and spaces inside double quotes (with \" escapes) do not end it. */
    private static String afterOptions(String s) throws MalformedKeyException {
        boolean quoted = false;
        int i = 0;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && quoted && i + 1 < s.length() && s.charAt(i + 1) == '"') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && isSpace(c)) {
                break;
            }
        }
        if (quoted) throw new MalformedKeyException("authorized_keys options", "unterminated quote");
        String rest = s.substring(i).stripLeading();
        if (rest.isEmpty()) throw new MalformedKeyException("authorized_keys line", "no key type found");
        return rest;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }
}
