package org.godshell.toaster.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Only a daemon's command line takes over the log that toaster start names; every other command keeps stdout. */
class DaemonArgsTest {

    @Test
    void theThreeDaemonsAndNothingElse() {
        assertTrue(Toaster.daemon("smtpd"));
        assertTrue(Toaster.daemon("pop3d", "--grace", "5"));
        assertTrue(Toaster.daemon("wiki", "serve"));
        assertFalse(Toaster.daemon());
        assertFalse(Toaster.daemon("wiki"));
        assertFalse(Toaster.daemon("wiki", "build", "--repo", "r", "--out", "o"));
        assertFalse(Toaster.daemon("spp", "test"), "a plugin test prints its answer on stdout");
        assertFalse(Toaster.daemon("--prefix", "/opt/toaster", "smtpd"), "options come after the subcommand");
    }
}
