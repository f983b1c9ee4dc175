package io.secretsd.sops;

import io.secretsd.age.Identity;
import io.secretsd.age.IdentityFile;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code SOPS_AGE_KEY_CMD}: for an age entry the other identities do not open, the command is run with
 * {@code SOPS_AGE_RECIPIENT} set to the entry's recipient, and the identities it prints are tried (once per
 * recipient, as sops asks per key).
 */
final class CommandAgeKeys implements DataKeySource {
    static final String VARIABLE = "SOPS_AGE_KEY_CMD";

    private final DataKeySource first;
    private final String command;
    private final Map<String, AgeKeySource> byRecipient = new HashMap<>();

    CommandAgeKeys(DataKeySource first, String command) {
        this.first = first;
        this.command = command;
    }

    @Override
    public byte[] open(MasterKey key) throws KeyUnwrapException {
        KeyUnwrapException firstFailure;
        try {
            return first.open(key);
        } catch (KeyUnwrapException e) {
            if (!(key instanceof MasterKey.AgeKey a)) throw e;
            firstFailure = e;
            AgeKeySource fromCommand = byRecipient.get(a.recipient());
            if (fromCommand == null) {
                try {
                    fromCommand = new AgeKeySource(load(a.recipient()), List.of());
                } catch (IOException io) {
                    throw new KeyUnwrapException(firstFailure.getMessage() + "; " + io.getMessage());
                }
                byRecipient.put(a.recipient(), fromCommand);
            }
            try {
                return fromCommand.open(a);
            } catch (KeyUnwrapException again) {
                throw new KeyUnwrapException(firstFailure.getMessage() + "; " + VARIABLE + ": " + again.getMessage());
            }
        }
    }

    private List<Identity> load(String recipient) throws IOException {
        byte[] out = KeyCommand.run(VARIABLE, command, Map.of("SOPS_AGE_RECIPIENT", recipient));
        try {
            return IdentityFile.parse(VARIABLE, out);
        } finally {
            Arrays.fill(out, (byte) 0);
        }
    }
}
