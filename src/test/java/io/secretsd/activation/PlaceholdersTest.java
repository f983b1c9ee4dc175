package io.secretsd.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlaceholdersTest {
    static final Map<String, String> PH = Map.of("a", Placeholders.of("a"), "b", Placeholders.of("b"),
            "c", Placeholders.of("c"), "odd", "@@odd@@");

    static Set<String> used(String text) {
        return Placeholders.used(text.getBytes(StandardCharsets.UTF_8), PH);
    }

    @Test
    void findsTheSecretsATemplateUses() {
        assertEquals(Set.of("a", "c"), used("x=" + PH.get("a") + "\ny=" + PH.get("c") + PH.get("a") + "\n"));
        assertEquals(Set.of(), used("nothing <SOPS: here <SOPS:0000:PLACEHOLDER> >"));
        assertEquals(Set.of("b"), used("<SOPS:" + PH.get("b") + ">"));
        assertEquals(Set.of("odd"), used("é @@odd@@"));
        assertEquals(Set.of(), used(PH.get("a").substring(0, 20)));
    }
}
