package io.secretsd.sops;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which leaves get encrypted ({@code Tree.shouldBeEncrypted}). A file carries at most one rule; without one,
 * {@code unencrypted_suffix: _unencrypted} applies.
 */
public record EncryptionRule(Kind kind, String value) {
    public enum Kind {
        UNENCRYPTED_SUFFIX("unencrypted_suffix"), ENCRYPTED_SUFFIX("encrypted_suffix"),
        UNENCRYPTED_REGEX("unencrypted_regex"), ENCRYPTED_REGEX("encrypted_regex"),
        UNENCRYPTED_COMMENT_REGEX("unencrypted_comment_regex"), ENCRYPTED_COMMENT_REGEX("encrypted_comment_regex");

        private final String field;

        Kind(String field) {
            this.field = field;
        }

        /** The metadata field that holds this rule. */
        public String field() {
            return field;
        }
    }

    public static final EncryptionRule DEFAULT = new EncryptionRule(Kind.UNENCRYPTED_SUFFIX, "_unencrypted");

    public EncryptionRule {
        if (kind == null || value == null || value.isEmpty()) throw new IllegalArgumentException("empty encryption rule");
    }

    /** Checks that a regex rule compiles, before any value is touched. */
    public void validate() throws SopsFormatException {
        if (isRegex()) {
            try {
                Pattern.compile(value);
            } catch (PatternSyntaxException e) {
                throw new SopsFormatException("sops metadata: " + kind.field() + " is not a valid regular expression");
            }
        }
    }

    private boolean isRegex() {
        return kind != Kind.UNENCRYPTED_SUFFIX && kind != Kind.ENCRYPTED_SUFFIX;
    }

    /** A compiled form for one walk over a tree. */
    Matcher matcher() {
        return new Matcher(this, isRegex() ? Pattern.compile(value) : null);
    }

    record Matcher(EncryptionRule rule, Pattern pattern) {
        /**
         * @param path the mapping keys from the root down to the leaf (for a comment, the enclosing path)
         * @param comments the comment lines preceding the value at each level of the walk
         */
        boolean shouldBeEncrypted(List<String> path, List<List<String>> comments, boolean isComment) {
            String v = rule.value();
            return switch (rule.kind()) {
                case UNENCRYPTED_SUFFIX -> path.stream().noneMatch(p -> p.endsWith(v));
                case ENCRYPTED_SUFFIX -> path.stream().anyMatch(p -> p.endsWith(v));
                case UNENCRYPTED_REGEX -> path.stream().noneMatch(p -> pattern.matcher(p).find());
                case ENCRYPTED_REGEX -> path.stream().anyMatch(p -> pattern.matcher(p).find());
                case UNENCRYPTED_COMMENT_REGEX ->
                        comments.stream().flatMap(List::stream).noneMatch(c -> pattern.matcher(c).find());
                case ENCRYPTED_COMMENT_REGEX -> {
                    // The comment line that matches is itself left in the clear: skip the last line of the innermost level.
                    for (int i = 0; i < comments.size(); i++) {
                        List<String> level = comments.get(i);
                        for (int j = 0; j < level.size(); j++) {
                            if (isComment && i == comments.size() - 1 && j == level.size() - 1) continue;
                            if (pattern.matcher(level.get(j)).find()) yield true;
                        }
                    }
                    yield false;
                }
            };
        }
    }
}
