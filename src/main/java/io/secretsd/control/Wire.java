package io.secretsd.control;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Status snapshots and events to and from their varlink JSON form (the types of io.secretsd.Manager). */
final class Wire {
    private Wire() {}

    static Map<String, Object> status(StatusSnapshot s, Instant now) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("daemon", daemon(s, now));
        p.put("entries", entries(s));
        return p;
    }

    static Map<String, Object> daemon(StatusSnapshot s, Instant now) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("version", s.version());
        d.put("uptimeSeconds", Math.max(0, Duration.between(s.startedAt(), now).toSeconds()));
        d.put("generation", s.generation());
        d.put("lastActivation", time(s.lastActivation()));
        d.put("lastOutcome", lower(s.lastOutcome()));
        d.put("lastError", s.lastError());
        return d;
    }

    static List<Object> entries(StatusSnapshot s) {
        List<Object> entries = new ArrayList<>(s.entries().size());
        for (EntryStatus e : s.entries()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", lower(e.kind()));
            m.put("name", e.name());
            m.put("path", e.path());
            m.put("owner", e.owner());
            m.put("group", e.group());
            m.put("mode", e.modeString());
            m.put("sourceFile", e.sourceFile());
            m.put("state", lower(e.state()));
            m.put("lastChange", time(e.lastChange()));
            m.put("error", e.error());
            entries.add(m);
        }
        return entries;
    }

    static StatusSnapshot status(Map<String, Object> p, Instant now) throws ProtocolException {
        Map<String, Object> d = object(p, "daemon");
        List<EntryStatus> entries = new ArrayList<>();
        for (Object o : list(p, "entries")) {
            if (!(o instanceof Map<?, ?>)) throw new ProtocolException("entries: not an object");
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) o;
            String mode = string(m, "mode");
            int bits;
            try {
                bits = Integer.parseInt(mode, 8);
            } catch (NumberFormatException e) {
                throw new ProtocolException("entry mode: not octal: " + mode);
            }
            try {
                entries.add(new EntryStatus(
                        upper(EntryStatus.Kind.class, m, "kind"), string(m, "name"), string(m, "path"),
                        string(m, "owner"), string(m, "group"), bits, string(m, "sourceFile"),
                        upper(EntryStatus.State.class, m, "state"), time(m, "lastChange"), optString(m, "error")));
            } catch (IllegalArgumentException e) {
                throw new ProtocolException("entry: " + e.getMessage());
            }
        }
        return new StatusSnapshot(string(d, "version"), now.minusSeconds(integer(d, "uptimeSeconds")),
                integer(d, "generation"), time(d, "lastActivation"),
                upper(StatusSnapshot.Outcome.class, d, "lastOutcome"), optString(d, "lastError"), entries);
    }

    static Map<String, Object> event(ControlEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("time", e.time().toString());
        switch (e) {
            case ControlEvent.Changed c -> {
                m.put("type", "changed");
                m.put("kind", lower(c.kind()));
                m.put("name", c.name());
                m.put("path", c.path());
                m.put("change", lower(c.change()));
                m.put("generation", c.generation());
            }
            case ControlEvent.Failed f -> {
                m.put("type", "failed");
                m.put("kind", f.kind() == null ? null : lower(f.kind()));
                m.put("name", f.name());
                m.put("error", f.error());
            }
            case ControlEvent.Warning w -> {
                m.put("type", "warning");
                m.put("name", w.name());
                m.put("warning", w.warning());
            }
        }
        return Map.of("event", m);
    }

    static ControlEvent event(Map<String, Object> p) throws ProtocolException {
        Map<String, Object> m = object(p, "event");
        Instant time = time(m, "time");
        if (time == null) throw new ProtocolException("event: missing time");
        String type = string(m, "type");
        EntryStatus.Kind kind = m.get("kind") == null ? null : upper(EntryStatus.Kind.class, m, "kind");
        return switch (type) {
            case "changed" -> {
                if (kind == null) throw new ProtocolException("event: missing kind");
                yield new ControlEvent.Changed(time, integer(m, "generation"), kind, string(m, "name"),
                        string(m, "path"), upper(ControlEvent.Change.class, m, "change"));
            }
            case "failed" -> new ControlEvent.Failed(time, kind, string(m, "name"), string(m, "error"));
            case "warning" -> new ControlEvent.Warning(time, string(m, "name"), string(m, "warning"));
            default -> throw new ProtocolException("event: unknown type " + type);
        };
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    private static String time(Instant t) {
        return t == null ? null : t.toString();
    }

    static Map<String, Object> object(Map<String, Object> m, String field) throws ProtocolException {
        if (m.get(field) instanceof Map<?, ?> o) {
            @SuppressWarnings("unchecked")
            Map<String, Object> r = (Map<String, Object>) o;
            return r;
        }
        throw new ProtocolException("field " + field + ": missing or not an object");
    }

    private static List<?> list(Map<String, Object> m, String field) throws ProtocolException {
        if (m.get(field) instanceof List<?> l) return l;
        throw new ProtocolException("field " + field + ": missing or not an array");
    }

    static String string(Map<String, Object> m, String field) throws ProtocolException {
        if (m.get(field) instanceof String s) return s;
        throw new ProtocolException("field " + field + ": missing or not a string");
    }

    private static String optString(Map<String, Object> m, String field) throws ProtocolException {
        return m.get(field) == null ? null : string(m, field);
    }

    private static long integer(Map<String, Object> m, String field) throws ProtocolException {
        if (m.get(field) instanceof Long l) return l;
        throw new ProtocolException("field " + field + ": missing or not an integer");
    }

    private static Instant time(Map<String, Object> m, String field) throws ProtocolException {
        String s = optString(m, field);
        if (s == null) return null;
        Instant fast = utc(s);
        if (fast != null) return fast;
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new ProtocolException("field " + field + ": not an RFC 3339 time: " + s);
        }
    }

    /**
     * Reads the form Instant.toString writes (2026-11-28T22:00:00.123Z) without java.time.format,
     * whose start-up cost is a tenth of {@code secretsctl status}'s; null for any other form.
     */
    static Instant utc(String s) {
        int n = s.length();
        if (n < 20 || n > 30 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':' || s.charAt(n - 1) != 'Z') {
            return null;
        }
        int year = digits(s, 0, 4), month = digits(s, 5, 7), day = digits(s, 8, 10);
        int hour = digits(s, 11, 13), minute = digits(s, 14, 16), second = digits(s, 17, 19);
        int nanos = 0;
        if (n > 20) {
            if (s.charAt(19) != '.' || n - 21 > 9 || n - 21 < 1) return null;
            nanos = digits(s, 20, n - 1);
            for (int i = n - 21; i < 9; i++) nanos *= 10;
        } else if (n != 20) {
            return null;
        }
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59 || nanos < 0) return null;
        try {
            long days = java.time.LocalDate.of(year, month, day).toEpochDay();
            return Instant.ofEpochSecond(days * 86400 + hour * 3600L + minute * 60L + second, nanos);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return Integer.MIN_VALUE;
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static <E extends Enum<E>> E upper(Class<E> type, Map<String, Object> m, String field) throws ProtocolException {
        String s = string(m, field);
        try {
            return Enum.valueOf(type, s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ProtocolException("field " + field + ": unknown value " + s);
        }
    }
}
