package io.secretsd.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The design's map on a small sops-nix-like configuration. */
class DependencyMapTest {

    sealed interface Id {
        record Secret(String name) implements Id {}

        record Template(String name) implements Id {}
    }

    private static final Path MANIFEST = Path.of("/run/secretsd/manifest.json");
    private static final Path DB_YAML = Path.of("/etc/secrets/db.yaml");
    private static final Path API_YAML = Path.of("/etc/secrets/api.yaml");
    private static final Path AGE_KEY = Path.of("/var/lib/sops-nix/key.txt");
    private static final Path HOST_KEY = Path.of("/etc/ssh/ssh_host_ed25519_key");
    private static final Path CONF_TMPL = Path.of("/etc/secrets/app.conf.tmpl");

    private static final Id DB_PASSWORD = new Id.Secret("db/password");
    private static final Id DB_USER = new Id.Secret("db/user");
    private static final Id API_TOKEN = new Id.Secret("api/token");
    private static final Id APP_CONF = new Id.Template("app.conf");

    private final DependencyMap<Id> map = DependencyMap.<Id>builder()
            .entry(DB_PASSWORD, List.of(DB_YAML, AGE_KEY))
            .entry(DB_USER, List.of(DB_YAML, AGE_KEY))
            .entry(API_TOKEN, List.of(API_YAML, HOST_KEY))
            .entry(APP_CONF, List.of(CONF_TMPL), List.of(DB_PASSWORD, API_TOKEN))
            .global(MANIFEST)
            .build();

    @Test
    void sopsFileReachesItsSecretsAndTheTemplatesUsingThem() {
        assertEquals(Set.of(DB_PASSWORD, DB_USER, APP_CONF), map.affected(List.of(DB_YAML)));
        assertEquals(Set.of(API_TOKEN, APP_CONF), map.affected(List.of(API_YAML)));
    }

    @Test
    void templateFileReachesOnlyItsTemplate() {
        assertEquals(Set.of(APP_CONF), map.affected(List.of(CONF_TMPL)));
    }

    @Test
    void keyFileReachesEverySecretItOpened() {
        assertEquals(Set.of(DB_PASSWORD, DB_USER, APP_CONF), map.affected(List.of(AGE_KEY)));
        assertEquals(Set.of(API_TOKEN, APP_CONF), map.affected(List.of(HOST_KEY)));
    }

    @Test
    void manifestReachesAllInDeclarationOrder() {
        assertEquals(List.of(DB_PASSWORD, DB_USER, API_TOKEN, APP_CONF),
                List.copyOf(map.affected(List.of(MANIFEST))));
    }

    @Test
    void filesToWatchAreAllInputs() {
        assertEquals(Set.of(MANIFEST, DB_YAML, API_YAML, AGE_KEY, HOST_KEY, CONF_TMPL), map.files());
    }

    @Test
    void brokenMapsAreRefusedWithTheEntryNamed() {
        var dup = assertThrows(IllegalArgumentException.class, () -> DependencyMap.<String>builder()
                .entry("a", List.of(DB_YAML)).entry("a", List.of(API_YAML)).build());
        assertEquals("two dependency entries for a", dup.getMessage());
        var unknown = assertThrows(IllegalArgumentException.class, () -> DependencyMap.<String>builder()
                .entry("t", List.of(CONF_TMPL), List.of("missing")).build());
        assertEquals("t uses missing, which is not an entry", unknown.getMessage());
    }
}
