package io.secretsd.sops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.secretsd.sops.Mapping.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Random documents survive encrypt → decrypt through every store and 1, 2 and 3 key groups. */
class RoundTripProperties {

    // ---- generators ----

    private static Arbitrary<String> text() {
        Arbitrary<Character> chars = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(10, Arbitraries.chars().alpha()),
                net.jqwik.api.Tuple.of(3, Arbitraries.chars().numeric()),
                net.jqwik.api.Tuple.of(3, Arbitraries.chars().with(' ', ':', '#', '-', '\'', '"', '\\', '\n', '\t', '[', '{', '&', '*', '!', '|', '>', '%', '@', '`', ',', '?')),
                net.jqwik.api.Tuple.of(2, Arbitraries.chars().range('\u00a0', '\u024f')),
                net.jqwik.api.Tuple.of(1, Arbitraries.chars().with('\u0085', '\u2028', '\ufeff', '\u0007', '\u001b', '\r', 'é', '中', '\u00ff')));
        return chars.list().ofMaxSize(12).map(l -> {
            StringBuilder b = new StringBuilder();
            l.forEach(b::append);
            return b.toString();
        });
    }

    private static Arbitrary<String> plainText() {
        return Arbitraries.strings().alpha().numeric().withChars(' ', '_', '.', '/', 'é', '中').ofMinLength(1).ofMaxLength(10)
                .filter(s -> !s.isBlank() && s.strip().equals(s));
    }

    private static Arbitrary<Value> leaf(boolean json) {
        List<Arbitrary<? extends Value>> l = new ArrayList<>(List.of(
                text().map(Scalar::str),
                Arbitraries.longs().map(Scalar::integer),
                Arbitraries.integers().between(-100000, 100000).map(i -> Scalar.floating(i + 0.25)),
                Arbitraries.of(true, false).map(Scalar::bool),
                Arbitraries.just(Null.NULL),
                Arbitraries.just(Scalar.str(""))));
        if (!json) l.add(Arbitraries.longs().between(0, 4_000_000_000L).map(s ->
                Scalar.time(java.time.OffsetDateTime.ofInstant(java.time.Instant.ofEpochSecond(s, s % 3 == 0 ? 0 : 123456789), java.time.ZoneOffset.UTC))));
        @SuppressWarnings("unchecked")
        Arbitrary<Value>[] arr = l.toArray(new Arbitrary[0]);
        return Arbitraries.oneOf(List.of(arr));
    }

    private static Arbitrary<Comment> comment() {
        return plainText().map(s -> new Comment(" " + s));
    }

    private static Arbitrary<Value> value(int depth, boolean json) {
        if (depth == 0) return leaf(json);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, leaf(json)),
                net.jqwik.api.Tuple.of(1, mapping(depth - 1, json).map(m -> (Value) m)),
                net.jqwik.api.Tuple.of(1, sequence(depth - 1, json).map(s -> (Value) s)));
    }

    private static Arbitrary<Sequence> sequence(int depth, boolean json) {
        Arbitrary<Value> item = json ? value(depth, true)
                : Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(5, value(depth, false)), net.jqwik.api.Tuple.of(1, comment().map(c -> (Value) c)));
        // a list of only comments has nowhere to put them in YAML: yaml.v3 moves them too
        return item.list().ofMaxSize(4).map(l -> l.stream().allMatch(x -> x instanceof Comment) ? List.<Value>of() : l)
                .map(l -> l.stream().map(RoundTripProperties::withoutLeadingComments).toList()).map(Sequence::new);
    }

    /**
     * A comment at the very start of a list that is itself a list item (before its first item, or inside its
     * first item) is written after the outer item's dash and read back as the outer list's: a known
     * limitation of the YAML writer (closing note of the sops issue), so such documents are not generated.
     */
    private static Value withoutLeadingComments(Value v) {
        return v instanceof Sequence s ? new Sequence(stripLeading(s.items())) : v;
    }

    private static List<Value> stripLeading(List<Value> items) {
        List<Value> out = new ArrayList<>(items);
        while (!out.isEmpty() && out.getFirst() instanceof Comment) out.removeFirst();
        if (!out.isEmpty() && out.getFirst() instanceof Sequence inner) out.set(0, new Sequence(stripLeading(inner.items())));
        if (!out.isEmpty() && out.getFirst() instanceof Mapping m) {
            List<Mapping.Item> fields = new ArrayList<>(m.items());
            while (!fields.isEmpty() && fields.getFirst() instanceof Comment) fields.removeFirst();
            out.set(0, new Mapping(fields));
        }
        return out;
    }

    static Arbitrary<Mapping> mapping(int depth, boolean json) {
        Arbitrary<Mapping.Item> field = Combinators.combine(text().filter(k -> !k.equals("sops")), value(depth, json)).as(Field::new);
        Arbitrary<Mapping.Item> item = json ? field
                : Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(5, field), net.jqwik.api.Tuple.of(1, comment().map(c -> (Mapping.Item) c)));
        return item.list().ofMaxSize(5).map(RoundTripProperties::uniqueKeys)
                .map(m -> depth < 3 && m.fields().isEmpty() ? new Mapping(List.of()) : m);
    }

    private static Mapping uniqueKeys(List<Mapping.Item> items) {
        Set<String> seen = new HashSet<>();
        List<Mapping.Item> out = new ArrayList<>();
        for (Mapping.Item i : items) if (!(i instanceof Field f) || seen.add(f.key())) out.add(i);
        return new Mapping(out);
    }

    @Provide
    Arbitrary<Document> yamlDocs() {
        return mapping(3, false).list().ofMinSize(1).ofMaxSize(3).map(Document::new);
    }

    @Provide
    Arbitrary<Document> jsonDocs() {
        return mapping(3, true).map(Document::of);
    }

    @Provide
    Arbitrary<Document> dotenvDocs() {
        Arbitrary<String> key = Arbitraries.strings().alpha().numeric().withChars('_', '.', ' ').ofMinLength(1).ofMaxLength(10)
                .filter(k -> !k.startsWith("sops_") && !k.startsWith("#"));
        Arbitrary<String> val = Arbitraries.strings().all().ofMaxLength(12)
                .filter(v -> v.codePoints().allMatch(c -> c != '\\' && !(c >= 0xD800 && c <= 0xDFFF)));
        Arbitrary<Mapping.Item> field = Combinators.combine(key, val).as((k, v) -> new Field(k, Scalar.str(v)));
        Arbitrary<Mapping.Item> com = Arbitraries.strings().all().ofMaxLength(10)
                .filter(v -> v.codePoints().allMatch(c -> c != '\n' && !(c >= 0xD800 && c <= 0xDFFF))).map(Comment::new);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, field), net.jqwik.api.Tuple.of(1, com)).list().ofMaxSize(6)
                .map(items -> Document.of(new Mapping(items)));
    }

    @Provide
    Arbitrary<Document> iniDocs() {
        Arbitrary<String> name = Arbitraries.strings().alpha().numeric().withChars('_', '.', '-', ' ', '!').ofMinLength(1).ofMaxLength(8)
                .map(String::strip).filter(n -> !n.isEmpty() && !n.equals("sops") && !n.equals("DEFAULT"));
        Arbitrary<String> val = Arbitraries.strings().alpha().numeric().withChars(' ', '#', ';', '=', ':', '\n', '`', 'é', '\'')
                .ofMaxLength(12).filter(v -> !v.endsWith("\\") && !(v.contains("`") && v.contains("\n")) || v.contains("\n") && !v.contains("\"\"\""))
                .filter(v -> !(v.length() >= 2 && v.startsWith("'") && v.endsWith("'")));
        Arbitrary<String> comText = Arbitraries.strings().alpha().numeric().withChars(' ', '.', '!').ofMinLength(1).ofMaxLength(10)
                .map(String::strip).filter(s -> !s.isEmpty());
        Arbitrary<List<Mapping.Item>> keyItems = Combinators.combine(name, val, comText.injectNull(0.7))
                .as((k, v, c) -> {
                    List<Mapping.Item> l = new ArrayList<>();
                    l.add(new Field(k, Scalar.str(v)));
                    if (c != null) l.add(new Comment(c));
                    return l;
                });
        Arbitrary<Mapping> section = Combinators.combine(comText.injectNull(0.5), keyItems.list().ofMaxSize(4)).as((c, ks) -> {
            List<Mapping.Item> items = new ArrayList<>();
            if (c != null) items.add(new Comment(c));
            Set<String> seen = new HashSet<>();
            for (List<Mapping.Item> k : ks) if (seen.add(((Field) k.getFirst()).key())) items.addAll(k);
            return new Mapping(items);
        });
        return Combinators.combine(name, section).as(Field::new).list().ofMaxSize(3)
                .map(l -> Document.of(uniqueKeys(new ArrayList<>(l))));
    }

    // ---- properties ----

    private static EncryptOptions options(int groups) {
        List<List<DataKeys.KeyWrapper>> g = new ArrayList<>();
        for (int i = 0; i < groups; i++) g.add(List.of(FakeKeys.wrapper("age1group" + i + "a"), FakeKeys.wrapper("age1group" + i + "b")));
        return new EncryptOptions(g, groups == 3 ? 2 : 0, null, false);
    }

    /** Encrypts, then decrypts with only the second key of each group (and without group 1 of 3). */
    private static Document roundTrip(Document doc, Format f, int groups) throws SopsException {
        Store store = f.store();
        byte[] plain = store.emitPlain(doc);
        Document expected = store.loadPlain(plain, "plain");
        byte[] enc = Sops.encrypt("file", plain, f, f, options(groups));
        Set<String> openable = new HashSet<>();
        // with 3 groups and threshold 2, leave group 1 closed; otherwise every group is needed
        for (int i = groups == 3 ? 1 : 0; i < groups; i++) openable.add("age1group" + i + "b");
        try (Sops.Decrypted d = Sops.decrypt(Sops.load("file", enc, f), FakeKeys.source(openable), false)) {
            assertEquals(expected, d.document(), () -> "plain:\n" + new String(plain, StandardCharsets.UTF_8) + "\nencrypted:\n" + new String(enc, StandardCharsets.UTF_8));
            assertEquals(new String(plain, StandardCharsets.UTF_8), new String(store.emitPlain(d.document()), StandardCharsets.UTF_8));
        }
        return expected;
    }

    @Property(tries = 150)
    void yaml(@ForAll("yamlDocs") Document doc, @ForAll @IntRange(min = 1, max = 3) int groups) throws SopsException {
        Document reread = roundTrip(doc, Format.YAML, groups);
        // comments leading a list item move from the item to the list (as with yaml.v3); the text is the same
        assertEquals(YamlWriter.write(doc.branches()), YamlWriter.write(reread.branches()));
    }

    @Property(tries = 150)
    void json(@ForAll("jsonDocs") Document doc, @ForAll @IntRange(min = 1, max = 3) int groups) throws SopsException {
        assertEquals(doc, roundTrip(doc, Format.JSON, groups));
    }

    @Property(tries = 100)
    void dotenv(@ForAll("dotenvDocs") Document doc, @ForAll @IntRange(min = 1, max = 3) int groups) throws SopsException {
        assertEquals(doc, roundTrip(doc, Format.DOTENV, groups));
    }

    @Property(tries = 100)
    void ini(@ForAll("iniDocs") Document doc, @ForAll @IntRange(min = 1, max = 3) int groups) throws SopsException {
        assertEquals(doc, roundTrip(doc, Format.INI, groups));
    }

    @Property(tries = 50)
    void binary(@ForAll byte[] data, @ForAll @IntRange(min = 1, max = 3) int groups) throws SopsException {
        byte[] enc = Sops.encrypt("file", data, Format.BINARY, Format.BINARY, options(groups));
        Set<String> all = new HashSet<>();
        for (int i = 0; i < groups; i++) all.add("age1group" + i + "a");
        byte[] out = Sops.decrypt("file", enc, Format.BINARY, Format.BINARY, FakeKeys.source(all), false);
        org.junit.jupiter.api.Assertions.assertArrayEquals(data, out);
    }
}
