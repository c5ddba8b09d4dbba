package org.godshell.toaster.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** CRAM-MD5: our MD5 blocks against the JDK's MD5 and HmacMD5, RFC 2195's example, Dovecot's stored form. */
class CramMd5Test {

    private static final HexFormat HEX = HexFormat.of();

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void md5BlocksAgreeWithTheJdkAtEveryLengthAroundTheBlocks() throws Exception {
        Random random = new Random(2195);
        for (int length = 0; length <= 200; length++) {
            byte[] data = new byte[length];
            random.nextBytes(data);
            assertArrayEquals(MessageDigest.getInstance("MD5").digest(data),
                    Md5Blocks.finish(Md5Blocks.INITIAL.clone(), 0, data), "length " + length);
        }
    }

    @Test
    void rfc2195Example() {
        // RFC 2195 §2: user "tim", shared secret "tanstaaftanstaaf".
        CramMd5Secret secret = CramMd5Secret.derive(utf8("tanstaaftanstaaf"));
        byte[] digest = secret.hmac(utf8("<1896.697170952@postoffice.reston.mci.net>"));
        assertEquals("b913a602c7eda7a495b4e6e7334d3890", HEX.formatHex(digest));
        CramMd5.Response response = CramMd5.response(Base64.getEncoder()
                .encodeToString(utf8("tim b913a602c7eda7a495b4e6e7334d3890")));
        CramMd5.Response.Ok ok = assertInstanceOf(CramMd5.Response.Ok.class, response);
        assertEquals("tim", ok.user());
        assertTrue(CramMd5.verify(secret, "<1896.697170952@postoffice.reston.mci.net>", ok.digest()));
        assertFalse(CramMd5.verify(secret, "<1896.697170953@postoffice.reston.mci.net>", ok.digest()));
    }

    @Test
    void dovecotsStoredForm() {
        // doveadm pw -s CRAM-MD5 -p password (the value Dovecot's users publish for this password).
        assertEquals("9186d855e11eba527a7a52ca82b313e180d62234f0acc9051b527243d41e2740",
                CramMd5Secret.derive(utf8("password")).dovecot());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 63, 64, 65, 200})
    void hmacFromTheStoredStatesIsHmacMd5(int keyLength) throws Exception {
        Random random = new Random(keyLength);
        byte[] key = new byte[keyLength];
        random.nextBytes(key);
        byte[] message = new byte[random.nextInt(300)];
        random.nextBytes(message);
        byte[] expected;
        if (keyLength == 0) {
            expected = HEX.parseHex("74e6f7298a9c2d168935f58c001bad88");   // RFC 2104 HMAC-MD5, empty key and message
            message = new byte[0];
        } else {
            Mac mac = Mac.getInstance("HmacMD5");
            mac.init(new SecretKeySpec(key, "HmacMD5"));
            expected = mac.doFinal(message);
        }
        CramMd5Secret secret = CramMd5Secret.derive(key);
        assertArrayEquals(expected, secret.hmac(message));
        assertTrue(secret.matches(key));
        assertEquals(Optional.of(secret.dovecot()), CramMd5Secret.parseDovecot(secret.dovecot()).map(CramMd5Secret::dovecot));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "9186d855", "9186d855e11eba527a7a52ca82b313e180d62234f0acc9051b527243d41e27400",
        "9186d855e11eba527a7a52ca82b313e180d62234f0acc9051b527243d41e274g",
        "9186d855e11eba527a7a52ca82b313e180d62234f0acc9051b527243d41e274 ",
        "+186d855e11eba527a7a52ca82b313e180d62234f0acc9051b527243d41e2740",
        "\u0669186d855e11eba527a7a52ca82b313e180d62234f0acc9051b527243d41e274"})
    void malformedStoredFormsAreRefused(String field) {
        assertEquals(Optional.empty(), CramMd5Secret.parseDovecot(field));
    }

    @Test
    void uppercaseHexIsRead() {
        assertTrue(CramMd5Secret.parseDovecot("9186D855E11EBA527A7A52CA82B313E180D62234F0ACC9051B527243D41E2740")
                .orElseThrow().matches(utf8("password")));
    }

    @Test
    void fakeSecretsAreStablePerNameAndMatchNoPassword() {
        byte[] server = new byte[32];
        CramMd5Secret fake = CramMd5Secret.fake(server, "nobody@x.test");
        assertEquals(fake.dovecot(), CramMd5Secret.fake(server, "nobody@x.test").dovecot());
        assertNotEquals(fake.dovecot(), CramMd5Secret.fake(server, "other@x.test").dovecot());
        assertFalse(fake.matches(new byte[0]));
    }

    @Test
    void challengesAreMessageIdsAndNeverRepeat() {
        Clock clock = Clock.fixed(Instant.ofEpochMilli(697170952000L), ZoneOffset.UTC);
        String one = CramMd5.challenge("mail.example.com", clock);
        assertTrue(one.matches("<[0-9]{1,20}\\.697170952000@mail\\.example\\.com>"), one);
        assertNotEquals(one, CramMd5.challenge("mail.example.com", clock), "the random part differs");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "*|CANCELLED",
        "not*base64|BAD_BASE64",
        "dGlt|MALFORMED",                                              // "tim": no digest
        "dGltIA==|MALFORMED",                                          // "tim ": empty digest
        "IGI5MTNhNjAyYzdlZGE3YTQ5NWI0ZTZlNzMzNGQzODkw|MALFORMED",     // " digest": no user
        "dGltIGI5MTNhNjAyYzdlZGE3YTQ5NWI0ZTZlNzMzNGQzODk=|MALFORMED", // 31 digits
        "dGltIGI5MTNhNjAyYzdlZGE3YTQ5NWI0ZTZlNzMzNGQzODkwMA==|MALFORMED", // 34 digits
        "dGltIHo5MTNhNjAyYzdlZGE3YTQ5NWI0ZTZlNzMzNGQzODkw|MALFORMED", // a non-hex digit
        "/3RpbSBiOTEzYTYwMmM3ZWRhN2E0OTViNGU2ZTczMzRkMzg5MA==|MALFORMED", // 0xFF: not UTF-8
        "dABpbSBiOTEzYTYwMmM3ZWRhN2E0OTViNGU2ZTczMzRkMzg5MA==|PROHIBITED", // NUL in the name
        "4oCuIGI5MTNhNjAyYzdlZGE3YTQ5NWI0ZTZlNzMzNGQzODkw|PROHIBITED", // U+202E only
    })
    void badResponses(String line, CramMd5.Problem problem) {
        assertEquals(new CramMd5.Response.Failed(problem), CramMd5.response(line));
    }

    @Test
    void theNameIsPreparedAndMayHoldSpaces() {
        String digest = " B913A602C7EDA7A495B4E6E7334D3890";
        CramMd5.Response.Ok ok = assertInstanceOf(CramMd5.Response.Ok.class, CramMd5.response(Base64.getEncoder()
                .encodeToString(utf8("\uFF54i\u00ADm x" + digest))));
        assertEquals("tim x", ok.user());
        assertEquals("b913a602c7eda7a495b4e6e7334d3890", HEX.formatHex(ok.digest()));
    }
}
