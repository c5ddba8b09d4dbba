package org.godshell.toaster.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CaDirectoryTest {

    @Test
    void shortNamesAndUrls() {
        assertEquals(CaDirectory.LETSENCRYPT, CaDirectory.parse("letsencrypt"));
        assertEquals(CaDirectory.LETSENCRYPT_STAGING, CaDirectory.parse(" LetsEncrypt-Staging "));
        assertEquals("https://acme-staging-v02.api.letsencrypt.org/directory",
                CaDirectory.LETSENCRYPT_STAGING.toString());
        assertEquals("https://127.0.0.1:14000/dir", CaDirectory.parse("https://127.0.0.1:14000/dir").toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "http://ca.test/dir", "ftp://ca.test/", "https:///dir", "https://u:p@ca.test/dir",
            "https://ca.test/dir#x", "letsencrypt-prod", "https://ca test/", "\u0000"})
    void anythingElseIsRefused(String text) {
        assertThrows(IllegalArgumentException.class, () -> CaDirectory.parse(text));
    }
}
