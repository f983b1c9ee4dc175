package io.secretsd.sops;

import java.util.ArrayList;
import java.util.List;

/** An ordered mapping whose items are fields and comment lines, in document order (sops' TreeBranch). */
public record Mapping(List<Item> items) implements Value {
    /** One entry of a mapping: a key with its value, or a comment line standing between keys. */
    public sealed interface Item permits Field, Comment {}

    /** A mapping key and its value. */
    public record Field(String key, Value value) implements Item {}

    public Mapping {
        items = List.copyOf(items);
    }

    public static Mapping of(List<? extends Item> items) {
        return new Mapping(List.copyOf(items));
    }

    /** The value under {@code key}, or null. */
    public Value get(String key) {
        for (Item i : items) if (i instanceof Field f && f.key().equals(key)) return f.value();
        return null;
    }

    public List<Field> fields() {
        List<Field> out = new ArrayList<>();
        for (Item i : items) if (i instanceof Field f) out.add(f);
        return out;
    }

    public Mapping without(String key) {
        List<Item> out = new ArrayList<>();
        for (Item i : items) if (!(i instanceof Field f && f.key().equals(key))) out.add(i);
        return new Mapping(out);
    }

    public Mapping with(String key, Value value) {
        List<Item> out = new ArrayList<>(items);
        out.add(new Field(key, value));
        return new Mapping(out);
    }
}
