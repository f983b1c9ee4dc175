package io.secretsd.ssh;

/** The key file or key line does not follow its format; {@link #field()} names the part that is wrong. */
public final class MalformedKeyException extends SshKeyException {
    private final String field;

    public MalformedKeyException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    public MalformedKeyException(String field, String problem, Throwable cause) {
        super(field + ": " + problem, cause);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
