package org.godshell.toaster.smtpd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.godshell.toaster.auth.AuthThrottle;
import org.godshell.toaster.users.PasswordScheme;
import org.godshell.toaster.users.UserStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AUTH CRAM-MD5 (RFC 2195) through the server, users from a real store, off unless control/smtpauthmechs lists
 * it. The client's digest is computed here with the JDK's HmacMD5, not with the server's code.
 */
class CramMd5AuthTest {

    static final String OK = "235 2.7.0 authentication successful";
    static final String FAILED = "535 5.7.8 authentication failed (#5.7.8)";
    static final String MALFORMED = "501 5.5.2 malformed auth input (#5.5.2)";
    static final String CANCELLED = "501 5.0.0 auth exchange cancelled (#5.0.0)";

    @TempDir
    Path root;

    @BeforeAll
    static void certificate() throws Exception {
        StartTlsTest.certificate();
    }

    private TestServer server(String mechanisms) throws Exception {
        Path install = root.resolve("install");
        Files.createDirectories(install.resolve("control"));
        UserStore store = UserStore.open(install);
        store.addDomain("local.test");
        store.addUser("cram@local.test", "tanstaaftanstaaf".toCharArray(), PasswordScheme.CRAM_MD5);
        store.addUser("crypt@local.test", "tanstaaftanstaaf".toCharArray());
        store.addUser("scram@local.test", "tanstaaftanstaaf".toCharArray(), PasswordScheme.SCRAM_SHA_256);
        Map<String, String> files = TestServer.defaults();
        files.put("servercert.pem", StartTlsTest.pem);
        if (mechanisms != null) {
            files.put("smtpauthmechs", mechanisms);
        }
        Logins logins = new Logins(Optional.of(store::verify), new AuthThrottle(Clock.systemUTC(), Duration.ZERO),
                List.of(), store::scram, store::cramMd5);
        return new TestServer(root.resolve("server"), files, Map.of(), logins);
    }

    private TestServer server() throws Exception {
        return server("PLAIN\nLOGIN\nSCRAM-SHA-256\nCRAM-MD5\n");
    }

    static String b64(String text) {
        return b64(text.getBytes(StandardCharsets.UTF_8));
    }

    static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** The challenge a 334 carries, checked to be RFC 2195's msg-id form with this server's name. */
    static String challenge(String reply) {
        assertTrue(reply.startsWith("334 "), reply);
        String challenge = new String(Base64.getDecoder().decode(reply.substring(4)), StandardCharsets.US_ASCII);
        assertTrue(challenge.matches("<[0-9]+\\.[0-9]+@mx\\.test>"), challenge);
        return challenge;
    }

    static String digest(String password, String challenge) throws Exception {
        Mac mac = Mac.getInstance("HmacMD5");
        mac.init(new SecretKeySpec(password.getBytes(StandardCharsets.UTF_8), "HmacMD5"));
        return HexFormat.of().formatHex(mac.doFinal(challenge.getBytes(StandardCharsets.US_ASCII)));
    }

    /** AUTH CRAM-MD5, then the answer for {@code user} and {@code password}; returns the server's reply. */
    static String login(AuthTest.Client client, String user, String password) throws Exception {
        String challenge = challenge(client.say("AUTH CRAM-MD5"));
        return client.say(b64(user + " " + digest(password, challenge)));
    }

    @Test
    void offByDefault() throws Exception {
        try (TestServer server = server(null); AuthTest.Client client = AuthTest.connect(server)) {
            assertTrue(client.ehlo().contains("250 AUTH PLAIN LOGIN SCRAM-SHA-256"), client.ehlo().toString());
            assertEquals("504 5.5.4 unrecognized authentication type (#5.5.4)", client.say("AUTH CRAM-MD5"));
            assertEquals(OK, client.say("AUTH PLAIN " + b64("\0cram@local.test\0tanstaaftanstaaf")),
                    "a {CRAM-MD5} user still logs in with PLAIN");
        }
    }

