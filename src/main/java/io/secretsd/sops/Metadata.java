package io.secretsd.sops;

import io.secretsd.sops.Mapping.Field;
import io.secretsd.sops.MasterKey.AgeKey;
import io.secretsd.sops.MasterKey.AzureKvKey;
import io.secretsd.sops.MasterKey.GcpKmsKey;
import io.secretsd.sops.MasterKey.HcKmsKey;
import io.secretsd.sops.MasterKey.HcVaultKey;
import io.secretsd.sops.MasterKey.KmsKey;
import io.secretsd.sops.MasterKey.PgpKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code sops} block ({@code stores/stores.go} Metadata): key groups, MAC, rule. Read from any layout
 * sops 3.3 to 3.13 wrote (weakly typed, unknown keys ignored); written in the 3.13 layout.
 */
public record Metadata(List<KeyGroup> keyGroups, int shamirThreshold, String lastModified, String mac,
                       String version, EncryptionRule rule, boolean macOnlyEncrypted) {
    /** The version this implementation writes: the sops release whose format it follows. */
    public static final String VERSION = "3.13.2";

    private static final List<String> KEY_TYPES = List.of("kms", "gcp_kms", "azure_kv", "hc_vault", "hckms", "pgp", "age");

    public Metadata {
        keyGroups = List.copyOf(keyGroups);
        if (rule == null) rule = EncryptionRule.DEFAULT;
    }

    public Metadata withMac(String newLastModified, String newMac) {
        return new Metadata(keyGroups, shamirThreshold, newLastModified, newMac, version, rule, macOnlyEncrypted);
    }

    /** Parses the {@code sops} mapping of a file. {@code file} is for messages only. */
    public static Metadata parse(Value sops, String file) throws SopsFormatException {
        if (!(sops instanceof Mapping m)) throw err(file, "sops", "is not a mapping");
        String lastModified = string(m, "lastmodified", file, "sops");
        if (GoTime.parse(lastModified) == null) throw err(file, "sops.lastmodified", "is not an RFC 3339 time");
        String mac = string(m, "mac", file, "sops");
        String version = string(m, "version", file, "sops");
        int threshold = integer(m, "shamir_threshold", file);
        boolean macOnly = bool(m, "mac_only_encrypted", file);
        EncryptionRule rule = null;
        for (EncryptionRule.Kind k : EncryptionRule.Kind.values()) {
            String v = string(m, k.field(), file, "sops");
            if (v.isEmpty()) continue;
            if (rule != null) throw err(file, "sops", "sets both " + rule.kind().field() + " and " + k.field() + "; at most one rule is allowed");
            rule = new EncryptionRule(k, v);
        }
        if (rule == null) rule = EncryptionRule.DEFAULT;
        try {
            rule.validate();
        } catch (SopsFormatException e) {
            throw new SopsFormatException(file + ": " + e.getMessage());
        }
        List<KeyGroup> groups = new ArrayList<>();
        KeyGroup top = group(m, file, "sops");
        if (!top.keys().isEmpty()) {
            groups.add(top);
        } else {
            Value kg = m.get("key_groups");
            int i = 0;
            for (Value g : list(kg, file, "sops.key_groups")) {
                if (!(g instanceof Mapping gm)) throw err(file, "sops.key_groups[" + i + "]", "is not a mapping");
                groups.add(group(gm, file, "sops.key_groups[" + i + "]"));
                i++;
            }
        }
        if (groups.isEmpty()) throw err(file, "sops", "lists no keys (no age, pgp, kms, ... entries and no key_groups)");
        return new Metadata(groups, threshold, lastModified, mac, version, rule, macOnly);
    }

    private static KeyGroup group(Mapping m, String file, String where) throws SopsFormatException {
        List<MasterKey> keys = new ArrayList<>();
        for (String type : KEY_TYPES) {
            int i = 0;
            for (Value v : list(m.get(type), file, where + "." + type)) {
                String at = where + "." + type + "[" + i++ + "]";
                if (!(v instanceof Mapping e)) throw err(file, at, "is not a mapping");
                keys.add(switch (type) {
                    case "age" -> new AgeKey(string(e, "recipient", file, at), string(e, "enc", file, at));
                    case "pgp" -> new PgpKey(string(e, "fp", file, at), createdAt(e, file, at), string(e, "enc", file, at));
                    case "kms" -> new KmsKey(string(e, "arn", file, at), string(e, "role", file, at), context(e, file, at),
                            createdAt(e, file, at), string(e, "enc", file, at), string(e, "aws_profile", file, at));
                    case "gcp_kms" -> new GcpKmsKey(string(e, "resource_id", file, at), createdAt(e, file, at), string(e, "enc", file, at));
                    case "azure_kv" -> new AzureKvKey(string(e, "vault_url", file, at), string(e, "name", file, at),
                            string(e, "version", file, at), createdAt(e, file, at), string(e, "enc", file, at));
                    case "hc_vault" -> new HcVaultKey(string(e, "vault_address", file, at), string(e, "engine_path", file, at),
                            string(e, "key_name", file, at), createdAt(e, file, at), string(e, "enc", file, at));
                    case "hckms" -> new HcKmsKey(string(e, "key_id", file, at), createdAt(e, file, at), string(e, "enc", file, at));
                    default -> throw new IllegalStateException(type);
                });
            }
        }
        // sops tries keys in this internal order after age and pgp; keep file order otherwise.
        return new KeyGroup(keys);
    }

    private static String createdAt(Mapping e, String file, String at) throws SopsFormatException {
        String s = string(e, "created_at", file, at);
        if (GoTime.parse(s) == null) throw err(file, at + ".created_at", "is not an RFC 3339 time");
        return s;
    }

    private static Map<String, String> context(Mapping e, String file, String at) throws SopsFormatException {
        Value v = e.get("context");
        Map<String, String> out = new LinkedHashMap<>();
        if (v == null || v instanceof Null) return out;
        if (!(v instanceof Mapping cm)) throw err(file, at + ".context", "is not a mapping");
        for (Field f : cm.fields()) out.put(f.key(), f.value() instanceof Scalar s ? s.text() : "");
        return out;
    }

    private static List<Value> list(Value v, String file, String where) throws SopsFormatException {
        if (v == null || v instanceof Null) return List.of();
        if (v instanceof Sequence s) {
            List<Value> out = new ArrayList<>();
            for (Value x : s.items()) if (!(x instanceof Comment)) out.add(x);
            return out;
        }
        throw err(file, where, "is not a list");
    }

    private static String string(Mapping m, String key, String file, String where) throws SopsFormatException {
        Value v = m.get(key);
        if (v == null || v instanceof Null) return "";
        if (v instanceof Scalar s) return s.type() == ScalarType.BOOL ? (s.boolValue() ? "true" : "false") : s.text();
        throw err(file, where + "." + key, "is not a string");
    }

    private static int integer(Mapping m, String key, String file) throws SopsFormatException {
        String s = string(m, key, file, "sops");
        if (s.isEmpty()) return 0;
        try {
            int v = Integer.parseInt(s.startsWith("+") ? s.substring(1) : s);
            if (v < 0) throw err(file, "sops." + key, "is negative");
            return v;
        } catch (NumberFormatException e) {
            throw err(file, "sops." + key, "is not an integer");
        }
    }

    private static boolean bool(Mapping m, String key, String file) throws SopsFormatException {
        String s = string(m, key, file, "sops");
        return switch (s) {
            case "", "0", "f", "F", "false", "FALSE", "False" -> false;
            case "1", "t", "T", "true", "TRUE", "True" -> true;
            default -> throw err(file, "sops." + key, "is not a boolean");
        };
    }

    private static SopsFormatException err(String file, String field, String what) {
        return new SopsFormatException(file + ": " + field + " " + what);
    }

    /**
     * The block as sops 3.13 writes it: keys sorted by byte order at every level, one group as top-level
     * lists, two or more under {@code key_groups} (where {@code age} and {@code hc_vault} are always present).
     */
    public Mapping toMapping() {
        Map<String, Value> top = new LinkedHashMap<>();
        if (keyGroups.size() == 1) {
            putKeys(top, keyGroups.getFirst(), false);
        } else {
            List<Value> groups = new ArrayList<>();
            for (KeyGroup g : keyGroups) {
                Map<String, Value> gm = new LinkedHashMap<>();
                putKeys(gm, g, true);
                groups.add(sorted(gm));
            }
            top.put("key_groups", new Sequence(groups));
        }
        top.put("lastmodified", Scalar.str(lastModified));
        top.put("mac", Scalar.str(mac));
        if (macOnlyEncrypted) top.put("mac_only_encrypted", Scalar.bool(true));
        if (shamirThreshold > 0) top.put("shamir_threshold", Scalar.integer(shamirThreshold));
        top.put(rule.kind().field(), Scalar.str(rule.value()));
        top.put("version", Scalar.str(version));
        return sorted(top);
    }

    private static void putKeys(Map<String, Value> out, KeyGroup g, boolean inGroup) {
        Map<String, List<Value>> byType = new LinkedHashMap<>();
        for (MasterKey k : g.keys()) byType.computeIfAbsent(k.typeName(), t -> new ArrayList<>()).add(entry(k));
        for (String type : KEY_TYPES) {
            List<Value> l = byType.get(type);
            if (l != null) out.put(type, new Sequence(l));
            else if (inGroup && (type.equals("age") || type.equals("hc_vault"))) out.put(type, new Sequence(List.of()));
        }
    }

    private static Mapping entry(MasterKey k) {
        Map<String, Value> e = new LinkedHashMap<>();
        switch (k) {
            case AgeKey a -> {
                e.put("recipient", Scalar.str(a.recipient()));
                e.put("enc", Scalar.str(a.enc()));
            }
            case PgpKey p -> {
                e.put("fp", Scalar.str(p.fingerprint()));
                e.put("created_at", Scalar.str(p.createdAt()));
                e.put("enc", Scalar.str(p.enc()));
            }
            case KmsKey x -> {
                e.put("arn", Scalar.str(x.arn()));
                if (!x.role().isEmpty()) e.put("role", Scalar.str(x.role()));
                if (!x.context().isEmpty()) {
                    Map<String, Value> c = new LinkedHashMap<>();
                    x.context().forEach((ck, cv) -> c.put(ck, Scalar.str(cv)));
                    e.put("context", sorted(c));
                }
                e.put("created_at", Scalar.str(x.createdAt()));
                e.put("enc", Scalar.str(x.enc()));
                e.put("aws_profile", Scalar.str(x.awsProfile()));
            }
            case GcpKmsKey x -> {
                e.put("resource_id", Scalar.str(x.resourceId()));
                e.put("created_at", Scalar.str(x.createdAt()));
                e.put("enc", Scalar.str(x.enc()));
            }
            case AzureKvKey x -> {
                e.put("vault_url", Scalar.str(x.vaultUrl()));
                e.put("name", Scalar.str(x.name()));
                e.put("version", Scalar.str(x.version()));
                e.put("created_at", Scalar.str(x.createdAt()));
                e.put("enc", Scalar.str(x.enc()));
            }
            case HcVaultKey x -> {
                e.put("vault_address", Scalar.str(x.vaultAddress()));
                e.put("engine_path", Scalar.str(x.enginePath()));
                e.put("key_name", Scalar.str(x.keyName()));
                e.put("created_at", Scalar.str(x.createdAt()));
                e.put("enc", Scalar.str(x.enc()));
            }
            case HcKmsKey x -> {
                e.put("key_id", Scalar.str(x.keyId()));
                e.put("created_at", Scalar.str(x.createdAt()));
                e.put("enc", Scalar.str(x.enc()));
            }
        }
        return sorted(e);
    }

    private static Mapping sorted(Map<String, Value> m) {
        List<Mapping.Item> items = new ArrayList<>();
        m.entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
                .forEach(en -> items.add(new Field(en.getKey(), en.getValue())));
        return new Mapping(items);
    }
}
