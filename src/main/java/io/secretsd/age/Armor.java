package io.secretsd.age;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** age's ASCII armor ("-----BEGIN AGE ENCRYPTED FILE-----"): strict decoder, encoder, detection. */
public final class Armor {
    private Armor() {}

    public static final String BEGIN = ArmorReader.BEGIN;
    public static final String END = ArmorReader.END;

    /** Decodes armored input; malformed armor gives {@link ArmorException} from {@code read}. */
    public static InputStream decoder(InputStream armored) {
        return new ArmorReader(armored);
    }

    /** Encodes to armor; {@code close()} writes the END line and closes {@code out}. */
    public static OutputStream encoder(OutputStream out) {
        return new ArmorWriter(out);
    }

    /** True when {@code start}, after leading whitespace, begins with the BEGIN line of an armored age file. */
    public static boolean isArmored(byte[] start) {
        int i = 0;
        while (i < start.length && isSpace(start[i])) i++;
        byte[] begin = BEGIN.getBytes(StandardCharsets.US_ASCII);
        if (start.length - i < begin.length) return false;
        for (int j = 0; j < begin.length; j++) if (start[i + j] != begin[j]) return false;
        return true;
    }

    /** The age file in {@code in}, decoded from armor when it is armored (detected by peeking). */
    public static InputStream detect(InputStream in) throws IOException {
        var buffered = in instanceof BufferedInputStream b ? b : new BufferedInputStream(in, 64 * 1024);
        int peek = 1024 + BEGIN.length();
        buffered.mark(peek);
        byte[] start = buffered.readNBytes(peek);
        buffered.reset();
        return isArmored(start) ? decoder(buffered) : buffered;
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == 0x0c;
    }
}
