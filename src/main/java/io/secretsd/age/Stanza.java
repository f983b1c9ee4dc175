package io.secretsd.age;

import java.util.List;

/**
 * One recipient stanza of an age header: {@code -> type args...} and its body.
 * The body may hold a wrapped file key, so it is never part of {@link #toString()}.
 */
public record Stanza(String type, List<String> args, byte[] body) {
    public Stanza {
        args = List.copyOf(args);
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public String toString() {
        return "Stanza[" + type + " " + String.join(" ", args) + ", " + body.length + " byte body]";
    }
}
