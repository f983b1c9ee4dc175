package io.secretsd.sops;

import java.util.List;

/**
 * How to encrypt a plain document: key groups of wrappers (one group = every key holds the whole data key),
 * the Shamir threshold (0 = all groups), the encryption rule (null = {@code unencrypted_suffix: _unencrypted})
 * and whether the MAC covers only encrypted values.
 */
public record EncryptOptions(List<List<DataKeys.KeyWrapper>> keyGroups, int shamirThreshold, EncryptionRule rule,
                             boolean macOnlyEncrypted) {
    public EncryptOptions {
        keyGroups = keyGroups.stream().map(List::copyOf).toList();
        if (rule == null) rule = EncryptionRule.DEFAULT;
        if (shamirThreshold < 0) throw new IllegalArgumentException("negative Shamir threshold");
    }

    /** One group of recipients, default rule. */
    public static EncryptOptions to(List<DataKeys.KeyWrapper> recipients) {
        return new EncryptOptions(List.of(recipients), 0, null, false);
    }
}
