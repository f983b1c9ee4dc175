package io.secretsd.sops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, defect 6: a 3 MiB YAML value took 5.1 s and 553 MB, 6 MiB 15 s and 1.1 GB (snakeyaml-engine's
 * default 1 KiB buffer made scanning a scalar quadratic); and nothing bounded a sops file or a value.
 */
class LimitsTest {
    @TempDir
    Path tmp;

    @Test
    void aSixMebibyteScalarParsesInLinearTime() throws Exception {
        byte[] doc = ("small: v\nbig: " + "A".repeat(6 << 20) + "\n").getBytes(StandardCharsets.UTF_8);
        long start = System.nanoTime();
        List<Mapping> docs = YamlReader.read(doc, "big.yaml");
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertEquals(1, docs.size());
        // linear: well under a second on an idle machine; the quadratic reader took 15 s and more
        assertTrue(ms < 10_000, "parsing a 6 MiB scalar took " + ms + " ms");
    }

    @Test
    void aFileOverTheLimitIsRefusedByItsSizeBeforeItIsRead() throws Exception {
        Path f = tmp.resolve("huge.yaml");
        try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "rw")) {
            r.setLength(Limits.MAX_FILE_BYTES + 1L); // sparse: nothing to read, the size alone refuses it
        }
        SopsFormatException e = assertThrows(SopsFormatException.class, () -> Limits.readFile(f));
        assertEquals(f + ": the file is 16777217 bytes, more than the 16 MiB a sops file may have", e.getMessage());
        Path big = tmp.resolve("big.yaml");
        try (RandomAccessFile r = new RandomAccessFile(big.toFile(), "rw")) {
            r.setLength(40L << 20);
        }
        e = assertThrows(SopsFormatException.class, () -> Limits.readFile(big));
        assertEquals(big + ": the file is 41943040 bytes, more than the 16 MiB a sops file may have", e.getMessage());
        // not a regular file, so no size to look at: refused after the limit's worth of bytes
        e = assertThrows(SopsFormatException.class, () -> Limits.readFile(Path.of("/dev/zero")));
        assertEquals("/dev/zero: the file is larger than the 16 MiB a sops file may have", e.getMessage());
    }

    @Test
    void aValueOverTheLimitIsRefusedBeforeItIsDecrypted() throws Exception {
        byte[] small = Sops.encrypt("f.yaml", "big: x\nsmall: y\n".getBytes(StandardCharsets.UTF_8), Format.YAML,
                Format.YAML, EncryptOptions.to(List.of(FakeKeys.wrapper("age1x"))));
        Matcher m = Pattern.compile("big: ENC\\[AES256_GCM,data:([^,]*),").matcher(new String(small, StandardCharsets.UTF_8));
        assertTrue(m.find());
        int over = Limits.MAX_VALUE_BYTES + 3;
        String huge = new String(small, StandardCharsets.UTF_8).replace("data:" + m.group(1) + ",",
                "data:" + "A".repeat((over + 2) / 3 * 4) + ",");
        SopsException e = assertThrows(SopsException.class, () -> Sops.extractKey("f.yaml",
                huge.getBytes(StandardCharsets.UTF_8), Format.YAML, "small", FakeKeys.source(Set.of("age1x")), false));
        assertTrue(e instanceof SopsFormatException, e.toString());
        assertEquals("f.yaml: big: the value is about " + (over + 2) / 3 * 3 + " bytes, more than the 8 MiB a value may have",
                e.getMessage());
    }
}
