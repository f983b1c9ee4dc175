package io.secretsd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secretsd.testing.DaemonHarness;
import io.secretsd.testing.Proc;
import io.secretsd.testing.Vectors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.newsclub.net.unix.AFUNIXDatagramSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * The README's "Managing secrets" flow end to end: a repository whose .sops.yaml names a workstation and an
 * infrastructure key; a host added from its SSH host key ({@code ssh-to-age --anchor}) and the files re-keyed
 * ({@code updatekeys}); {@code secretsd activate} and {@code secretsd run} on that host with only its SSH host
 * key; then an edit on the workstation (a scripted $EDITOR) that the running daemon re-renders.
 */
class FleetFlowIT {
    @Test
    void addAHostActivateItAndEditWhileTheDaemonRuns() throws Exception {
        DaemonHarness.requireRoot();
        Path dir = Files.createTempDirectory("secretsd-fleet-it");
        Path repo = Files.createDirectories(dir.resolve("repo/secrets"));
        Path host = Files.createDirectories(dir.resolve("host"));
        Path mount = host.resolve("secrets.d");
        String ctl = Proc.dist("secretsctl");
        String workstation = DaemonHarness.vectorRecipient();
        String infra = io.secretsd.age.X25519Identity.generate().recipient().toString();
        Map<String, String> env = Map.of("SOPS_AGE_KEY_FILE", Vectors.sopsNix("age-keys.txt").toString(),
                "HOME", dir.toString(), "XDG_RUNTIME_DIR", dir.toString());
        String rules = """
                keys:
                  - &workstation %s
                  - &infra %s
                %%s
                creation_rules:
                  - path_regex: ^secrets/[^/]+\\.yaml$
                    key_groups:
                      - age:
                          - *workstation
                          - *infra
                %%s
                """.formatted(workstation, infra);
        Files.writeString(repo.resolve("../.sops.yaml"), rules.formatted("", ""));
        Files.writeString(repo.resolve("common.yaml"), "db_password: first\napi_token: t0k\n");
        Path top = repo.getParent();
        assertEquals(0, Proc.run(top, null, env, List.of(ctl, "-e", "-i", "secrets/common.yaml")).exit());

        // add the host: its public host key, as ssh-keyscan prints it, becomes a .sops.yaml key line
        Path hostKey = host.resolve("ssh_host_ed25519_key");
        assertEquals(0, Proc.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", hostKey.toString()).exit());
        String pub = Files.readString(host.resolve("ssh_host_ed25519_key.pub")).strip();
        byte[] keyscan = ("host1 " + pub.split(" ")[0] + " " + pub.split(" ")[1] + "\n").getBytes();
        Proc.Result line = Proc.run(top, keyscan, env, List.of(ctl, "ssh-to-age", "--anchor", "host1"));
        assertEquals(0, line.exit(), line.toString());
        assertTrue(line.out().matches("  - &host1 age1[a-z0-9]+\n"), line.out());
        Files.writeString(top.resolve(".sops.yaml"), rules.formatted(line.out().stripTrailing(), "          - *host1").replace("\n\n", "\n"));
        Proc.Result update = Proc.run(top, null, env, List.of(ctl, "updatekeys", "-y", "secrets/common.yaml"));
        assertEquals(0, update.exit(), update.toString());
        assertTrue(update.out().contains("+++ " + line.out().strip().split(" ")[2]), update.out());

        // the host: only its SSH host key
        String ph = "<SOPS:0000000000000000000000000000000000000000000000000000000000000000:PLACEHOLDER>";
        Files.writeString(host.resolve("manifest.json"), """
                {"ageSshKeyPaths":["%1$s"],"keepGenerations":2,"placeholderBySecretName":{"db_password":"%2$s"},
                 "secrets":[{"format":"yaml","key":"db_password","mode":"0400","name":"db_password","path":"%3$s/secrets/db_password",
                   "restartUnits":[],"reloadUnits":[],"sopsFile":"%4$s"}],
                 "secretsMountPoint":"%5$s","symlinkPath":"%3$s/secrets",
                 "templates":[{"content":"password=%2$s","name":"app.conf","mode":"0400","path":"%3$s/secrets/rendered/app.conf"}]}
                """.formatted(hostKey, ph, host, repo.resolve("common.yaml"), mount));
        DaemonHarness d = new DaemonHarness(host);
        Proc.Result activate = Proc.run(null, Map.of("HOME", dir.toString()), List.of("unshare", "-m", "--propagation", "private", "sh", "-ec",
                "\"" + Proc.dist("secretsd") + "\" activate " + host.resolve("manifest.json") + "; cat " + host.resolve("secrets/db_password")));
        assertEquals(0, activate.exit(), activate.toString());
        assertEquals("first", activate.out());

        Path notifyPath = host.resolve("notify.sock");
        try (AFUNIXDatagramSocket notify = AFUNIXDatagramSocket.newInstance()) {
            notify.bind(AFUNIXSocketAddress.of(notifyPath));
            notify.setSoTimeout(500);
            Process daemon = d.start(notifyPath, Map.of("HOME", dir.toString()), "--units", "none");
            try {
                d.ready(notify);
                assertEquals("password=first", d.read("rendered/app.conf"));
                // the workstation edits one value; the daemon re-renders it
                Path editor = dir.resolve("editor.sh");
                Files.writeString(editor, "#!/bin/sh\nsed -i 's/first/second/' \"$1\"\n");
                editor.toFile().setExecutable(true);
                String before = Files.readString(repo.resolve("common.yaml"));
                Map<String, String> editEnv = new java.util.HashMap<>(env);
                editEnv.put("EDITOR", editor.toString());
                assertEquals(0, Proc.run(top, null, editEnv, List.of(ctl, "edit", "secrets/common.yaml")).exit());
                String after = Files.readString(repo.resolve("common.yaml"));
                assertEquals(before.lines().filter(l -> l.startsWith("api_token:")).toList(), after.lines().filter(l -> l.startsWith("api_token:")).toList(),
                        "the untouched value keeps its ciphertext");
                d.await("the re-rendered template", () -> "password=second".equals(d.read("rendered/app.conf")));
                assertFalse(d.log().contains("second") || d.log().contains("first"), "the log shows a secret value");
            } finally {
                daemon.destroy();
                daemon.waitFor(30, TimeUnit.SECONDS);
                Proc.run("umount", "-l", mount.toString());
            }
        }
    }
}
