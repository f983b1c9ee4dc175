package io.secretsd.age;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ArmorTest {
    private static String armor(byte[] data) throws IOException {
        var buf = new ByteArrayOutputStream();
        try (OutputStream w = Armor.encoder(buf)) {
            w.write(data);
        }
        return buf.toString(StandardCharsets.US_ASCII);
    }

    private static byte[] dearmor(String s) throws IOException {
        return Armor.decoder(new ByteArrayInputStream(s.getBytes(StandardCharsets.ISO_8859_1))).readAllBytes();
    }

    @Test
    void writerLayout() throws IOException {
        assertEquals(Armor.BEGIN + "\n" + Armor.END + "\n", armor(new byte[0]));
        assertEquals(Armor.BEGIN + "\nAAAA\n" + Armor.END + "\n", armor(new byte[3]));
        String full = armor(new byte[48]);
        assertEquals(Armor.BEGIN + "\n" + "A".repeat(64) + "\n" + Armor.END + "\n", full);
        assertEquals(Armor.BEGIN + "\n" + "A".repeat(64) + "\nAA==\n" + Armor.END + "\n", armor(new byte[49]));
    }

    @Test
    void strictness() throws IOException {
        String ok = armor(new byte[49]);
        assertArrayEquals(new byte[49], dearmor(ok));
        assertArrayEquals(new byte[49], dearmor("\n \t\r\n" + ok.replace("\n", "\r\n") + "  \n"));
        assertThrows(ArmorException.class, () -> dearmor(ok.replace("AA==", "AB==")), "non-canonical");
        assertThrows(ArmorException.class, () -> dearmor(ok.replace("AA==", "AA")), "missing padding");
        assertThrows(ArmorException.class, () -> dearmor(ok.replace("AA==\n", "AA==\n\n")), "empty line before END");
        assertThrows(ArmorException.class, () -> dearmor(ok + "x"), "trailing garbage");
        assertThrows(ArmorException.class, () -> dearmor("x" + ok), "leading garbage");
        assertThrows(ArmorException.class, () -> dearmor(ok.replace("-----\n", "-----\nVersion: 1\n\n")), "headers");
        assertThrows(ArmorException.class, () -> dearmor(ok.replace(Armor.END + "\n", "")), "no END");
        assertThrows(ArmorException.class, () -> dearmor(ok.replace("AA==", " AA==")), "leading space");
        assertThrows(ArmorException.class, () -> dearmor(ok.replace("A\nAA==", "\nAAA==")), "short interior line");
        assertThrows(ArmorException.class, () -> dearmor(ok + " ".repeat(1100)), "too much trailing whitespace");
        assertThrows(ArmorException.class, () -> dearmor(ok.toLowerCase()), "lowercase BEGIN");
    }

    @Test
    void detection() throws IOException {
        String ok = armor(new byte[5]);
        assertTrue(Armor.isArmored(ok.getBytes(StandardCharsets.US_ASCII)));
        assertFalse(Armor.isArmored("age-encryption.org/v1\n".getBytes(StandardCharsets.US_ASCII)));
        assertArrayEquals(new byte[5], Armor.detect(new ByteArrayInputStream(ok.getBytes(StandardCharsets.US_ASCII))).readAllBytes());
        byte[] raw = {1, 2, 3};
        assertArrayEquals(raw, Armor.detect(new ByteArrayInputStream(raw)).readAllBytes());
    }
}
