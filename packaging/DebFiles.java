import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The .deb's generated files, run after packaging/Dist.java: man pages made from each command's --help (and
 * its subcommands'), and the Debian changelog with the package's version, both compressed as Debian wants
 * (gzip -9n: maximum compression, no name or time stamp, so the same input gives the same bytes).
 *
 * <p>Usage: {@code java packaging/DebFiles.java DIST OUT MAVEN_VERSION}; writes OUT/man/manN/*.N.gz and
 * OUT/doc/changelog.gz.
 */
public final class DebFiles {
    record Page(String command, int section, String summary, String helpOption) {}

    static final List<Page> PAGES = List.of(
            new Page("secretsd", 8, "install sops secrets into /run/secrets and keep them current", "--help"),
            new Page("secretsctl", 1, "encrypt and decrypt age and sops files; inspect secretsd", "--help"),
            new Page("sops-install-secrets", 8, "install the secrets of a sops-nix manifest", "-h"));

    public static void main(String[] args) throws Exception {
        Path dist = Path.of(args[0]).toAbsolutePath();
        Path out = Path.of(args[1]).toAbsolutePath();
        // as jdeb writes it in the control file
        String version = args[2].replaceFirst("-SNAPSHOT$", "~SNAPSHOT");
        for (Page p : PAGES) {
            Path dir = out.resolve("man/man" + p.section());
            Files.createDirectories(dir);
            gzip(manPage(dist, p, version), dir.resolve(p.command() + "." + p.section() + ".gz"));
        }
        Files.createDirectories(out.resolve("doc"));
        String changelog = Files.readString(Path.of("packaging/deb/changelog")).replace("@VERSION@", version);
        gzip(changelog, out.resolve("doc/changelog.gz"));
    }

    static String manPage(Path dist, Page p, String version) throws IOException, InterruptedException {
        String launcher = dist.resolve("bin").resolve(p.command()).toString();
        String help = run(launcher, p.helpOption());
        StringBuilder roff = new StringBuilder();
        roff.append(".TH ").append(p.command().toUpperCase(java.util.Locale.ROOT)).append(' ').append(p.section())
                .append(" \"\" \"secretsd ").append(version).append("\" \"")
                .append(p.section() == 8 ? "System Administration" : "User Commands").append("\"\n");
        roff.append(".SH NAME\n").append(p.command().replace("-", "\\-")).append(" \\- ").append(p.summary()).append('\n');
        roff.append(".SH SYNOPSIS\n");
        block(roff, help);
        for (String sub : subcommands(help)) {
            roff.append(".SH \"").append(p.command().toUpperCase(java.util.Locale.ROOT)).append(' ')
                    .append(sub.toUpperCase(java.util.Locale.ROOT)).append("\"\n");
            block(roff, usage(run(launcher, sub, "--help")));
        }
        roff.append(".SH EXIT STATUS\n0 on success, 1 on failure, 2 on bad usage.\n");
        roff.append(".SH SEE ALSO\n").append("/usr/share/doc/secretsd/examples/manifest.json\n");
        return roff.toString();
    }

    /** picocli lists subcommands under "Commands:", each on a line indented by two spaces. */
    static List<String> subcommands(String help) {
        List<String> subs = new ArrayList<>();
        boolean in = false;
        for (String line : help.lines().toList()) {
            if (line.equals("Commands:")) {
                in = true;
            } else if (in && line.matches("  [a-z][a-z0-9-]*(\\s.*)?")) {
                subs.add(line.strip().split("\\s+")[0]);
            } else if (in && !line.startsWith("   ")) {
                in = false;
            }
        }
        return subs;
    }

    /** Text shown as it is: no filling, backslashes and leading control characters escaped. */
    static void block(StringBuilder roff, String text) {
        roff.append(".nf\n");
        for (String line : text.stripTrailing().lines().toList()) {
            String l = line.replace("\\", "\\e");
            if (l.startsWith(".") || l.startsWith("'")) l = "\\&" + l;
            roff.append(l.isEmpty() ? "\\&" : l).append('\n');
        }
        roff.append(".fi\n");
    }

    /** A subcommand without a help option prints its usage after the complaint that names what is missing. */
    static String usage(String output) {
        int at = output.indexOf("Usage:");
        if (at < 0) throw new IllegalStateException("no usage in: " + output);
        return output.substring(at);
    }

    static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    static void gzip(String text, Path to) throws IOException, InterruptedException {
        Path plain = to.resolveSibling(to.getFileName().toString().replaceFirst("\\.gz$", ""));
        Files.writeString(plain, text);
        Files.deleteIfExists(to);
        Process p = new ProcessBuilder("gzip", "-9n", plain.toString()).inheritIO().start();
        if (p.waitFor() != 0) throw new IllegalStateException("gzip -9n " + plain + " exited " + p.exitValue());
    }
}
