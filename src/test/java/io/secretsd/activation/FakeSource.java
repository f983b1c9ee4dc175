package io.secretsd.activation;

import io.secretsd.manifest.Format;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Plaintext "sops files" in memory: file → key → value ("" = the whole file). Counts decryptions. */
final class FakeSource implements SecretSourceFactory, SecretSource {
    final Map<String, Map<String, byte[]>> files = new ConcurrentHashMap<>();
    final Set<String> undecryptable = ConcurrentHashMap.newKeySet();
    final Map<String, AtomicInteger> decrypts = new ConcurrentHashMap<>();
    volatile KeyInputs lastKeys;

    FakeSource put(String file, String key, String value) {
        files.computeIfAbsent(file, f -> new ConcurrentHashMap<>()).put(key, value.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    @Override
    public SecretSource open(KeyInputs keys, KeyReport report) {
        lastKeys = keys;
        keys.ageKeyFile().ifPresent(p -> report.imported(p, "age", "age1fake"));
        return this;
    }

    @Override
    public DecryptedFile decrypt(Path sopsFile, Format format) throws SourceException {
        String f = sopsFile.toString();
        decrypts.computeIfAbsent(f, k -> new AtomicInteger()).incrementAndGet();
        if (undecryptable.contains(f)) {
            throw new SourceException(SourceException.Reason.NO_MATCHING_KEY,
                    "no key could decrypt the data key of " + f);
        }
        Map<String, byte[]> values = files.get(f);
        if (values == null) {
            throw new SourceException(SourceException.Reason.UNREADABLE, "cannot read " + f);
        }
        return new DecryptedFile() {
            @Override
            public byte[] value(String key) throws SourceException {
                byte[] v = values.get(key);
                if (v == null) {
                    throw new SourceException(SourceException.Reason.KEY_NOT_FOUND, "the key '" + key
                            + "' cannot be found");
                }
                return v.clone();
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public List<String> missingKeys(Path sopsFile, Format format, List<String> keys) throws SourceException {
        Map<String, byte[]> values = files.get(sopsFile.toString());
        if (values == null) {
            throw new SourceException(SourceException.Reason.UNREADABLE, "cannot read " + sopsFile);
        }
        List<String> out = new ArrayList<>();
        for (String k : keys) {
            if (!values.containsKey(k)) {
                out.add("the key '" + k + "' cannot be found in " + sopsFile);
            }
        }
        return out;
    }
}