    @Test
    void theControlFileChoosesWhatIsOffered() throws Exception {
        try (TestServer server = server("CRAM-MD5\nPLAIN\n"); AuthTest.Client client = AuthTest.connect(server)) {
            assertTrue(client.ehlo().contains("250 AUTH CRAM-MD5 PLAIN"), client.ehlo().toString());
            assertEquals("504 5.5.4 unrecognized authentication type (#5.5.4)", client.say("AUTH LOGIN"));
            assertEquals("504 5.5.4 unrecognized authentication type (#5.5.4)", client.say("AUTH SCRAM-SHA-256"));
            assertEquals(OK, login(client, "cram@local.test", "tanstaaftanstaaf"));
        }
    }

    @Test
    void aCramUserLogsInAndMayRelay() throws Exception {
        try (TestServer server = server(); AuthTest.Client client = AuthTest.connect(server)) {
            assertTrue(client.ehlo().contains("250 AUTH PLAIN LOGIN SCRAM-SHA-256 CRAM-MD5"), client.ehlo().toString());
            assertEquals(OK, login(client, "Cram@Local.test", "tanstaaftanstaaf"));
            assertTrue(client.say("MAIL FROM:<cram@local.test>").startsWith("250 "));
            assertEquals("250 2.1.5 ok", client.say("RCPT TO:<friend@far.test>"), "an authenticated user may relay");
            assertTrue(server.log().contains("auth ok client=127.0.0.1 user=Cram@Local.test mechanism=CRAM-MD5"),
                    server.log());
            assertFalse(server.log().contains("tanstaaf"), "no password logged");
            try (AuthTest.Client login = AuthTest.connect(server)) {
                assertEquals("334 VXNlcm5hbWU6", login.say("AUTH LOGIN"));
                login.say(b64("cram@local.test"));
                assertEquals(OK, login.say(b64("tanstaaftanstaaf")), "LOGIN against the {CRAM-MD5} secret");
            }
        }
    }

    @Test
    void everyOtherUserFailsLikeAWrongPassword() throws Exception {
        try (TestServer server = server(); AuthTest.Client client = AuthTest.connect(server)) {
            assertEquals(FAILED, login(client, "cram@local.test", "tanstaaf"), "wrong password");
            assertEquals(FAILED, login(client, "nobody@local.test", "tanstaaftanstaaf"), "unknown user");
            assertEquals(FAILED, login(client, "nobody@nowhere.test", "x"), "unknown domain");
            assertEquals(FAILED, login(client, "crypt@local.test", "tanstaaftanstaaf"), "no secret in SHA512-CRYPT");
            assertEquals(FAILED, login(client, "scram@local.test", "tanstaaftanstaaf"), "none in SCRAM keys either");
            assertEquals(FAILED, login(client, "not an address", "x"));
            assertTrue(server.log().contains("auth failed client=127.0.0.1 user=nobody@local.test mechanism=CRAM-MD5"));
            assertEquals(OK, login(client, "cram@local.test", "tanstaaftanstaaf"));
        }
    }

    @Test
    void aReplayedAnswerFailsOnTheNextChallenge() throws Exception {
        try (TestServer server = server(); AuthTest.Client client = AuthTest.connect(server)) {
            String first = challenge(client.say("AUTH CRAM-MD5"));
            assertEquals(CANCELLED, client.say("*"));
            String second = challenge(client.say("AUTH CRAM-MD5"));
            assertFalse(first.equals(second), "a fresh challenge each time");
            assertEquals(FAILED, client.say(b64("cram@local.test " + digest("tanstaaftanstaaf", first))));
        }
    }

