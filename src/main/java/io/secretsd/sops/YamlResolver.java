package io.secretsd.sops;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How yaml.v3 (the YAML library of sops) types a scalar: null, bool, int, float, timestamp or string.
 * Quoted scalars are strings; plain ones follow {@code resolve.go}.
 */
final class YamlResolver {
    private YamlResolver() {}

    private static final Set<String> NULLS = Set.of("", "~", "null", "Null", "NULL");
    private static final Set<String> TRUES = Set.of("true", "True", "TRUE");
    private static final Set<String> FALSES = Set.of("false", "False", "FALSE");
    private static final Set<String> OLD_BOOLS = Set.of("y", "Y", "yes", "Yes", "YES", "on", "On", "ON",
            "n", "N", "no", "No", "NO", "off", "Off", "OFF");
    private static final Pattern YAML_FLOAT = Pattern.compile("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$");
    private static final Pattern BASE60_FLOAT = Pattern.compile("^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\\.[0-9_]*)?$");
    private static final Pattern TS_ZONE = Pattern.compile(
            "(\\d{4})-(\\d\\d?)-(\\d\\d?)[Tt](\\d\\d?):(\\d\\d?):(\\d\\d?)(\\.\\d+)?(Z|[+-]\\d\\d:\\d\\d)");
    private static final Pattern TS_SPACE = Pattern.compile("(\\d{4})-(\\d\\d?)-(\\d\\d?) (\\d\\d?):(\\d\\d?):(\\d\\d?)(\\.\\d+)?");
    private static final Pattern TS_DATE = Pattern.compile("(\\d{4})-(\\d\\d?)-(\\d\\d?)");

    /** A plain (unquoted, untagged) scalar's value. */
    static Value resolvePlain(String s) throws SopsFormatException {
        if (NULLS.contains(s)) return Null.NULL;
        if (TRUES.contains(s)) return Scalar.bool(true);
        if (FALSES.contains(s)) return Scalar.bool(false);
        switch (s) {
            case ".nan", ".NaN", ".NAN": return Scalar.floating(Double.NaN);
            case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return Scalar.floating(Double.POSITIVE_INFINITY);
            case "-.inf", "-.Inf", "-.INF": return Scalar.floating(Double.NEGATIVE_INFINITY);
            default: break;
        }
        char c = s.charAt(0);
        if (!(c == '+' || c == '-' || c == '.' || (c >= '0' && c <= '9'))) return Scalar.str(s);
        if (c != '.') {
            OffsetDateTime t = timestamp(s);
            if (t != null) return Scalar.time(t);
        }
        String plain = s.replace("_", "");
        Long l = goParseInt(plain);
        if (l != null) return Scalar.integer(l);
        if (goParseUintOverflows(plain)) throw new SopsFormatException("integer " + s + " does not fit in 64 bits");
        if (YAML_FLOAT.matcher(plain).matches()) {
            try {
                return Scalar.floating(GoFloat.parse(plain));
            } catch (NumberFormatException e) {
                // falls through to string, as yaml.v3 does for out-of-range floats
            }
        }
        return Scalar.str(s);
    }

    /** A scalar with an explicit tag. */
    static Value resolveTagged(String tag, String s, boolean plain) throws SopsFormatException {
        return switch (tag) {
            case "tag:yaml.org,2002:str" -> Scalar.str(s);
            case "tag:yaml.org,2002:binary" -> {
                try {
                    yield Scalar.str(Base64.getMimeDecoder().decode(s));
                } catch (IllegalArgumentException e) {
                    throw new SopsFormatException("!!binary value is not base64");
                }
            }
            case "tag:yaml.org,2002:null", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int",
                 "tag:yaml.org,2002:float", "tag:yaml.org,2002:timestamp" -> {
                Value v = resolvePlain(s);
                String want = tag.substring(tag.lastIndexOf(':') + 1);
                boolean ok = switch (v) {
                    case Null n -> want.equals("null");
                    case Scalar sc -> switch (sc.type()) {
                        case BOOL -> want.equals("bool");
                        case INT -> want.equals("int") || want.equals("float");
                        case FLOAT -> want.equals("float");
                        case TIME -> want.equals("timestamp");
                        default -> false;
                    };
                    default -> false;
                };
                if (!ok) throw new SopsFormatException("cannot decode " + (plain ? "plain" : "quoted") + " scalar as !!" + want);
                if (want.equals("float") && v instanceof Scalar sc && sc.type() == ScalarType.INT) yield Scalar.floating(sc.longValue());
                yield v;
            }
            default -> plain ? resolvePlain(s) : Scalar.str(s);
        };
    }

