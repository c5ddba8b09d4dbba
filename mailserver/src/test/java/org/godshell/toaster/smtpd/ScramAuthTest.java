package org.godshell.toaster.smtpd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
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
 * AUTH SCRAM-SHA-256 through the server, users from a real store; the client side is computed here from
 * RFC 5802 §3's formulas (its own Hi loop), not with the server's code.
 */
class ScramAuthTest {

    private static final String OK = "235 2.7.0 authentication successful";
    private static final String FAILED = "535 5.7.8 authentication failed (#5.7.8)";

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
        store.addUser("scram@local.test", "pencil case".toCharArray(), PasswordScheme.SCRAM_SHA_256);
        store.addUser("crypt@local.test", "pencil case".toCharArray());
        Map<String, String> files = TestServer.defaults();
        files.put("servercert.pem", StartTlsTest.pem);
        Logins logins = new Logins(Optional.of(store::verify), new AuthThrottle(Clock.systemUTC(), Duration.ZERO),
                List.of(), store::scram);
        return new TestServer(root.resolve("server"), files, Map.of(), logins);
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String unb64(String reply) {
        assertTrue(reply.startsWith("334 "), reply);
        return new String(Base64.getDecoder().decode(reply.substring(4)), StandardCharsets.UTF_8);
    }

    private static byte[] hmac(byte[] key, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    }

    /** RFC 5802 §2.2 Hi(): U1 = HMAC(str, salt + INT(1)), Ui = HMAC(str, Ui-1), result the XOR of all. */
    private static byte[] hi(String password, byte[] salt, int iterations) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(password.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update(salt);
        byte[] u = mac.doFinal(new byte[] {0, 0, 0, 1});
        byte[] result = u.clone();
        for (int i = 1; i < iterations; i++) {
            u = mac.doFinal(u);
            for (int k = 0; k < result.length; k++) {
                result[k] ^= u[k];
            }
        }
        return result;
    }

    /** Runs a whole exchange; returns the server's replies to the client-final and the empty line (or one). */
    static List<String> exchange(AuthTest.Client client, String user, String password) throws Exception {
        String bare = "n=" + user + ",r=fyko+d2lbbFgONRv9qkxdawL";
        String serverFirst = unb64(client.say("AUTH SCRAM-SHA-256 " + b64("n,," + bare)));
        Map<String, String> fields = Map.of("r", serverFirst.split(",")[0].substring(2),
                "s", serverFirst.split(",")[1].substring(2), "i", serverFirst.split(",")[2].substring(2));
        assertTrue(fields.get("r").startsWith("fyko+d2lbbFgONRv9qkxdawL") && fields.get("r").length() > 30, serverFirst);
        byte[] salted = hi(password, Base64.getDecoder().decode(fields.get("s")), Integer.parseInt(fields.get("i")));
        String withoutProof = "c=biws,r=" + fields.get("r");
        String authMessage = bare + "," + serverFirst + "," + withoutProof;
        byte[] clientKey = hmac(salted, "Client Key");
        byte[] signature = hmac(MessageDigest.getInstance("SHA-256").digest(clientKey), authMessage);
        byte[] proof = new byte[clientKey.length];
        for (int k = 0; k < proof.length; k++) {
            proof[k] = (byte) (clientKey[k] ^ signature[k]);
        }
        String reply = client.say(b64(withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof)));
        if (!reply.startsWith("334 ")) {
            return List.of(reply, fields.get("s"));
        }
        String expected = "v=" + Base64.getEncoder().encodeToString(hmac(hmac(salted, "Server Key"), authMessage));
        assertEquals(expected, unb64(reply), "the server proves it knows the ServerKey");
        return List.of(reply, client.say(""));
    }

    @Test
    void aScramUserLogsInWithScramAndWithPlain() throws Exception {
        try (TestServer server = server(); AuthTest.Client client = AuthTest.connect(server)) {
            assertTrue(client.ehlo().contains("250 AUTH PLAIN LOGIN SCRAM-SHA-256"), client.ehlo().toString());
            assertEquals(OK, exchange(client, "scram@local.test", "pencil case").get(1));
            assertTrue(client.say("MAIL FROM:<scram@local.test>").startsWith("250 "));
            assertEquals("250 2.1.5 ok", client.say("RCPT TO:<friend@far.test>"), "an authenticated user may relay");
            assertTrue(server.log().contains("auth ok client=127.0.0.1 user=scram@local.test mechanism=SCRAM-SHA-256"));
            assertFalse(server.log().contains("pencil"), "no password logged");
            try (AuthTest.Client plain = AuthTest.connect(server)) {
                assertEquals(OK, plain.say("AUTH PLAIN " + b64("\0scram@local.test\0pencil case")));
            }
        }
    }

    @Test
    void withoutInitialResponseAndWrongPassword() throws Exception {
        try (TestServer server = server(); AuthTest.Client client = AuthTest.connect(server)) {
            assertEquals("334 ", client.say("AUTH SCRAM-SHA-256"));
            assertTrue(unb64(client.say(b64("n,,n=scram@local.test,r=abcdefgh"))).startsWith("r=abcdefgh"));
            assertEquals("501 5.0.0 auth exchange cancelled (#5.0.0)", client.say("*"));
            assertEquals(FAILED, exchange(client, "scram@local.test", "pencil cases").get(0));
            assertTrue(server.log().contains("auth failed client=127.0.0.1 user=scram@local.test mechanism=SCRAM-SHA-256"));
        }
    }

    @Test
    void unknownAndCryptUsersRunTheWholeExchangeAndFail() throws Exception {
        try (TestServer server = server(); AuthTest.Client client = AuthTest.connect(server)) {
            List<String> unknown = exchange(client, "nobody@local.test", "pencil case");
            assertEquals(FAILED, unknown.get(0));
            assertEquals(unknown.get(1), exchange(client, "nobody@local.test", "x").get(1), "same salt every time");
            assertEquals(16, Base64.getDecoder().decode(unknown.get(1)).length, "a salt like a real one");
            assertEquals(FAILED, exchange(client, "crypt@local.test", "pencil case").get(0),
                    "no SCRAM keys can come from a SHA512-CRYPT hash");
            assertEquals(OK, client.say("AUTH PLAIN " + b64("\0crypt@local.test\0pencil case")));
        }
    }

    @Test
    void channelBindingAndMalformedInputAreRefused() throws Exception {
        try (TestServer server = server(); AuthTest.Client client = AuthTest.connect(server)) {
            assertEquals("504 5.5.4 channel binding (SCRAM-SHA-256-PLUS) is not offered (#5.5.4)",
                    client.say("AUTH SCRAM-SHA-256 " + b64("p=tls-exporter,,n=scram@local.test,r=abc")));
            assertEquals("501 5.5.2 malformed auth input (#5.5.2)", client.say("AUTH SCRAM-SHA-256 not*base64"));
            assertEquals("501 5.5.2 malformed auth input (#5.5.2)",
                    client.say("AUTH SCRAM-SHA-256 " + b64("n,,n=scram@local.test")));
            assertEquals(FAILED, client.say("AUTH SCRAM-SHA-256 " + b64("n,a=other@local.test,n=scram@local.test,r=a")));
            unb64(client.say("AUTH SCRAM-SHA-256 " + b64("n,,n=scram@local.test,r=abc")));
            assertEquals("501 5.5.2 malformed auth input (#5.5.2)", client.say(b64("c=biws,r=abc")));
        }
    }
}
