package io.secretsd.sops;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Parsers and the decryptor fed garbage or damaged files throw a {@link SopsException}, never an unchecked one. */
class GarbageProperties {
    private static final DataKeySource NO_KEYS = FakeKeys.source(Set.of());

    private static void mustRejectCleanly(byte[] in, Format f) {
        try {
            f.store().loadPlain(in, "garbage");
        } catch (SopsException e) {
            // typed: fine
        }
        try {
            Sops.decrypt("garbage", in, f, f, NO_KEYS, false);
        } catch (SopsException e) {
            // typed: fine
        }
    }

    @Provide
    Arbitrary<String> structured() {
        return Arbitraries.strings().withChars("{}[]\":,-#!&*|>'%@`=\n \tabc0123.\\sopsENC;_").ofMaxLength(80);
    }

    @Property(tries = 300)
    void randomBytes(@ForAll byte[] in) {
        for (Format f : Format.values()) mustRejectCleanly(in, f);
    }

    @Property(tries = 500)
    void structuredNoise(@ForAll("structured") String s) {
        for (Format f : Format.values()) mustRejectCleanly(s.getBytes(StandardCharsets.UTF_8), f);
    }

    @Provide
    Arbitrary<byte[]> damagedFiles() {
        return Arbitraries.of(encryptedSamples()).flatMap(sample -> Arbitraries.integers().between(0, sample.length - 1).list().ofMinSize(1).ofMaxSize(4)
                .flatMap(positions -> Arbitraries.bytes().list().ofSize(positions.size()).map(bytes -> {
                    byte[] copy = sample.clone();
                    for (int i = 0; i < positions.size(); i++) copy[positions.get(i)] = bytes.get(i);
                    return copy;
                })));
    }

    private static List<byte[]> samples;

    private static synchronized List<byte[]> encryptedSamples() {
        if (samples != null) return samples;
        try {
            String yaml = "a: 1\nb:\n    - x\n    # c\n    - 2.5\nc:\n    d: true\n";
            EncryptOptions two = new EncryptOptions(List.of(List.of(FakeKeys.wrapper("age1x")), List.of(FakeKeys.wrapper("age1y"))), 0, null, false);
            samples = List.of(
                    Sops.encrypt("f", yaml.getBytes(StandardCharsets.UTF_8), Format.YAML, Format.YAML, two),
                    Sops.encrypt("f", "{\"a\": [1, \"b\"]}".getBytes(StandardCharsets.UTF_8), Format.JSON, Format.JSON, EncryptOptions.to(List.of(FakeKeys.wrapper("age1x")))),
                    Sops.encrypt("f", "#c\nA=b\n".getBytes(StandardCharsets.UTF_8), Format.DOTENV, Format.DOTENV, two),
                    Sops.encrypt("f", "[s]\nk = v\n".getBytes(StandardCharsets.UTF_8), Format.INI, Format.INI, two),
                    Vectors.read("secrets.yaml"), Vectors.read("secrets.ini"), Vectors.read("secrets.env"));
            return samples;
        } catch (SopsException e) {
            throw new AssertionError(e);
        }
    }

    @Property(tries = 300)
    void damagedEncryptedFiles(@ForAll("damagedFiles") byte[] in) {
        Set<String> all = new HashSet<>(List.of("age1x", "age1y"));
        for (Format f : Format.values()) {
            try {
                Sops.decrypt("damaged", in, f, f, FakeKeys.source(all), false);
            } catch (SopsException e) {
                // typed: fine
            }
        }
    }
}
