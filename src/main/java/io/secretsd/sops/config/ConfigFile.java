package io.secretsd.sops.config;

import io.secretsd.sops.EncryptionRule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * A parsed {@code .sops.yaml}: its creation rules (null when the file has no {@code creation_rules} key, which
 * sops treats as no config at all) and store options. Fields sops ignores are ignored here too.
 */
public record ConfigFile(Path path, List<Map<String, Object>> creationRules, Stores stores) {
    public static ConfigFile load(Path path) throws IOException {
        String text = Files.readString(path, StandardCharsets.UTF_8);
        Object root;
        try {
            root = new Load(LoadSettings.builder().setLabel(path.toString()).setAllowDuplicateKeys(false)
                    .setMaxAliasesForCollections(50).build()).loadFromString(text);
        } catch (YamlEngineException | IllegalArgumentException | ClassCastException e) {
            throw new ConfigException(path + ": could not parse the config file: " + firstLine(e.getMessage()));
        }
        if (root == null) return new ConfigFile(path, null, Stores.DEFAULT);
        Map<String, Object> top = map(root, path, "the top level");
        List<Map<String, Object>> rules = null;
        if (top.get("creation_rules") != null) {
            rules = new ArrayList<>();
            int i = 0;
            for (Object r : list(top.get("creation_rules"), path, "creation_rules")) {
                rules.add(map(r, path, "creation_rules[" + i++ + "]"));
            }
        }
        return new ConfigFile(path, rules, stores(top.get("stores"), path));
    }

    /**
     * The creation rule for {@code file}: empty when the config has no creation rules; an error when none
     * matches. The path is made absolute and, when it lies under the config file's directory, relative to it.
     */
    public Optional<CreationRule> ruleFor(Path file) throws ConfigException {
        if (creationRules == null) return Optional.empty();
        String configDir = path.toAbsolutePath().normalize().getParent().toString();
        String name = file.toAbsolutePath().normalize().toString();
        if (name.startsWith(configDir + "/")) name = name.substring(configDir.length() + 1);
        for (int i = 0; i < creationRules.size(); i++) {
            Map<String, Object> r = creationRules.get(i);
            String regex = string(r.get("path_regex"), "creation_rules[" + i + "].path_regex");
            if (regex.isEmpty() || compile(regex, i).matcher(name).find()) return Optional.of(resolve(r, i));
        }
        throw new ConfigException(path + ": no matching creation rules found for " + name);
    }

