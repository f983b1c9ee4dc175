package io.secretsd.activation;

import io.secretsd.errors.Errors;
import io.secretsd.manifest.Entry;
import io.secretsd.manifest.Format;
import io.secretsd.manifest.Manifest;
import io.secretsd.manifest.ManifestReader;
import io.secretsd.manifest.Secret;
import io.secretsd.manifest.Template;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Decrypts (each sops file once, files in parallel), extracts, renders and resolves owners: everything that
 * can fail per entry, before a byte is written. A failure stays with its entry as {@link Content.Failed}.
 */
final class Planner {
    private final SecretSource source;
    private final Options options;
    private final boolean ownersAreRoot;

    Planner(SecretSource source, Options options, boolean ownersAreRoot) {
        this.source = source;
        this.options = options;
        this.ownersAreRoot = ownersAreRoot;
    }

    /** A sops file is decrypted once per format it is read as (the manifest forbids two formats anyway). */
    private record FileKey(String path, Format format) {
    }

    private sealed interface Decrypted {
    }

    private record Opened(DecryptedFile file) implements Decrypted {
    }

    private record Broken(String cause) implements Decrypted {
    }

    Plan plan(Manifest m) {
        return plan(m, Scope.ALL, Optional.empty());
    }

    /**
     * Entries outside {@code scope} are {@link Content.Carried} from the {@code current} generation;
     * a template rendered anew reads the values of carried secrets it uses from {@code current}.
     */
    Plan plan(Manifest m, Scope scope, Optional<Path> current) {
        List<Secret> fresh = new ArrayList<>();
        Map<String, Secret> carriedByAttribute = new HashMap<>();
        Set<String> carriedNames = new HashSet<>();
        for (Secret s : m.secrets()) {
            if (carries(scope, s, current)) {
                carriedByAttribute.put(s.attributeName(), s);
                carriedNames.add(s.name());
            } else {
                fresh.add(s);
            }
        }
        Map<FileKey, Decrypted> files = decryptAll(fresh);
        List<PlannedFile> out = new ArrayList<>();
        Map<String, byte[]> valueByAttribute = new HashMap<>();
        Map<String, String> unavailable = new HashMap<>();
        try {
            for (Secret s : m.secrets()) {
                if (carriedNames.contains(s.name())) {
                    out.add(new PlannedFile(s, s.name(), carried(s)));
                    continue;
                }
                Content c = secretContent(s, files.get(new FileKey(s.sopsFile(), s.format())));
                out.add(new PlannedFile(s, s.name(), c));
                if (c instanceof Content.Ready r) {
                    valueByAttribute.put(s.attributeName(), r.bytes());
                } else {
                    unavailable.put(s.attributeName(), "which could not be installed");
                }
            }
        } finally {
            for (Decrypted d : files.values()) {
                if (d instanceof Opened o) {
                    o.file().close();
                }
            }
        }
        TemplateRenderer renderer = new TemplateRenderer(m.placeholderBySecretName(), valueByAttribute, unavailable);
        CarriedValues carried = new CarriedValues(m.placeholderBySecretName(), carriedByAttribute, current,
                valueByAttribute, unavailable);
        try {
            for (Template t : m.templates()) {
                String rel = ManifestReader.RENDERED + "/" + t.name();
                out.add(new PlannedFile(t, rel, carries(scope, t, current) ? carried(t)
                        : templateContent(t, renderer, carried)));
            }
        } finally {
            carried.wipe();
        }
        return new Plan(out);
    }

    /** The scope's base generation holds every entry it installed; one it lacks fails at the link and is reported. */
    private static boolean carries(Scope scope, Entry e, Optional<Path> current) {
        return !scope.recomputes(e) && current.isPresent();
    }

    /** A carried entry keeps its file; its owner is looked up as for a new one (and can fail the same way). */
    private Content carried(Entry e) {
        try {
            Ids ids = ids(e);
            return new Content.Carried(ids.uid(), ids.gid());
        } catch (LookupFailure f) {
            return new Content.Failed(f.getMessage());
        }
    }

