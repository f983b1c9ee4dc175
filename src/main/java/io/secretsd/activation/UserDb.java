package io.secretsd.activation;

import java.util.OptionalInt;

/** Name → number lookups for owners and groups. */
public interface UserDb {
    OptionalInt uid(String user);

    OptionalInt gid(String group);
}
