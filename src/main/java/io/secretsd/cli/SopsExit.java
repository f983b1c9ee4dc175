package io.secretsd.cli;

/**
 * A failure with sops' own exit status ({@code cmd/sops/codes}), so scripts written for sops see the same
 * numbers: 8 conflicting flags, 100 no file, 200 file not modified, 203 already encrypted, ...
 */
final class SopsExit extends RuntimeException {
    static final int CONFLICTING_PARAMETERS = 8;
    static final int INVALID_SET_FORMAT = 7;
    static final int CONFIG_NOT_FOUND = 61;
    static final int CANNOT_CHANGE_KEYS_OF_MISSING_FILE = 49;
    static final int INVALID_TREE_PATH = 91;
    static final int NO_FILE = 100;
    static final int COULD_NOT_RETRIEVE_KEY = 128;
    static final int NOT_MODIFIED = 200;
    static final int NO_EDITOR = 201;
    static final int ALREADY_ENCRYPTED = 203;

    private final int code;

    SopsExit(int code, String message) {
        super(message);
        this.code = code;
    }

    int code() {
        return code;
    }
}
