package io.secretsd.manifest;

import io.secretsd.errors.Errors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads and validates a sops-nix manifest, JSON (as {@code manifest-for.nix} writes it) or YAML with the same
 * schema. Unknown fields are ignored and {@code null} means "not set", as Go's decoder does. Fields a
 * hand-written manifest leaves out take the NixOS module's defaults. Every schema problem is collected and
 * reported together, each with its JSON path.
 */
public final class ManifestReader {
    private static final Pattern OCTAL = Pattern.compile("[0-7]{1,6}");
    private static final long MAX_ID = 0xFFFF_FFFEL; // (uid_t) -1 means "unchanged" to chown(2)

    private ManifestReader() {
    }

    /** The documented limit on a manifest's size, far above any real host's (a 1,000-secret one is ~400 KB). */
    public static final int MAX_BYTES = 16 << 20;

    public static Manifest read(Path file) throws ManifestException {
        return parse(readBytes(file), file.toString());
    }

    /** The manifest's bytes, refused by size before they are read when larger than {@link #MAX_BYTES}. */
    public static byte[] readBytes(Path file) throws ManifestException {
        byte[] bytes;
        boolean tooLarge;
        try {
            tooLarge = Files.isRegularFile(file) && Files.size(file) > MAX_BYTES;
            bytes = new byte[0];
            if (!tooLarge) {
                try (java.io.InputStream in = Files.newInputStream(file)) {
                    bytes = in.readNBytes(MAX_BYTES + 1);
                }
                tooLarge = bytes.length > MAX_BYTES;
            }
        } catch (IOException e) {
            throw new ManifestSyntaxException(file.toString(), "cannot read the manifest: " + Errors.reason(e, file), e);
        }
        if (tooLarge) {
            throw new ManifestSyntaxException(file.toString(), "the manifest is larger than the " + (MAX_BYTES >> 20)
                    + " MiB a manifest may have", null);
        }
        return bytes;
    }

    /** JSON when the first non-blank byte is {@code {}, else YAML. */
    public static Manifest parse(byte[] bytes, String source) throws ManifestException {
        Object tree = tree(bytes, source);
        if (!(tree instanceof Map<?, ?> top)) {
            throw new InvalidManifestException(source,
                    List.of(new Problem("", "the manifest must be an object, got " + Node.describe(tree))));
        }
        List<Problem> problems = new ArrayList<>();
        Manifest m = bind(new Node(Node.cast(top), "", problems), problems);
        if (!problems.isEmpty()) {
            throw new InvalidManifestException(source, problems);
        }
        return m;
    }

    /** The document as plain maps, lists and scalars, before any field is bound. */
    static Object tree(byte[] bytes, String source) throws ManifestException {
        return looksLikeJson(bytes) ? JsonTree.parse(bytes, source) : YamlTree.parse(bytes, source);
    }

    private static boolean looksLikeJson(byte[] bytes) {
        for (byte b : bytes) {
            if (b == ' ' || b == '\t' || b == '\r' || b == '\n') {
                continue;
            }
            return b == '{';
        }
        return false;
    }