    private Pattern compile(String regex, int i) throws ConfigException {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new ConfigException(path + ": creation_rules[" + i + "].path_regex: can not compile regexp: " + e.getDescription());
        }
    }

    private CreationRule resolve(Map<String, Object> r, int i) throws ConfigException {
        String at = "creation_rules[" + i + "]";
        EncryptionRule rule = null;
        for (EncryptionRule.Kind k : EncryptionRule.Kind.values()) {
            String v = string(r.get(k.field()), at + "." + k.field());
            if (v.isEmpty()) continue;
            if (rule != null) {
                throw new ConfigException(path + ": " + at + ": cannot use more than one of encrypted_suffix, unencrypted_suffix, "
                        + "encrypted_regex, unencrypted_regex, encrypted_comment_regex, or unencrypted_comment_regex for the same rule");
            }
            rule = new EncryptionRule(k, v);
        }
        List<List<KeySpec>> groups = new ArrayList<>();
        List<Object> kg = r.get("key_groups") == null ? List.of() : list(r.get("key_groups"), path, at + ".key_groups");
        if (!kg.isEmpty()) {
            for (int g = 0; g < kg.size(); g++) groups.add(dedupe(group(kg.get(g), at + ".key_groups[" + g + "]")));
        } else {
            List<KeySpec> one = new ArrayList<>();
            for (String a : keyField(r.get("age"), at + ".age")) one.add(new KeySpec.Age(a));
            for (String p : keyField(r.get("pgp"), at + ".pgp")) one.add(new KeySpec.Pgp(p.replace(" ", "")));
            for (String k : keyField(r.get("kms"), at + ".kms")) one.add(new KeySpec.Foreign("kms", k));
            for (String k : keyField(r.get("gcp_kms"), at + ".gcp_kms")) one.add(new KeySpec.Foreign("gcp_kms", k));
            for (String k : keyField(r.get("hckms"), at + ".hckms")) one.add(new KeySpec.Foreign("hckms", k));
            for (String k : keyField(r.get("azure_keyvault"), at + ".azure_keyvault")) one.add(new KeySpec.Foreign("azure_kv", k));
            for (String k : keyField(r.get("hc_vault_transit_uri"), at + ".hc_vault_transit_uri")) one.add(new KeySpec.Foreign("hc_vault", k));
            groups.add(one);
        }
        int threshold = integer(r.get("shamir_threshold"), at + ".shamir_threshold");
        boolean macOnly = Boolean.TRUE.equals(r.get("mac_only_encrypted"));
        return new CreationRule(string(r.get("path_regex"), at + ".path_regex"), groups, threshold, rule, macOnly);
    }

    private List<KeySpec> group(Object g, String at) throws ConfigException {
        List<KeySpec> out = new ArrayList<>();
        if (g == null) return out;
        Map<String, Object> m = map(g, path, at);
        if (m.get("merge") != null) {
            int j = 0;
            for (Object sub : list(m.get("merge"), path, at + ".merge")) out.addAll(group(sub, at + ".merge[" + j++ + "]"));
        }
        for (String a : strings(m.get("age"), at + ".age")) for (String one : a.split(",")) if (!one.isBlank()) out.add(new KeySpec.Age(one.strip()));
        for (String p : strings(m.get("pgp"), at + ".pgp")) out.add(new KeySpec.Pgp(p.strip()));
        for (Object k : objects(m.get("kms"), at + ".kms")) out.add(new KeySpec.Foreign("kms", field(k, "arn", at + ".kms")));
        for (Object k : objects(m.get("gcp_kms"), at + ".gcp_kms")) out.add(new KeySpec.Foreign("gcp_kms", field(k, "resource_id", at + ".gcp_kms")));
        for (Object k : objects(m.get("hckms"), at + ".hckms")) out.add(new KeySpec.Foreign("hckms", field(k, "key_id", at + ".hckms")));
        for (Object k : objects(m.get("azure_keyvault"), at + ".azure_keyvault")) {
            out.add(new KeySpec.Foreign("azure_kv", field(k, "vaultUrl", at) + "/keys/" + field(k, "key", at) + "/" + field(k, "version", at)));
        }
        for (String v : strings(m.get("hc_vault"), at + ".hc_vault")) out.add(new KeySpec.Foreign("hc_vault", v));
        return out;
    }

    private static List<KeySpec> dedupe(List<KeySpec> keys) {
        Map<String, KeySpec> unique = new LinkedHashMap<>();
        for (KeySpec k : keys) unique.putIfAbsent(k.type() + "/" + k.id(), k);
        return new ArrayList<>(unique.values());
    }

    /** A key field: a comma-separated string or a list of strings (sops' parseKeyField); empty parts skipped. */
    private List<String> keyField(Object v, String at) throws ConfigException {
        List<String> out = new ArrayList<>();
        if (v == null) return out;
        if (v instanceof String s) {
            for (String part : s.split(",")) if (!part.isBlank()) out.add(part.strip());
            return out;
        }
        for (String s : strings(v, at)) for (String part : s.split(",")) if (!part.isBlank()) out.add(part.strip());
        return out;
    }

    private List<String> strings(Object v, String at) throws ConfigException {
        List<String> out = new ArrayList<>();
        if (v == null) return out;
        int i = 0;
        for (Object o : list(v, path, at)) {
            if (!(o instanceof String s)) throw new ConfigException(path + ": " + at + "[" + i + "]: expected a string");
            out.add(s);
            i++;
        }
        return out;
    }

    private List<Object> objects(Object v, String at) throws ConfigException {
        return v == null ? List.of() : list(v, path, at);
    }

    private String field(Object o, String key, String at) throws ConfigException {
        return string(map(o, path, at).get(key), at + "." + key);
    }

    private String string(Object v, String at) throws ConfigException {
        if (v == null) return "";
        if (v instanceof String s) return s;
        if (v instanceof Number || v instanceof Boolean) return v.toString();
        throw new ConfigException(path + ": " + at + ": expected a string");
    }

    private int integer(Object v, String at) throws ConfigException {
        if (v == null) return 0;
        if (v instanceof Integer n && n >= 0) return n;
        throw new ConfigException(path + ": " + at + ": expected a non-negative integer");
    }

    private static Stores stores(Object v, Path path) throws ConfigException {
        if (v == null) return Stores.DEFAULT;
        Map<String, Object> m = map(v, path, "stores");
        return new Stores(indent(m, "yaml", 0, path), indent(m, "json", -1, path), indent(m, "json_binary", -1, path));
    }

    private static int indent(Map<String, Object> stores, String store, int dflt, Path path) throws ConfigException {
        Object s = stores.get(store);
        if (s == null) return dflt;
        Object i = map(s, path, "stores." + store).get("indent");
        if (i == null) return dflt;
        if (i instanceof Integer n) return n;
        throw new ConfigException(path + ": stores." + store + ".indent: expected an integer");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object v, Path path, String at) throws ConfigException {
        if (v instanceof Map<?, ?> m) {
            for (Object k : m.keySet()) if (!(k instanceof String)) throw new ConfigException(path + ": " + at + ": keys must be strings");
            return (Map<String, Object>) m;
        }
        throw new ConfigException(path + ": " + at + ": expected a mapping");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object v, Path path, String at) throws ConfigException {
        if (v instanceof List<?> l) return (List<Object>) l;
        throw new ConfigException(path + ": " + at + ": expected a list");
    }

    private static String firstLine(String s) {
        if (s == null) return "malformed YAML";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