    @Test
    void malformedAnswers() throws Exception {
        try (TestServer server = server(); AuthTest.Client client = AuthTest.connect(server)) {
            assertEquals(MALFORMED, client.say("AUTH CRAM-MD5 " + b64("cram@local.test 0123")),
                    "RFC 4954 §4: no initial response to a mechanism where the server speaks first");
            challenge(client.say("AUTH CRAM-MD5"));
            assertEquals(MALFORMED, client.say("not*base64!"));
            challenge(client.say("AUTH CRAM-MD5"));
            assertEquals(MALFORMED, client.say("=Zm9v"), "padding first");
            challenge(client.say("AUTH CRAM-MD5"));
            assertEquals(MALFORMED, client.say(b64("cram@local.test " + "ab".repeat(15))), "30 digits");
            challenge(client.say("AUTH CRAM-MD5"));
            assertEquals(MALFORMED, client.say(b64("cram@local.test " + "ab".repeat(17))), "34 digits");
            challenge(client.say("AUTH CRAM-MD5"));
            assertEquals(MALFORMED, client.say(b64("cram@local.test")), "no digest");
            challenge(client.say("AUTH CRAM-MD5"));
            assertEquals(MALFORMED, client.say(""), "an empty answer");
            challenge(client.say("AUTH CRAM-MD5"));
            assertEquals(CANCELLED, client.say("*"));
            assertEquals(OK, login(client, "cram@local.test", "tanstaaftanstaaf"), "none of it counted as a login");
        }
    }

    @Test
    void hostileNames() throws Exception {
        try (TestServer server = server(); AuthTest.Client client = AuthTest.connect(server)) {
            String digest = "0".repeat(32);
            challenge(client.say("AUTH CRAM-MD5"));
            assertEquals(FAILED, client.say(b64("cram@local.test\0admin " + digest)), "NUL: SASLprep refuses it");
            challenge(client.say("AUTH CRAM-MD5"));
            assertEquals(FAILED, client.say(b64("\u202Emoc.tset@marc " + digest)), "a right-to-left override");
            challenge(client.say("AUTH CRAM-MD5"));
            byte[] latin1 = ("caf\u00e9@local.test " + digest).getBytes(StandardCharsets.ISO_8859_1);
            assertEquals(MALFORMED, client.say(b64(latin1)), "not UTF-8");
            challenge(client.say("AUTH CRAM-MD5"));
            assertEquals(FAILED, client.say(b64("a".repeat(330) + "@local.test " + digest)), "long, within a line");
            challenge(client.say("AUTH CRAM-MD5"));
            assertEquals(MALFORMED, client.say(b64("a".repeat(400) + " " + digest)), "over 512 octets");
            assertTrue(server.log().contains("user=(refused by SASLprep) mechanism=CRAM-MD5"), server.log());
            assertFalse(server.log().contains("\u202E"), "the override never reaches the log");
        }
    }

    @Test
    void failuresCountTowardsTheThrottle() throws Exception {
        try (TestServer server = server(); AuthTest.Client client = AuthTest.connect(server)) {
            String reply = "";
            int tries = 0;
            while (!reply.startsWith("421") && tries < 20) {
                reply = login(client, "cram@local.test", "guess" + tries++);
            }
            assertEquals("421 4.7.0 too many failed logins, try again later (#4.7.0)", reply);
            assertEquals(10, tries);
            assertNull(DialogueTest.readLine(client.in()), "disconnected");
        }
    }

    /** Python's smtplib, a real client: it picks CRAM-MD5 first when the server offers it. */
    @Test
    void pythonSmtplibLogsInWithCramMd5() throws Exception {
        Optional<Path> python = RealClients.find("python3");
        RealClients.assumeInstalled(python, "python3");
        try (TestServer server = server()) {
            String script = String.join("\n",
                    "import smtplib, ssl, sys",
                    "s = smtplib.SMTP('127.0.0.1', int(sys.argv[1]), timeout=10)",
                    "s.starttls(context=ssl._create_unverified_context())",
                    "s.ehlo()",
                    "s.user, s.password = sys.argv[2], sys.argv[3]",
                    "code, text = s.auth('CRAM-MD5', s.auth_cram_md5)",
                    "print(code)",
                    "s.quit()");
            Process p = new ProcessBuilder(python.get().toString(), "-c", script,
                    Integer.toString(server.address().getPort()), "cram@local.test", "tanstaaftanstaaf")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), out);
            assertEquals("235", out.strip());
            assertTrue(server.log().contains("user=cram@local.test mechanism=CRAM-MD5"), server.log());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
