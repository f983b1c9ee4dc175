package io.secretsd.cli;

/** A command line that cannot be carried out as given (exit status 2). */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}
