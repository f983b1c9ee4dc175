package io.secretsd.age;

/** Parses native age recipients: {@code age1…} (X25519) and {@code age1pq1…} (post-quantum hybrid). */
public final class Recipients {
    private Recipients() {}

    /** True for strings this class parses (the CLI sends {@code ssh-…} lines to the ssh package). */
    public static boolean isAgeRecipient(String s) {
        return s.startsWith("age1");
    }

    public static Recipient parse(String s) throws KeyParseException {
        if (s.startsWith("age1pq1")) return HybridRecipient.parse(s);
        if (s.startsWith("age1")) return X25519Recipient.parse(s);
        String shown = s.length() > 24 ? s.substring(0, 24) + "…" : s;
        throw new KeyParseException("unknown recipient type: \"" + shown + "\" (want age1… or age1pq1…)");
    }
}
