package io.secretsd.sops;

/** A null leaf: neither encrypted nor part of the MAC. */
public record Null() implements Value {
    public static final Null NULL = new Null();
}
