package io.secretsd.sops.config;

import io.secretsd.sops.EncryptionRule;
import java.util.List;

/**
 * One entry of {@code creation_rules}, resolved: the key groups it names (a rule without {@code key_groups}
 * gives one group of its top-level keys, which may be empty: sops then refuses to create a data key), the Shamir
 * threshold (0 = all groups), the encryption rule (null = the default) and {@code mac_only_encrypted}.
 */
public record CreationRule(String pathRegex, List<List<KeySpec>> keyGroups, int shamirThreshold, EncryptionRule rule,
                           boolean macOnlyEncrypted) {
    public CreationRule {
        keyGroups = keyGroups.stream().map(List::copyOf).toList();
    }
}
