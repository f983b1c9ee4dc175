package io.secretsd.manifest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fields that no part of secretsd or sops-install-secrets reads. Both ignore them, so a typo such as
 * {@code onwer} silently leaves a secret owned by root; {@code secretsctl check} warns with these.
 */
public final class UnknownFields {
    static final Set<String> TOP = Set.of("secrets", "templates", "placeholderBySecretName", "secretsMountPoint",
            "symlinkPath", "keepGenerations", "gnupgHome", "sshKeyPaths", "ageKeyFile", "ageSshKeyPaths", "useTmpfs",
            "userMode", "logging");
    static final Set<String> LOGGING = Set.of("keyImport", "secretChanges");
    static final Set<String> SECRET = Set.of("name", "attributeName", "key", "path", "owner", "uid", "group", "gid",
            "sopsFile", "format", "mode", "restartUnits", "reloadUnits", "neededForUsers", "sopsFileHash");
    static final Set<String> TEMPLATE = Set.of("name", "content", "file", "path", "owner", "uid", "group", "gid",
            "mode", "restartUnits", "reloadUnits");

    private UnknownFields() {
    }

    /** One problem per unknown field, with a known field of a similar spelling when there is one. */
    public static List<Problem> of(byte[] bytes, String source) throws ManifestException {
        List<Problem> out = new ArrayList<>();
        if (!(ManifestReader.tree(bytes, source) instanceof Map<?, ?> top)) {
            return out;
        }
        check(top, "", TOP, out);
        if (top.get("logging") instanceof Map<?, ?> l) {
            check(l, "logging.", LOGGING, out);
        }
        list(top.get("secrets"), "secrets", SECRET, out);
        list(top.get("templates"), "templates", TEMPLATE, out);
        return out;
    }

    private static void list(Object v, String field, Set<String> known, List<Problem> out) {
        if (v instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                if (l.get(i) instanceof Map<?, ?> m) {
                    check(m, field + "[" + i + "].", known, out);
                }
            }
        }
    }

    private static void check(Map<?, ?> m, String prefix, Set<String> known, List<Problem> out) {
        for (Object k : m.keySet()) {
            String key = String.valueOf(k);
            if (!known.contains(key)) {
                String hint = known.stream().filter(f -> distance(f.toLowerCase(), key.toLowerCase()) <= 2)
                        .sorted().findFirst().map(f -> " (did you mean " + f + "?)").orElse("");
                out.add(new Problem(prefix + key, "unknown field, ignored" + hint));
            }
        }
    }

    /** Levenshtein distance with transpositions counted as one edit (so "onwer" is one from "owner"). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