    /** True when writing {@code s} plain would read back as something other than this string. */
    static boolean needsQuotes(String s) {
        if (s.isEmpty() || OLD_BOOLS.contains(s) || BASE60_FLOAT.matcher(s).matches()) return true;
        try {
            Value v = resolvePlain(s);
            return !(v instanceof Scalar sc && sc.type() == ScalarType.STR);
        } catch (SopsFormatException e) {
            return true;
        }
    }

    private static OffsetDateTime timestamp(String s) {
        try {
            Matcher m = TS_ZONE.matcher(s);
            if (m.matches()) {
                LocalDateTime t = LocalDateTime.of(i(m, 1), i(m, 2), i(m, 3), i(m, 4), i(m, 5), i(m, 6), nanos(m.group(7)));
                return OffsetDateTime.of(t, m.group(8).equals("Z") ? ZoneOffset.UTC : ZoneOffset.of(m.group(8)));
            }
            m = TS_SPACE.matcher(s);
            if (m.matches()) {
                return OffsetDateTime.of(LocalDateTime.of(i(m, 1), i(m, 2), i(m, 3), i(m, 4), i(m, 5), i(m, 6), nanos(m.group(7))), ZoneOffset.UTC);
            }
            m = TS_DATE.matcher(s);
            if (m.matches()) return OffsetDateTime.of(LocalDate.of(i(m, 1), i(m, 2), i(m, 3)).atStartOfDay(), ZoneOffset.UTC);
        } catch (java.time.DateTimeException | NumberFormatException e) {
            return null;
        }
        return null;
    }

    private static int i(Matcher m, int g) {
        return Integer.parseInt(m.group(g));
    }

    private static int nanos(String fraction) {
        if (fraction == null) return 0;
        String f = (fraction.substring(1) + "000000000").substring(0, 9);
        return Integer.parseInt(f);
    }

    /** {@code strconv.ParseInt(s, 0, 64)}, or null. */
    static Long goParseInt(String s) {
        java.math.BigInteger v = goParseBig(s);
        if (v == null || v.bitLength() > 63) return null;
        return v.longValue();
    }

    private static boolean goParseUintOverflows(String s) {
        java.math.BigInteger v = goParseBig(s);
        return v != null && v.signum() >= 0 && v.bitLength() <= 64 && v.bitLength() > 63;
    }

    private static java.math.BigInteger goParseBig(String s) {
        if (s.isEmpty()) return null;
        boolean neg = false;
        int i = 0;
        if (s.charAt(0) == '+' || s.charAt(0) == '-') {
            neg = s.charAt(0) == '-';
            i = 1;
        }
        String body = s.substring(i);
        int radix = 10;
        if (body.length() > 1 && body.charAt(0) == '0') {
            char p = Character.toLowerCase(body.charAt(1));
            if (p == 'x') { radix = 16; body = body.substring(2); }
            else if (p == 'o') { radix = 8; body = body.substring(2); }
            else if (p == 'b') { radix = 2; body = body.substring(2); }
            else { radix = 8; body = body.substring(1); }
        }
        if (body.isEmpty()) return null;
        for (int k = 0; k < body.length(); k++) if (Character.digit(body.charAt(k), radix) < 0 || body.charAt(k) > 127) return null;
        java.math.BigInteger v = new java.math.BigInteger(body, radix);
        return neg ? v.negate() : v;
    }
}
