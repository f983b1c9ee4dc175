package io.secretsd.age;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.InflaterInputStream;

/** One C2SP CCTV age vector: "key: value" lines, an empty line, then the (maybe zlib-compressed) age file. */
record CctvVector(String name, String expect, byte[] payloadHash, byte[] fileKey, List<Identity> identities, boolean armored, byte[] file) {

    static Path dir() {
        String base = System.getProperty("secretsd.vectors");
        if (base == null) throw new AssertionError("system property secretsd.vectors is not set (the pom sets it)");
        Path dir = Path.of(base, "age-cctv");
        if (!Files.isDirectory(dir)) throw new AssertionError("CCTV vectors not found at " + dir + " (secretsd.vectors=" + base + ")");
        return dir;
    }

    static List<Path> all() throws IOException {
        try (var s = Files.list(dir())) {
            List<Path> files = s.filter(p -> !p.getFileName().toString().matches("LICENSE|SOURCE_COMMIT|README.*")).sorted().toList();
            if (files.size() != 143) throw new AssertionError("expected 143 CCTV vectors in " + dir() + ", found " + files.size());
            return files;
        }
    }

    static CctvVector read(Path p) throws IOException {
        byte[] all = Files.readAllBytes(p);
        int i = 0;
        String expect = null;
        byte[] payload = null;
        byte[] fileKey = null;
        List<Identity> ids = new ArrayList<>();
        boolean armored = false;
        boolean zlib = false;
        while (true) {
            int nl = indexOf(all, i);
            if (nl < 0) throw new AssertionError(p + ": no payload");
            String line = new String(all, i, nl - i, StandardCharsets.UTF_8);
            i = nl + 1;
            if (line.isEmpty()) break;
            int sep = line.indexOf(": ");
            String key = sep < 0 ? line : line.substring(0, sep);
            String value = sep < 0 ? "" : line.substring(sep + 2);
            switch (key) {
                case "expect" -> expect = value;
                case "payload" -> payload = HexFormat.of().parseHex(value);
                case "file key" -> fileKey = HexFormat.of().parseHex(value);
                case "identity" -> ids.add(value.startsWith("AGE-SECRET-KEY-PQ-1") ? HybridIdentity.parse(value) : X25519Identity.parse(value));
                case "passphrase" -> ids.add(new ScryptIdentity(value.getBytes(StandardCharsets.UTF_8)));
                case "armored" -> armored = true;
                case "compressed" -> {
                    if (!value.equals("zlib")) throw new AssertionError(p + ": unknown compression " + value);
                    zlib = true;
                }
                case "comment" -> {}
                default -> throw new AssertionError(p + ": unknown key " + key);
            }
        }
        byte[] file = java.util.Arrays.copyOfRange(all, i, all.length);
        if (zlib) {
            try (var in = new InflaterInputStream(new ByteArrayInputStream(file))) {
                file = in.readAllBytes();
            }
        }
        return new CctvVector(p.getFileName().toString(), expect, payload, fileKey, ids, armored, file);
    }

    private static int indexOf(byte[] b, int from) {
        for (int i = from; i < b.length; i++) if (b[i] == '\n') return i;
        return -1;
    }

    @Override
    public String toString() {
        return name;
    }
}
