package org.godshell.toaster.smtpd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.godshell.toaster.auth.AuthThrottle;
import org.godshell.toaster.users.UserStore;
import org.godshell.toaster.users.sql.PostgresExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * SMTP AUTH against users in a real PostgreSQL: a database that is down is a temporary failure (RFC 4954 §6:
 * 454 4.7.0), never "wrong password" (535), which would make a mail client ask its user for a new one.
 */
class SharedUsersAuthTest {

    private static final String PASSWORD = "ann's password";
    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    @TempDir
    Path root;

    @BeforeAll
    static void certificate() throws Exception {
        StartTlsTest.certificate();
    }

    /**
     * The reply code to ann's AUTH once the database answers again. The pool's connection maker backs off while
     * the server is down, so the first logins after its restart may still be told 454; a few tries, each 454
     * until one is answered.
     */
    private static String afterRestart(TestServer server, String password) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try (AuthTest.Client client = AuthTest.connect(server, 120_000)) {
                String reply = client.say(plain("ann@shared.test", password));
                if (!reply.startsWith("454 ") || attempt == 10) {
                    return reply.substring(0, 3);
                }
            }
        }
    }

    private static String plain(String user, String password) {
        return "AUTH PLAIN " + Base64.getEncoder().encodeToString(("\0" + user + "\0" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theDatabaseDownIs454AndNotCountedAsAGuess() throws Exception {
        POSTGRES.shareUsers(root, POSTGRES.newDatabase(), "mx1.example.net");
        Map<String, String> files = TestServer.defaults();
        files.put("servercert.pem", StartTlsTest.pem);
        files.put("me", "mx1.example.net\n");
        try (UserStore users = UserStore.open(root)) {
            users.addDomain("shared.test");
            users.addUser("ann@shared.test", PASSWORD.toCharArray());
            AuthThrottle throttle = new AuthThrottle(Clock.systemUTC(), Duration.ZERO);
            Logins logins = new Logins(Optional.of(users.authenticator()), throttle, List.of());
            try (TestServer server = new TestServer(root, files, Map.of(), logins)) {
                try (AuthTest.Client client = AuthTest.connect(server)) {
                    assertTrue(client.say(plain("ann@shared.test", PASSWORD)).startsWith("235 "));
                }
                POSTGRES.server().stop();
                // A lookup waits up to the pool's 3 s for a connection: the client waits far longer than that.
                try (AuthTest.Client client = AuthTest.connect(server, 120_000)) {
                    assertEquals("454 4.7.0 temporary authentication failure, please try again later (#4.7.0)",
                            client.say(plain("ann@shared.test", PASSWORD)));
                } finally {
                    POSTGRES.server().startAgain();
                }
                assertTrue(throttle.blockedFor(server.address().getAddress()).isEmpty(), "no guess was counted");
                assertEquals("235", afterRestart(server, PASSWORD));
                assertEquals("535", afterRestart(server, "wrong"));
                assertTrue(server.log().contains("auth unavailable"), server.log());
            }
        }
    }
}
