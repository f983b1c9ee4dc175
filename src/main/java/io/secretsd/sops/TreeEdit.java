package io.secretsd.sops;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code sops set} and {@code sops unset} on a plaintext tree ({@code TreeBranch.Set/Unset}): a path of mapping
 * keys and list indexes, missing mappings created on the way, an index past the end appending. List indexes
 * count values only, as {@code --extract} does, so comment lines never shift them.
 */
public final class TreeEdit {
    private TreeEdit() {}

    /** A new tree and whether anything differs from the old one. */
    public record Result(Document document, boolean changed) {}

    /** Parses sops' set VALUE: any JSON value ({@code "text"}, {@code 2}, {@code {"a": 1}}, ...). */
    public static Value jsonValue(String json) throws SopsFormatException {
        return JsonReader.parseValue(json, "the value");
    }

    public static Result set(Document doc, List<Object> path, Value value) throws ExtractException {
        if (path.isEmpty()) throw new ExtractException("the index is empty: give at least one [\"key\"]");
        List<Mapping> branches = new ArrayList<>(doc.branches());
        if (branches.isEmpty()) branches.add(new Mapping(List.of()));
        boolean[] changed = {false};
        Value root = set(branches.getFirst(), path, 0, value, changed);
        if (!(root instanceof Mapping m)) throw new ExtractException("the top level must stay a mapping");
        branches.set(0, m);
        return new Result(new Document(branches), changed[0]);
    }

    private static Value set(Value node, List<Object> path, int i, Value value, boolean[] changed) throws ExtractException {
        Object step = path.get(i);
        boolean last = i == path.size() - 1;
        if (node instanceof Mapping m && step instanceof String key) {
            List<Mapping.Item> items = new ArrayList<>(m.items());
            for (int j = 0; j < items.size(); j++) {
                if (items.get(j) instanceof Mapping.Field f && f.key().equals(key)) {
                    Value next = last ? value : set(f.value(), path, i + 1, value, changed);
                    if (last && !f.value().equals(value)) changed[0] = true;
                    items.set(j, new Mapping.Field(key, next));
                    return new Mapping(items);
                }
            }
            items.add(new Mapping.Field(key, fresh(path, i + 1, value)));
            changed[0] = true;
            return new Mapping(items);
        }
        if (node instanceof Sequence q && step instanceof Integer index) {
            List<Value> items = new ArrayList<>(q.items());
            int at = position(items, index);
            if (at < 0) {
                items.add(fresh(path, i + 1, value));
                changed[0] = true;
                return new Sequence(items);
            }
            Value old = items.get(at);
            Value next = last ? value : set(old, path, i + 1, value, changed);
            if (last && !old.equals(value)) changed[0] = true;
            items.set(at, next);
            return new Sequence(items);
        }
        // a leaf, or a step of the other kind: replaced by the path from here, as sops does
        changed[0] = true;
        return fresh(path, i, value);
    }

    /** The value that {@code path[i..]} leading to {@code value} makes from nothing. */
    private static Value fresh(List<Object> path, int i, Value value) {
        if (i == path.size()) return value;
        Value inner = fresh(path, i + 1, value);
        if (path.get(i) instanceof String key) return new Mapping(List.of(new Mapping.Field(key, inner)));
        return new Sequence(List.of(inner));
    }

    /** Removes the value at {@code path}; an error names the first step that does not exist. */
    public static Document unset(Document doc, List<Object> path) throws ExtractException {
        if (path.isEmpty()) throw new ExtractException("the index is empty: give at least one [\"key\"]");
        if (doc.branches().isEmpty()) throw notFound(path, 0);
        List<Mapping> branches = new ArrayList<>(doc.branches());
        branches.set(0, (Mapping) unset(branches.getFirst(), path, 0));
        return new Document(branches);
    }

    private static Value unset(Value node, List<Object> path, int i) throws ExtractException {
        Object step = path.get(i);
        boolean last = i == path.size() - 1;
        if (node instanceof Mapping m && step instanceof String key) {
            List<Mapping.Item> items = new ArrayList<>(m.items());
            for (int j = 0; j < items.size(); j++) {
                if (items.get(j) instanceof Mapping.Field f && f.key().equals(key)) {
                    if (last) items.remove(j);
                    else items.set(j, new Mapping.Field(key, unset(f.value(), path, i + 1)));
                    return new Mapping(items);
                }
            }
            throw notFound(path, i);
        }
        if (node instanceof Sequence q && step instanceof Integer index) {
            List<Value> items = new ArrayList<>(q.items());
            int at = position(items, index);
            if (at < 0) throw notFound(path, i);
            if (last) items.remove(at);
            else items.set(at, unset(items.get(at), path, i + 1));
            return new Sequence(items);
        }
        throw notFound(path, i);
    }

    /** The list position of value number {@code index} (comments skipped), or -1. */
    private static int position(List<Value> items, int index) {
        int n = 0;
        for (int j = 0; j < items.size(); j++) {
            if (items.get(j) instanceof Comment) continue;
            if (n++ == index) return j;
        }
        return -1;
    }

    private static ExtractException notFound(List<Object> path, int i) {
        StringBuilder where = new StringBuilder();
        for (int j = 0; j <= i; j++) where.append('[').append(path.get(j) instanceof String s ? '"' + s + '"' : path.get(j)).append(']');
        return new ExtractException("component " + where + " not found");
    }
}
