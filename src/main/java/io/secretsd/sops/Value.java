package io.secretsd.sops;

/**
 * A node of a sops tree: what every store parses into and emits from. Mapping keys and list indexes are
 * structure; leaves are {@link Scalar}s, {@link Null}s and {@link Comment}s.
 */
public sealed interface Value permits Mapping, Sequence, Scalar, Comment, Null {}
