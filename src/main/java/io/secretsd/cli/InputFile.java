package io.secretsd.cli;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** A command's input: a file, or stdin when none (or "-") is given. */
final class InputFile {
    private InputFile() {}

    static InputStream open(Path path) throws IOException {
        if (path == null || path.toString().equals("-")) {
            return new FilterInputStream(System.in) {
                @Override
                public void close() {}
            };
        }
        return Files.newInputStream(path);
    }

    static String name(Path path) {
        return path == null || path.toString().equals("-") ? "<stdin>" : path.toString();
    }
}
