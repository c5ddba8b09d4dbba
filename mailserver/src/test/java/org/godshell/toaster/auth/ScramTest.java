package org.godshell.toaster.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.godshell.toaster.auth.Scram.ClientFirst;
import org.godshell.toaster.auth.Scram.Exchange;
import org.godshell.toaster.auth.Scram.Outcome;
import org.godshell.toaster.auth.Scram.Problem;
import org.junit.jupiter.api.Test;

/** SCRAM-SHA-256's server side against RFC 7677 §3's example exchange, byte for byte, and broken input. */
class ScramTest {

    /** RFC 7677 §3: user "user", password "pencil". */
    private static final String CLIENT_FIRST = "n,,n=user,r=rOprNGfwEbeRWgbNEkqO";
    private static final String SERVER_NONCE = "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
    private static final String SERVER_FIRST =
            "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
    private static final String CLIENT_FINAL = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
            + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
    private static final String SERVER_FINAL = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

    private static ScramCredentials pencil() {
        return ScramCredentials.derive("pencil".toCharArray(), Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ=="),
                4096);
    }

    private static <T> T ok(Outcome<T> outcome) {
        assertTrue(outcome instanceof Outcome.Ok<T>, outcome.toString());
        return ((Outcome.Ok<T>) outcome).value();
    }

    private static Problem problem(Outcome<?> outcome) {
        assertTrue(outcome instanceof Outcome.Failed<?>, outcome.toString());
        return ((Outcome.Failed<?>) outcome).problem();
    }

    private static Exchange exchange() {
        return Exchange.start(ok(Scram.clientFirst(CLIENT_FIRST)), pencil(), SERVER_NONCE);
    }

    @Test
    void rfc7677ExampleByteForByte() {
        ClientFirst first = ok(Scram.clientFirst(CLIENT_FIRST));
        assertEquals(new ClientFirst("n,,", "user", "rOprNGfwEbeRWgbNEkqO", "n=user,r=rOprNGfwEbeRWgbNEkqO"), first);
        Exchange exchange = Exchange.start(first, pencil(), SERVER_NONCE);
        assertEquals(SERVER_FIRST, exchange.serverFirst());
        assertEquals(SERVER_FINAL, ok(exchange.clientFinal(CLIENT_FINAL)));
    }

    @Test
    void dovecotFormatRoundTripsAndPlaintextMatches() {
        ScramCredentials credentials = pencil();
        String field = credentials.dovecot();
        assertTrue(field.startsWith("4096,W22ZaJ0SNY7soEsUEjb6gQ==,"), field);
        ScramCredentials parsed = ScramCredentials.parseDovecot(field).orElseThrow();
        assertArrayEquals(credentials.storedKey(), parsed.storedKey());
        assertArrayEquals(credentials.serverKey(), parsed.serverKey());
        assertTrue(parsed.matches("pencil".toCharArray()));
        assertFalse(parsed.matches("pencil ".toCharArray()));
        for (String bad : new String[] {"", "4096,a,b", "4095," + field.substring(5), "x," + field.substring(5),
            field + ",", field.replace("W22ZaJ0SNY7soEsUEjb6gQ==", "!!"), "4096,,AAAA,AAAA",
            field.substring(0, field.lastIndexOf(',')) + ",AAAA"}) {
            assertEquals(Optional.empty(), ScramCredentials.parseDovecot(bad), bad);
        }
    }

    @Test
    void fakeCredentialsAreStablePerUserAndMatchNothing() {
        byte[] secret = "server secret".getBytes(StandardCharsets.UTF_8);
        ScramCredentials a = ScramCredentials.fake(secret, "nobody@local.test");
        assertArrayEquals(a.salt(), ScramCredentials.fake(secret, "nobody@local.test").salt());
        assertNotEquals(Base64.getEncoder().encodeToString(a.salt()),
                Base64.getEncoder().encodeToString(ScramCredentials.fake(secret, "other@local.test").salt()));
        assertEquals(16, a.salt().length);
        assertEquals(ScramCredentials.MIN_ITERATIONS, a.iterations());
        assertFalse(a.matches("pencil".toCharArray()));
    }

    @Test
    void clientFirstVariants() {
        assertEquals("y,,", ok(Scram.clientFirst("y,,n=user,r=abc")).gs2Header());
        assertEquals("a,b=c", ok(Scram.clientFirst("n,,n=a=2Cb=3Dc,r=abc")).user(), "saslname escapes");
        assertEquals("u", ok(Scram.clientFirst("n,a=u,n=u,r=abc,x=ext")).user(), "authzid equal to the user");
        assertEquals(Problem.CHANNEL_BINDING, problem(Scram.clientFirst("p=tls-server-end-point,,n=user,r=abc")));
        assertEquals(Problem.AUTHZID_MISMATCH, problem(Scram.clientFirst("n,a=admin,n=user,r=abc")));
        for (String bad : new String[] {"", "n,,", "n,,n=user", "x,,n=user,r=abc", "n,b=x,n=user,r=abc",
            "n,,m=ext,n=user,r=abc", "n,,n=,r=abc", "n,,n=a=2Xb,r=abc", "n,,n=a=,r=abc", "n,,n=user,r=",
            "n,,n=user,r=a b", "n,,user,r=abc", "n,,n=user,x=abc", "n,,n=user,r=abc,bogus", "n,,n=us\0er,r=abc"}) {
            assertEquals(Problem.MALFORMED, problem(Scram.clientFirst(bad)), bad);
        }
    }

    @Test
    void clientFinalRefusals() {
        String nonce = "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
        String proof = "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
        assertEquals(Problem.WRONG_PROOF,
                problem(exchange().clientFinal("c=biws," + nonce + ",p=eHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=")));
        assertEquals(Problem.NONCE_MISMATCH, problem(exchange().clientFinal("c=biws,r=rOprNGfwEbeRWgbNEkqO," + proof)));
        assertEquals(Problem.BINDING_MISMATCH, problem(exchange().clientFinal("c=eSws," + nonce + "," + proof)),
                "y,, where the client said n,,");
        assertEquals(Problem.WRONG_PROOF, problem(exchange().clientFinal("c=biws," + nonce + ",x=1," + proof)),
                "an extension changes the AuthMessage, so the RFC's proof no longer fits");
        for (String bad : new String[] {"", "c=biws," + nonce, nonce + "," + proof, "c=biws," + proof,
            "c=biws," + nonce + ",p=AAAA", "c=biws," + nonce + ",p=not base64", "c=biws," + nonce + ",m=1," + proof}) {
            assertEquals(Problem.MALFORMED, problem(exchange().clientFinal(bad)), bad);
        }
    }

    @Test
    void decodingTheWire() {
        assertEquals(CLIENT_FIRST, ok(Scram.decode(Base64.getEncoder().encodeToString(
                CLIENT_FIRST.getBytes(StandardCharsets.UTF_8)))));
        assertEquals(Problem.CANCELLED, problem(Scram.decode("*")));
        assertEquals(Problem.BAD_BASE64, problem(Scram.decode("n,,n=user")));
        assertEquals(Problem.MALFORMED, problem(Scram.decode("/w==")));
        assertEquals(24, Scram.serverNonce().length());
        assertNotEquals(Scram.serverNonce(), Scram.serverNonce());
    }
}