    private Map<FileKey, Decrypted> decryptAll(List<Secret> secrets) {
        Map<FileKey, Decrypted> result = new LinkedHashMap<>();
        for (Secret s : secrets) {
            result.put(new FileKey(s.sopsFile(), s.format()), null);
        }
        if (result.isEmpty()) {
            return result;
        }
        int threads = Math.min(options.parallelism(), result.size());
        if (threads <= 1) {
            result.replaceAll((k, v) -> decrypt(k));
            return result;
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "decrypt");
            t.setDaemon(true);
            return t;
        })) {
            Map<FileKey, Future<Decrypted>> futures = new LinkedHashMap<>();
            for (FileKey k : result.keySet()) {
                try {
                    futures.put(k, pool.submit(() -> decrypt(k)));
                } catch (OutOfMemoryError e) {
                    // No thread to be had (a pids limit): this file is decrypted here, not lost.
                    futures.put(k, java.util.concurrent.CompletableFuture.completedFuture(decrypt(k)));
                }
            }
            for (Map.Entry<FileKey, Future<Decrypted>> e : futures.entrySet()) {
                result.put(e.getKey(), join(e.getKey(), e.getValue()));
            }
        }
        return result;
    }

    private static Decrypted join(FileKey k, Future<Decrypted> f) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            return new Broken(k.path() + ": failed to decrypt: " + Errors.reason(e.getCause(), k.path()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Broken(k.path() + ": failed to decrypt: interrupted");
        }
    }

    private Decrypted decrypt(FileKey k) {
        try {
            return new Opened(source.decrypt(Path.of(k.path()), k.format()));
        } catch (SourceException e) {
            return new Broken(k.path() + ": failed to decrypt: " + Errors.reason(e, k.path()));
        } catch (RuntimeException e) {
            // a bug in a source must not take the other secrets down with it
            return new Broken(k.path() + ": failed to decrypt: internal error");
        }
    }

    private Content secretContent(Secret s, Decrypted d) {
        if (d instanceof Broken b) {
            return new Content.Failed(b.cause());
        }
        Ids ids;
        try {
            ids = ids(s);
        } catch (LookupFailure e) {
            return new Content.Failed(e.getMessage());
        }
        String key = s.format().wholeFileOnly() ? "" : s.key();
        try {
            return new Content.Ready(((Opened) d).file().value(key), ids.uid(), ids.gid());
        } catch (SourceException e) {
            return new Content.Failed(s.sopsFile() + ": secret " + s.name() + " is not valid: " + Errors.reason(e, s.sopsFile()));
        } catch (RuntimeException e) {
            return new Content.Failed(s.sopsFile() + ": secret " + s.name() + ": internal error");
        }
    }

    private Content templateContent(Template t, TemplateRenderer renderer, CarriedValues carried) {
        Ids ids;
        try {
            ids = ids(t);
        } catch (LookupFailure e) {
            return new Content.Failed(e.getMessage());
        }
        byte[] text;
        if (!t.content().isEmpty()) {
            text = t.content().getBytes(StandardCharsets.UTF_8);
        } else {
            try {
                text = Files.readAllBytes(Path.of(t.file().orElseThrow()));
            } catch (IOException e) {
                return new Content.Failed("cannot read " + t.file().orElseThrow() + " of template " + t.name() + ": "
                        + e);
            }
        }
        try {
            carried.load(text);
            return new Content.Ready(renderer.render(text), ids.uid(), ids.gid());
        } catch (TemplateRenderer.MissingValue e) {
            return new Content.Failed("template " + t.name() + " " + e.getMessage());
        } finally {
            Arrays.fill(text, (byte) 0);
        }
    }

    private record Ids(int uid, int gid) {
    }

    /** A user or group name that does not resolve; fails only its own entry (sops-nix #424). */
    private static final class LookupFailure extends Exception {
        LookupFailure(String message) {
            super(message);
        }
    }

    private Ids ids(Entry e) throws LookupFailure {
        if (ownersAreRoot) {
            return new Ids(0, 0);
        }
        int uid = e.uid();
        int gid = e.gid();
        if (e.owner().isPresent()) {
            OptionalInt u = options.userDb().uid(e.owner().get());
            if (u.isEmpty()) {
                throw new LookupFailure("failed to lookup user '" + e.owner().get() + "' for " + e.name());
            }
            uid = u.getAsInt();
        }
        if (e.group().isPresent()) {
            OptionalInt g = options.userDb().gid(e.group().get());
            if (g.isEmpty()) {
                throw new LookupFailure("failed to lookup group '" + e.group().get() + "' for " + e.name());
            }
            gid = g.getAsInt();
        }
        return new Ids(uid, gid);
    }
}
