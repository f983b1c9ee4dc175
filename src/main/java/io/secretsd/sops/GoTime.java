package io.secretsd.sops;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Go's RFC 3339 time forms as sops uses them. */
final class GoTime {
    private GoTime() {}

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    /** {@code time.MarshalText}: RFC 3339 with the fraction's trailing zeros removed, {@code Z} for offset 0. */
    static String format(OffsetDateTime t) {
        StringBuilder b = new StringBuilder(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").format(t));
        int nanos = t.getNano();
        if (nanos != 0) {
            String f = String.format("%09d", nanos);
            int end = f.length();
            while (f.charAt(end - 1) == '0') end--;
            b.append('.').append(f, 0, end);
        }
        b.append(t.getOffset().getTotalSeconds() == 0 ? "Z" : t.getOffset().getId());
        return b.toString();
    }

    /** {@code t.Format(time.RFC3339)}: seconds precision. */
    static String formatSeconds(OffsetDateTime t) {
        return SECONDS.format(t);
    }

    /** {@code time.Parse(time.RFC3339, s)} (fractions accepted); null when it does not parse. */
    static OffsetDateTime parse(String s) {
        try {
            return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
