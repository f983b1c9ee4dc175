package io.secretsd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secretsd.testing.Proc;
import org.junit.jupiter.api.Test;

/** The README's first command works on a fresh machine and never prints the example secrets' values. */
class DemoIT {
    @Test
    void demoRunsEveryStepAndPrintsNoSecretValue() {
        Proc.Result r = Proc.run(Proc.dist("secretsctl"), "demo");
        assertEquals(0, r.exit(), r.toString());
        String out = r.out();
        assertTrue(out.contains("All steps passed."), out);
        for (String secret : new String[] {"example-password", "example-token", "example-database-password", "AGE-SECRET-KEY-"}) {
            assertFalse(out.contains(secret) || r.stderr().contains(secret), "printed " + secret);
        }
    }
}
