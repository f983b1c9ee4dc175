package io.secretsd.sops;

import java.util.List;

/** A list; comment lines may stand between its elements. */
public record Sequence(List<Value> items) implements Value {
    public Sequence {
        items = List.copyOf(items);
    }
}
