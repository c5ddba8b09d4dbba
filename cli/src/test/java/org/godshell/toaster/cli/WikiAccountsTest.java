package org.godshell.toaster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.godshell.toaster.auth.AuthThrottle;
import org.godshell.toaster.config.Controls;
import org.godshell.toaster.site.git.Login;
import org.godshell.toaster.users.UserStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pusher's login against the user store and the AUTH throttle: wrong, right, and refused while cooling. */
class WikiAccountsTest {

    private static final InetAddress GUESSER = InetAddress.getLoopbackAddress();

    /** A clock the test moves by hand. */
    private static final class Hands extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @TempDir
    Path prefix;
    private final Hands clock = new Hands();
    private WikiAccounts accounts;

    @BeforeEach
    void installation() throws Exception {
        Path control = Files.createDirectories(prefix.resolve("control"));
        UserStore users = UserStore.open(prefix);
        users.addDomain("example.org");
        users.addUser("ed@example.org", "right".toCharArray());
        accounts = new WikiAccounts(users, new AuthThrottle(clock, Duration.ZERO), new Controls(control, line -> { }));
    }

    @Test
    void rightAndWrongPasswords() {
        assertInstanceOf(Login.Accepted.class, accounts.verify("ed@example.org", "right".toCharArray(), GUESSER));
        assertInstanceOf(Login.Refused.class, accounts.verify("ed@example.org", "wrong".toCharArray(), GUESSER));
        assertInstanceOf(Login.Refused.class, accounts.verify("nobody@example.org", "x".toCharArray(), GUESSER));
    }

    @Test
    void afterTenFailuresEvenTheRightPasswordIsToldWhenToComeBack() {
        for (int i = 0; i < 10; i++) {
            assertInstanceOf(Login.Refused.class, accounts.verify("ed@example.org", "guess".toCharArray(), GUESSER));
        }
        clock.now = clock.now.plusSeconds(60);
        Login login = accounts.verify("ed@example.org", "right".toCharArray(), GUESSER);
        assertEquals(new Login.Throttled(Duration.ofMinutes(14)), login);
        clock.now = clock.now.plus(Duration.ofMinutes(14));
        assertInstanceOf(Login.Accepted.class, accounts.verify("ed@example.org", "right".toCharArray(), GUESSER));
    }
}