    private static Manifest bind(Node top, List<Problem> problems) {
        String symlinkPath = top.string("symlinkPath", "/run/secrets");
        String mountPoint = top.string("secretsMountPoint", "/run/secrets.d");
        boolean userMode = top.bool("userMode", false);
        int keep = (int) top.integer("keepGenerations", 1, 0, Integer.MAX_VALUE);
        Optional<String> gnupgHome = top.optString("gnupgHome").filter(s -> !s.isEmpty());
        Optional<String> ageKeyFile = top.optString("ageKeyFile").filter(s -> !s.isEmpty());
        List<String> sshKeyPaths = top.strings("sshKeyPaths");
        List<String> ageSshKeyPaths = top.strings("ageSshKeyPaths");
        boolean useTmpfs = top.bool("useTmpfs", false);
        Logging logging = top.object("logging")
                .map(l -> new Logging(l.bool("keyImport", true), l.bool("secretChanges", true)))
                .orElse(Logging.DEFAULT);
        Map<String, String> placeholders = placeholders(top);

        checkAbsolute(top, "symlinkPath", symlinkPath, userMode);
        checkAbsolute(top, "secretsMountPoint", mountPoint, userMode);
        if (gnupgHome.isPresent()) {
            String mutex = "gnupgHome and %s were specified in the manifest. Both options are mutually exclusive.";
            if (!sshKeyPaths.isEmpty()) {
                top.problem("gnupgHome", mutex.formatted("sshKeyPaths"));
            }
            if (ageKeyFile.isPresent()) {
                top.problem("gnupgHome", mutex.formatted("ageKeyFile"));
            }
        }

        List<Secret> secrets = new ArrayList<>();
        Map<String, String> secretNames = new LinkedHashMap<>();
        for (Node n : top.objects("secrets")) {
            Secret s = secret(n, symlinkPath, userMode);
            if (s != null) {
                unique(n, s.name(), secretNames);
                secrets.add(s);
            }
        }
        List<Template> templates = new ArrayList<>();
        Map<String, String> templateNames = new LinkedHashMap<>();
        for (Node n : top.objects("templates")) {
            Template t = template(n, symlinkPath, userMode);
            if (t != null) {
                unique(n, t.name(), templateNames);
                templates.add(t);
            }
        }
        if (!templates.isEmpty()) {
            for (int i = 0; i < secrets.size(); i++) {
                String name = secrets.get(i).name();
                if (name.equals(RENDERED) || name.startsWith(RENDERED + "/")) {
                    problems.add(new Problem("secrets[" + i + "].name",
                            Node.quote(name) + " collides with the directory of rendered templates"));
                }
            }
        }
        Map<String, Secret> formatOf = new HashMap<>();
        for (int i = 0; i < secrets.size(); i++) {
            Secret s = secrets.get(i);
            Secret first = formatOf.putIfAbsent(s.sopsFile(), s);
            if (first != null && first.format() != s.format()) {
                problems.add(new Problem("secrets[" + i + "].format", "secret " + s.name() + " defined the format of "
                        + s.sopsFile() + " as " + s.format() + ", but it was specified as " + first.format() + " in "
                        + first.name() + " before"));
            }
        }
        nested(secretNames, problems);
        nested(templateNames, problems);
        if (!symlinkPath.contains("\0") && !mountPoint.contains("\0")) {
            LinkPaths.check(secrets, templates, symlinkPath, mountPoint, problems);
        }
        return new Manifest(secrets, templates, placeholders, mountPoint, symlinkPath, keep, gnupgHome,
                sshKeyPaths, ageKeyFile, ageSshKeyPaths, useTmpfs, userMode, logging);
    }

    /** The subdirectory of a generation that holds rendered templates. */
    public static final String RENDERED = "rendered";

    private static Map<String, String> placeholders(Node top) {
        Map<String, String> out = new LinkedHashMap<>();
        top.object("placeholderBySecretName").ifPresent(p -> {
            for (Map.Entry<String, Object> e : p.raw().entrySet()) {
                if (e.getValue() instanceof String s) {
                    if (s.isEmpty()) {
                        p.problem(e.getKey(), "placeholder is empty");
                    } else {
                        out.put(e.getKey(), s);
                    }
                } else if (e.getValue() != null) {
                    p.problem(e.getKey(), "expected a string, got " + Node.describe(e.getValue()));
                }
            }
        });
        return out;
    }

    private static Secret secret(Node n, String symlinkPath, boolean userMode) {
        String name = name(n);
        String attributeName = n.string("attributeName", name);
        String key = n.string("key", name);
        String path = n.string("path", symlinkPath + "/" + name);
        Optional<String> owner = n.optString("owner");
        Optional<String> group = n.optString("group");
        int uid = (int) n.integer("uid", 0, 0, MAX_ID);
        int gid = (int) n.integer("gid", 0, 0, MAX_ID);
        String sopsFile = n.string("sopsFile", "");
        if (sopsFile.isEmpty()) {
            n.problem("sopsFile", "is required");
        }
        Format format = format(n);
        int mode = mode(n);
        List<String> restart = n.strings("restartUnits");
        List<String> reload = n.strings("reloadUnits");
        boolean neededForUsers = n.bool("neededForUsers", false);
        String hash = n.string("sopsFileHash", "");
        checkAbsolute(n, "path", path, userMode);
        checkOwner(n, owner, group);
        units(n, "restartUnits", restart);
        units(n, "reloadUnits", reload);
        return name == null ? null : new Secret(name, attributeName, key, path, owner, uid, group, gid, sopsFile,
                format, mode, restart, reload, neededForUsers, hash);
    }

