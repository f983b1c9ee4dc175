package io.secretsd.sops;

import io.secretsd.age.Identity;
import io.secretsd.age.IdentityFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code SOPS_AGE_KEY_CMD} and {@code SOPS_AGE_SSH_PRIVATE_KEY_CMD}: for an age entry the other identities do
 * not open, each command is run with {@code SOPS_AGE_RECIPIENT} set to the entry's recipient, as sops asks per
 * key, and the identities it prints (age identities, or one SSH private key) are tried. A command runs at most
 * once per recipient.
 */
final class CommandAgeKeys implements DataKeySource {
    static final String AGE_KEY_CMD = "SOPS_AGE_KEY_CMD";
    static final String SSH_KEY_CMD = "SOPS_AGE_SSH_PRIVATE_KEY_CMD";

    private final DataKeySource first;
    private final String ageCommand;
    private final String sshCommand;
    private final Map<String, AgeKeySource> byRecipient = new HashMap<>();

    /** The commands from {@code env}, or {@code first} alone when neither is set. */
    static DataKeySource wrap(DataKeySource first, Map<String, String> env) {
        String age = env.get(AGE_KEY_CMD);
        String ssh = env.get(SSH_KEY_CMD);
        boolean hasAge = age != null && !age.isBlank();
        boolean hasSsh = ssh != null && !ssh.isBlank();
        return hasAge || hasSsh ? new CommandAgeKeys(first, hasAge ? age : null, hasSsh ? ssh : null) : first;
    }

    private CommandAgeKeys(DataKeySource first, String ageCommand, String sshCommand) {
        this.first = first;
        this.ageCommand = ageCommand;
        this.sshCommand = sshCommand;
    }

    @Override
    public byte[] open(MasterKey key) throws KeyUnwrapException {
        try {
            return first.open(key);
        } catch (KeyUnwrapException e) {
            if (!(key instanceof MasterKey.AgeKey age)) throw e;
            return fromCommands(age, e);
        }
    }

    private byte[] fromCommands(MasterKey.AgeKey key, KeyUnwrapException firstFailure) throws KeyUnwrapException {
        AgeKeySource source = byRecipient.get(key.recipient());
        if (source == null) {
            List<Identity> ids = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            load(key.recipient(), ids, problems);
            source = new AgeKeySource(ids, problems);
            byRecipient.put(key.recipient(), source);
        }
        try {
            return source.open(key);
        } catch (KeyUnwrapException again) {
            throw new KeyUnwrapException(firstFailure.getMessage() + "; " + again.getMessage());
        }
    }

    private void load(String recipient, List<Identity> ids, List<String> problems) {
        Map<String, String> env = Map.of("SOPS_AGE_RECIPIENT", recipient);
        if (ageCommand != null) {
            byte[] out = null;
            try {
                out = KeyCommand.run(AGE_KEY_CMD, ageCommand, env);
                ids.addAll(IdentityFile.parse(AGE_KEY_CMD, out));
            } catch (IOException e) {
                problems.add(e.getMessage());
            } finally {
                if (out != null) Arrays.fill(out, (byte) 0);
            }
        }
        if (sshCommand != null) {
            try {
                AgeIdentities.sshKey(SSH_KEY_CMD, KeyCommand.run(SSH_KEY_CMD, sshCommand, env), null, ids, problems);
            } catch (IOException e) {
                problems.add(e.getMessage());
            }
        }
    }
}
