package io.secretsd.sops;

/**
 * One comment line without its leading {@code #} (a following space is kept, as sops keeps it).
 * Comments are encrypted like values, so the text is never part of {@link #toString()}.
 */
public record Comment(String text) implements Value, Mapping.Item {
    @Override
    public String toString() {
        return "Comment[" + text.length() + " chars]";
    }
}
