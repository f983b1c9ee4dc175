package io.secretsd.sops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scalar styles as yaml.v3 chooses them, and YAML input sops rejects. */
class YamlStoreTest {
    private static String emit(String value) {
        Mapping m = new Mapping(List.of(new Mapping.Field("k", Scalar.str(value))));
        return new String(new YamlStore().emitPlain(Document.of(m)), StandardCharsets.UTF_8);
    }

    @Test
    void quotingFollowsYamlV3() throws Exception {
        String[][] cases = {
                {"plain", "k: plain\n"}, {"ünï ✓", "k: ünï ✓\n"}, {"it's", "k: it's\n"},
                {"", "k: \"\"\n"}, {"yes", "k: \"yes\"\n"}, {"123", "k: \"123\"\n"}, {"1.5", "k: \"1.5\"\n"}, {"0x1F", "k: \"0x1F\"\n"},
                {"null", "k: \"null\"\n"}, {"2024-01-01", "k: \"2024-01-01\"\n"}, {"1:20", "k: \"1:20\"\n"},
                {"a: b", "k: 'a: b'\n"}, {" lead", "k: ' lead'\n"}, {"trail ", "k: 'trail '\n"}, {"#x", "k: '#x'\n"},
                {"x #y", "k: 'x #y'\n"}, {"- x", "k: '- x'\n"}, {"*a", "k: '*a'\n"}, {"tab\t", "k: \"tab\\t\"\n"},
                {"line\u2028sep", "k: \"line\\Lsep\"\n"}, {"multi\nline", "k: |-\n    multi\n    line\n"}, {"end\n", "k: |\n    end\n"},
                {" indented\nx", "k: |4-\n     indented\n    x\n"}, {"keep\n\n", "k: |+\n    keep\n\n"},
        };
        for (String[] c : cases) {
            String out = emit(c[0]);
            assertEquals(c[1], out, c[0]);
            Value back = new YamlStore().loadPlain(out.getBytes(StandardCharsets.UTF_8), "t").branches().getFirst().get("k");
            assertEquals(Scalar.str(c[0]), back, c[0]);
        }
    }

    @Test
    void aLiteralStartingWithASpaceReadsBackAtEveryDepthAndIndent() throws Exception {
        Scalar v = Scalar.str(" lead\nnext");
        Mapping inList = new Mapping(List.of(new Mapping.Field("", v), new Mapping.Field("b", v)));
        Mapping top = new Mapping(List.of(
                new Mapping.Field("k", v),
                new Mapping.Field("list", new Sequence(List.of(v, inList, new Sequence(List.of(v, inList))))),
                new Mapping.Field("nested", new Mapping(List.of(new Mapping.Field("k", v), new Mapping.Field("l", new Sequence(List.of(inList))))))));
        for (int indent : new int[] {2, 3, 4, 6}) {
            byte[] out = new YamlStore(indent).emitPlain(Document.of(top));
            Document back = new YamlStore().loadPlain(out, "t");
            assertEquals(Document.of(top), back, () -> "indent " + indent + ":\n" + new String(out, StandardCharsets.UTF_8));
        }
    }

    @Test
    void rejectsWhatSopsRejects() {
        for (String bad : List.of("- a\n- b\n", "just a string\n", "1: x\n", "a: 1\na: 2\n", "? [a]\n: x\n", "a: *nope\n", "a: 18446744073709551615\n", "a: [\n")) {
            assertThrows(SopsFormatException.class, () -> new YamlStore().loadPlain(bad.getBytes(StandardCharsets.UTF_8), "t"), bad);
        }
    }
}
