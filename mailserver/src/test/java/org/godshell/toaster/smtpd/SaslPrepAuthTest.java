package org.godshell.toaster.smtpd;

import static org.godshell.toaster.smtpd.CramMd5AuthTest.FAILED;
import static org.godshell.toaster.smtpd.CramMd5AuthTest.MALFORMED;
import static org.godshell.toaster.smtpd.CramMd5AuthTest.OK;
import static org.godshell.toaster.smtpd.CramMd5AuthTest.b64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.godshell.toaster.auth.AuthThrottle;
import org.godshell.toaster.users.PasswordScheme;
import org.godshell.toaster.users.UserStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SASLprep (RFC 4013) on the wire: the password {@code toaster user add} stored prepared, and every form of it
 * that prepares the same, logs in with PLAIN, LOGIN, SCRAM-SHA-256 and CRAM-MD5; strings SASLprep refuses
 * are a failed login (535), never an error escaping.
 */
class SaslPrepAuthTest {

    /** As the admin typed it: a soft hyphen (mapped to nothing) and a no-break space (mapped to SPACE). */
    private static final String TYPED = "I\u00ADX\u00A0marks";
    private static final String PREPARED = "IX marks";

    @TempDir
    Path root;

    @BeforeAll
    static void certificate() throws Exception {
        StartTlsTest.certificate();
    }

    private TestServer server() throws Exception {
        Path install = root.resolve("install");
        Files.createDirectories(install.resolve("control"));
        UserStore store = UserStore.open(install);
        store.addDomain("local.test");
        store.addUser("crypt@local.test", TYPED.toCharArray());
        store.addUser("scram@local.test", TYPED.toCharArray(), PasswordScheme.SCRAM_SHA_256);
        store.addUser("cram@local.test", TYPED.toCharArray(), PasswordScheme.CRAM_MD5);
        Map<String, String> files = TestServer.defaults();
        files.put("servercert.pem", StartTlsTest.pem);
        files.put("smtpauthmechs", "PLAIN\nLOGIN\nSCRAM-SHA-256\nCRAM-MD5\n");
        Logins logins = new Logins(Optional.of(store::verify), new AuthThrottle(Clock.systemUTC(), Duration.ZERO),
                List.of(), store::scram, store::cramMd5);
        return new TestServer(root.resolve("server"), files, Map.of(), logins);
    }

    @Test
    void everyFormOfThePasswordLogsIn() throws Exception {
        try (TestServer server = server(); AuthTest.Client client = AuthTest.connect(server)) {
            for (String user : List.of("crypt", "scram", "cram")) {
                for (String password : List.of(TYPED, PREPARED, "\u2168\u3000marks", "I\u200DX marks")) {
                    try (AuthTest.Client plain = AuthTest.connect(server)) {
                        assertEquals(OK, plain.say("AUTH PLAIN " + b64("\0" + user + "@local.test\0" + password)),
                                user + " with " + password);
                    }
                }
            }
            assertEquals(FAILED, client.say("AUTH PLAIN " + b64("\0crypt@local.test\0IXmarks")), "not the same");
            // SCRAM: the client prepares the password (RFC 5802 §2.2), the keys were derived from the prepared one.
            assertEquals(OK, ScramAuthTest.exchange(client, "scram@local.test", PREPARED).get(1));
            try (AuthTest.Client cram = AuthTest.connect(server)) {
                assertEquals(OK, CramMd5AuthTest.login(cram, "cram@local.test", PREPARED));
            }
        }
    }

    @Test
    void namesArePreparedToo() throws Exception {
        try (TestServer server = server(); AuthTest.Client client = AuthTest.connect(server)) {
            assertEquals("334 VXNlcm5hbWU6", client.say("AUTH LOGIN"));
            assertEquals("334 UGFzc3dvcmQ6", client.say(b64("\uFF43rypt@local.test")), "full-width c");
            assertEquals(OK, client.say(b64(TYPED)));
            assertTrue(server.log().contains("auth ok client=127.0.0.1 user=crypt@local.test mechanism=LOGIN"),
                    "the prepared name is the one logged and used: " + server.log());
        }
    }

    @Test
    void prohibitedStringsFailTheLogin() throws Exception {
        try (TestServer server = server(); AuthTest.Client client = AuthTest.connect(server)) {
            assertEquals(FAILED, client.say("AUTH PLAIN " + b64("\0crypt@local.test\0IX\u0007marks")), "C.2.1");
            assertEquals(FAILED, client.say("AUTH PLAIN " + b64("\0crypt@local.test\u202E\0" + PREPARED)), "C.8");
            assertEquals(FAILED, client.say("AUTH PLAIN " + b64("\0\u0627\u0031\0" + PREPARED)), "bidi");
            assertEquals(FAILED, client.say("AUTH PLAIN " + b64("\u0378\0crypt@local.test\0" + PREPARED)),
                    "an unassigned authorization identity");
            assertEquals(FAILED, client.say("AUTH PLAIN " + b64("\0\u00AD\0" + PREPARED)), "a name of nothing");
            assertEquals(MALFORMED, client.say("AUTH PLAIN " + b64("\0crypt@local.test")), "format before SASLprep");
            assertEquals("334 VXNlcm5hbWU6", client.say("AUTH LOGIN"));
            assertEquals(FAILED, client.say(b64("crypt@local.test\uE000")), "private use, refused at once");
            assertEquals("334 VXNlcm5hbWU6", client.say("AUTH LOGIN"));
            client.say(b64("crypt@local.test"));
            assertEquals(FAILED, client.say(b64("IX marks\uDB40\uDC01")), "a tag character in the password");
            assertEquals(FAILED, client.say("AUTH SCRAM-SHA-256 " + b64("n,,n=scram@local.test\u0007,r=abcdefgh")));
            assertEquals(FAILED, client.say("AUTH SCRAM-SHA-256 " + b64("n,a=\u00AD,n=scram@local.test,r=abcdefgh")));
            assertTrue(server.log().contains("user=(refused by SASLprep) mechanism=PLAIN"), server.log());
            assertTrue(server.log().contains("user=(refused by SASLprep) mechanism=SCRAM-SHA-256"), server.log());
            assertEquals(OK, client.say("AUTH PLAIN " + b64("\0crypt@local.test\0" + PREPARED)), "still usable");
        }
    }
}
