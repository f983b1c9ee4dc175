package io.secretsd.sops;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/** Go's float64 text forms, which sops' output and MAC depend on. */
final class GoFloat {
    private GoFloat() {}

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern HEX = Pattern.compile("[+-]?0[xX]([0-9a-fA-F]+(\\.[0-9a-fA-F]*)?|\\.[0-9a-fA-F]+)[pP][+-]?\\d+");

    /** {@code strconv.ParseFloat(s, 64)}; throws NumberFormatException. */
    static double parse(String s) {
        String l = s.toLowerCase(java.util.Locale.ROOT);
        String unsigned = l.startsWith("+") || l.startsWith("-") ? l.substring(1) : l;
        boolean negative = l.startsWith("-");
        if (unsigned.equals("inf") || unsigned.equals("infinity")) return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        if (unsigned.equals("nan")) return Double.NaN;
        if (DECIMAL.matcher(s).matches() || HEX.matcher(s).matches()) {
            double d = Double.parseDouble(s);
            if (Double.isInfinite(d)) throw new NumberFormatException("value out of range");
            return d;
        }
        throw new NumberFormatException("not a float");
    }

    /** {@code strconv.FormatFloat(v, 'f', -1, 64)}: shortest round-trip digits, never an exponent. */
    static String formatF(double v) {
        if (Double.isNaN(v)) return "NaN";
        if (Double.isInfinite(v)) return v > 0 ? "+Inf" : "-Inf";
        if (v == 0) return (1 / v < 0) ? "-0" : "0";
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }

    /** {@code strconv.FormatFloat(v, 'g', -1, 64)}, as yaml.v3 writes floats (with YAML's inf/nan). */
    static String formatYaml(double v) {
        if (Double.isNaN(v)) return ".nan";
        if (Double.isInfinite(v)) return v > 0 ? ".inf" : "-.inf";
        if (v == 0) return (1 / v < 0) ? "-0" : "0";
        BigDecimal d = new BigDecimal(Double.toString(Math.abs(v))).stripTrailingZeros();
        String digits = d.unscaledValue().toString();
        int nd = digits.length();
        int dp = nd - d.scale(); // position of the decimal point relative to the digits
        int eprec = 6;
        if (eprec > nd && nd >= dp) eprec = nd;
        int exp = dp - 1;
        String sign = v < 0 ? "-" : "";
        if (exp < -4 || exp >= eprec) return sign + exponent(digits, exp, 2);
        return sign + d.toPlainString();
    }

    /** Go's encoding/json float64 form: 'f' between 1e-6 and 1e21, else 'e' with a short exponent. */
    static String formatJson(double v) {
        double abs = Math.abs(v);
        if (abs != 0 && (abs < 1e-6 || abs >= 1e21)) {
            BigDecimal d = new BigDecimal(Double.toString(abs)).stripTrailingZeros();
            String digits = d.unscaledValue().toString();
            int exp = digits.length() - d.scale() - 1;
            return (v < 0 ? "-" : "") + exponent(digits, exp, 1);
        }
        return formatF(v);
    }

    private static String exponent(String digits, int exp, int minExpDigits) {
        StringBuilder b = new StringBuilder();
        b.append(digits.charAt(0));
        if (digits.length() > 1) b.append('.').append(digits, 1, digits.length());
        b.append('e').append(exp < 0 ? '-' : '+');
        String e = Integer.toString(Math.abs(exp));
        for (int i = e.length(); i < minExpDigits; i++) b.append('0');
        return b.append(e).toString();
    }
}
