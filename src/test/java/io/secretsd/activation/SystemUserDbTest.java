package io.secretsd.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemUserDbTest {
    @TempDir
    Path tmp;

    @Test
    void filesFirstThenNss() throws Exception {
        Path passwd = Files.writeString(tmp.resolve("passwd"), "alice:x:1234:100::/home/alice:/bin/sh\nbroken\n"
                + "+nis::::::\nbob:x:notanumber:1::/:/bin/sh\n");
        Path group = Files.writeString(tmp.resolve("group"), "keys:x:96:\nwheel:x:1:alice\n");
        SystemUserDb db = new SystemUserDb(passwd, group);
        assertEquals(OptionalInt.of(1234), db.uid("alice"));
        assertEquals(OptionalInt.of(96), db.gid("keys"));
        // not in the files: NSS decides (root exists everywhere, this name nowhere)
        assertEquals(OptionalInt.of(0), db.uid("root"));
        assertEquals(OptionalInt.empty(), db.uid("no-such-user-secretsd"));
        assertEquals(OptionalInt.empty(), db.gid("no-such-group-secretsd"));
        assertEquals(OptionalInt.empty(), db.uid("bob"), "a broken line names nobody");
        assertEquals(OptionalInt.empty(), db.uid("123"));
    }
}
