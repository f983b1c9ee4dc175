package io.secretsd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GoFlagsTest {
    static GoFlags parse(String... args) throws GoFlags.Refused {
        return GoFlags.parse(Set.of("check-mode"), Set.of("ignore-passwd"), List.of(args));
    }

    static String refusal(String... args) {
        return assertThrows(GoFlags.Refused.class, () -> parse(args)).getMessage();
    }

    @Test
    void everySpellingOfAValueFlag() throws Exception {
        for (List<String> args : List.of(List.of("-check-mode=manifest", "m"), List.of("--check-mode=manifest", "m"),
                List.of("-check-mode", "manifest", "m"), List.of("--check-mode", "manifest", "m"))) {
            GoFlags f = parse(args.toArray(String[]::new));
            assertEquals(Map.of("check-mode", "manifest"), f.flags(), args.toString());
            assertEquals(List.of("m"), f.arguments(), args.toString());
        }
    }

    @Test
    void booleansTakeNoSeparateValue() throws Exception {
        assertEquals(Map.of("ignore-passwd", "true"), parse("-ignore-passwd", "m").flags());
        assertEquals(Map.of("ignore-passwd", "true"), parse("--ignore-passwd=T", "m").flags());
        assertEquals(Map.of("ignore-passwd", "false"), parse("-ignore-passwd=0", "m").flags());
        // "-ignore-passwd false" is the flag, then two arguments, as in Go
        assertEquals(List.of("false", "m"), parse("-ignore-passwd", "false", "m").arguments());
        assertTrue(refusal("-ignore-passwd=maybe", "m").contains("invalid boolean value \"maybe\" for -ignore-passwd"));
    }

    @Test
    void flagsEndAtTheFirstArgumentOrDoubleDash() throws Exception {
        assertEquals(List.of("m", "-ignore-passwd"), parse("m", "-ignore-passwd").arguments());
        assertEquals(List.of("-m"), parse("-ignore-passwd", "--", "-m").arguments());
        assertEquals(List.of("-"), parse("-").arguments());
        assertEquals("manifest", parse("-check-mode=off", "-check-mode=manifest", "m").flags().get("check-mode"));
    }

    @Test
    void refusalsInGosWords() {
        assertEquals("flag provided but not defined: -frobnicate", refusal("-frobnicate", "m"));
        assertEquals("flag needs an argument: -check-mode", refusal("-check-mode"));
        assertEquals("bad flag syntax: ---check-mode", refusal("---check-mode", "m"));
        assertEquals("bad flag syntax: -=x", refusal("-=x", "m"));
        assertTrue(assertThrows(GoFlags.Refused.class, () -> parse("-help")).help);
        assertTrue(assertThrows(GoFlags.Refused.class, () -> parse("--h")).help);
    }
}