    private static Template template(Node n, String symlinkPath, boolean userMode) {
        String name = name(n);
        String content = n.string("content", "");
        Optional<String> file = n.optString("file").filter(s -> !s.isEmpty());
        String path = n.string("path", symlinkPath + "/" + RENDERED + "/" + name);
        Optional<String> owner = n.optString("owner");
        Optional<String> group = n.optString("group");
        int uid = (int) n.integer("uid", 0, 0, MAX_ID);
        int gid = (int) n.integer("gid", 0, 0, MAX_ID);
        int mode = mode(n);
        List<String> restart = n.strings("restartUnits");
        List<String> reload = n.strings("reloadUnits");
        if (content.isEmpty() && file.isEmpty() && name != null) {
            n.problem("content", "neither content nor file was specified for template " + name);
        }
        checkAbsolute(n, "path", path, userMode);
        checkOwner(n, owner, group);
        units(n, "restartUnits", restart);
        units(n, "reloadUnits", reload);
        return name == null ? null : new Template(name, content, file, path, owner, uid, group, gid, mode,
                restart, reload);
    }

    /** A relative path of plain components: it names a file inside the generation and must stay there. */
    private static String name(Node n) {
        Optional<String> v = n.optString("name");
        if (v.isEmpty()) {
            if (!n.raw().containsKey("name") || n.raw().get("name") == null) {
                n.problem("name", "is required");
            }
            return null;
        }
        String name = v.get();
        String why = null;
        if (name.isEmpty()) {
            why = "is empty";
        } else if (name.startsWith("/")) {
            why = "must be a relative path";
        } else if (name.indexOf('\0') >= 0) {
            why = "contains a NUL byte";
        } else {
            for (String part : name.split("/", -1)) {
                if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                    why = "has an empty, \".\" or \"..\" component";
                    break;
                }
            }
        }
        if (why != null) {
            n.problem("name", Node.quote(name) + " " + why);
            return null;
        }
        return name;
    }

    private static Format format(Node n) {
        Optional<String> f = n.optString("format");
        if (f.isEmpty() || f.get().isEmpty()) {
            return Format.YAML;
        }
        Optional<Format> known = Format.of(f.get());
        if (known.isEmpty()) {
            n.problem("format", Node.quote(f.get()) + " is not one of yaml, json, binary, dotenv, ini");
            return Format.YAML;
        }
        return known.get();
    }

    private static int mode(Node n) {
        Object raw = n.raw().get("mode");
        if (raw == null) {
            return 0400;
        }
        if (!(raw instanceof String s)) {
            n.problem("mode", "expected an octal string such as \"0400\", got " + Node.describe(raw));
            return 0400;
        }
        if (!OCTAL.matcher(s).matches() || Integer.parseInt(s, 8) > 07777) {
            n.problem("mode", Node.quote(s) + " is not an octal mode");
            return 0400;
        }
        return Integer.parseInt(s, 8);
    }

    private static void checkAbsolute(Node n, String field, String path, boolean userMode) {
        if (path.indexOf('\0') >= 0) {
            n.problem(field, "contains a NUL byte");
        } else if (!path.startsWith("/") && !(userMode && path.startsWith("%r"))) {
            n.problem(field, Node.quote(path) + " is not an absolute path");
        }
    }

    private static void checkOwner(Node n, Optional<String> owner, Optional<String> group) {
        owner.filter(String::isEmpty).ifPresent(o -> n.problem("owner", "is empty"));
        group.filter(String::isEmpty).ifPresent(g -> n.problem("group", "is empty"));
    }

    private static void units(Node n, String field, List<String> units) {
        for (int i = 0; i < units.size(); i++) {
            String u = units.get(i);
            String why = UnitName.problem(u);
            if (why != null) {
                n.problem(field + "[" + i + "]", Node.quote(u) + " is not a unit name: it " + why);
            }
        }
    }

    private static void unique(Node n, String name, Map<String, String> seen) {
        String before = seen.putIfAbsent(name, n.path());
        if (before != null) {
            n.problem("name", Node.quote(name) + " is also the name of " + before);
        }
    }

    /** "a" and "a/b" cannot both be files. */
    private static void nested(Map<String, String> names, List<Problem> problems) {
        for (Map.Entry<String, String> e : names.entrySet()) {
            String name = e.getKey();
            int slash = name.indexOf('/');
            while (slash > 0) {
                String dir = name.substring(0, slash);
                if (names.containsKey(dir)) {
                    problems.add(new Problem(e.getValue() + ".name", Node.quote(name) + " lies inside "
                            + Node.quote(dir) + " of " + names.get(dir) + ", which is a file"));
                }
                slash = name.indexOf('/', slash + 1);
            }
        }
    }
}
