package io.secretsd.activation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The sops-nix placeholder of a secret: {@code <SOPS:sha256(attribute name):PLACEHOLDER>}. */
public final class Placeholders {
    private Placeholders() {
    }

    public static String of(String attributeName) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(attributeName.getBytes(StandardCharsets.UTF_8));
            return "<SOPS:" + HexFormat.of().formatHex(h) + ":PLACEHOLDER>";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
