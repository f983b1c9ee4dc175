package io.secretsd.cli;

import io.secretsd.sops.Emit;
import io.secretsd.sops.Format;
import io.secretsd.sops.config.ConfigFile;
import io.secretsd.sops.config.ConfigLookup;
import io.secretsd.sops.config.CreationRule;
import io.secretsd.sops.config.Stores;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The file a sops verb works on, as sops sees it: a path or stdin ({@code -}, {@code /dev/stdin}, or none),
 * the name that picks formats and the creation rule ({@code --filename-override}, else the path), and the
 * {@code .sops.yaml} in force ({@code --config}, else the first found from the working directory up).
 */
final class SopsTarget {
    private final Path file;
    private final Path ruleName;
    private final SopsOptions opts;
    private final Optional<ConfigFile> config;

    private SopsTarget(Path file, Path ruleName, SopsOptions opts, Optional<ConfigFile> config) {
        this.file = file;
        this.ruleName = ruleName;
        this.opts = opts;
        this.config = config;
    }

    static boolean isStdin(String arg) {
        return arg == null || arg.equals("-") || arg.equals("/dev/stdin");
    }

    /** A file that must exist, or stdin when {@code stdinAllowed}. */
    static SopsTarget of(String arg, SopsOptions opts, boolean stdinAllowed) throws IOException {
        Path file = null;
        if (isStdin(arg)) {
            if (!stdinAllowed) throw new SopsExit(SopsExit.NO_FILE, "no file specified");
        } else {
            file = Path.of(arg);
            if (!Files.exists(file)) throw new SopsExit(SopsExit.NO_FILE, file + ": cannot operate on a non-existent file");
        }
        return at(file, opts);
    }

    /** A path that may not exist yet ({@code edit} creates it). */
    static SopsTarget at(Path file, SopsOptions opts) throws IOException {
        Path ruleName = opts.filenameOverride != null ? opts.filenameOverride : file;
        return new SopsTarget(file, ruleName, opts, loadConfig(opts.config));
    }

    private static Optional<ConfigFile> loadConfig(Path explicit) throws IOException {
        if (explicit != null) {
            if (!Files.exists(explicit)) throw new SopsExit(SopsExit.CONFIG_NOT_FOUND, explicit + ": config file not found");
            return Optional.of(ConfigFile.load(explicit));
        }
        Optional<Path> found = ConfigLookup.find(Path.of("").toAbsolutePath(), w -> System.err.println("secretsctl: warning: " + w));
        return found.isPresent() ? Optional.of(ConfigFile.load(found.get())) : Optional.empty();
    }

    boolean isStdin() {
        return file == null;
    }

    Path file() {
        return file;
    }

    /** The name in messages. */
    String name() {
        return file == null ? (opts.filenameOverride != null ? opts.filenameOverride.toString() : "<stdin>") : file.toString();
    }

    byte[] read() throws IOException {
        if (file == null) {
            try (InputStream in = InputFile.open(null)) {
                return in.readAllBytes();
            }
        }
        return Files.readAllBytes(file);
    }

    /** Whether the input format is binary only because the name has no extension sops knows. */
    boolean formatGuessed() {
        return opts.inputType == null && (ruleName == null || !Format.knownExtension(ruleName.getFileName().toString()));
    }

    Format inputFormat() {
        if (opts.inputType != null) return parse(opts.inputType);
        return ruleName == null ? Format.BINARY : Format.fromFileName(ruleName.getFileName().toString());
    }

    Format outputFormat() {
        return opts.outputType != null ? parse(opts.outputType) : inputFormat();
    }

    private static Format parse(String type) {
        try {
            return Format.parse(type);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    Emit emit(Format format) {
        Stores s = config.map(ConfigFile::stores).orElse(Stores.DEFAULT);
        if (opts.indent != null) s = s.withIndent(opts.indent);
        return new Emit(format, s.yamlIndent(), s.jsonIndent(), s.jsonBinaryIndent());
    }

    Emit emit() {
        return emit(outputFormat());
    }

    /** The creation rule for this file: empty without a config (or one without creation rules). */
    Optional<CreationRule> rule() throws IOException {
        if (config.isEmpty()) return Optional.empty();
        return config.get().ruleFor(ruleName == null ? Path.of("") : ruleName);
    }
}
