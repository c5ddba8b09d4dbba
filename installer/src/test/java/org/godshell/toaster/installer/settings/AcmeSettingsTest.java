package org.godshell.toaster.installer.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AcmeSettingsTest {

    private static AcmeSettings.Given given(String email, String directory, Path ca, boolean agree) {
        return new AcmeSettings.Given(email, directory, ca, null, agree);
    }

    @Test
    void theChallengeIsHttp01UnlessTlsAlpn01IsAskedFor() throws SettingsException {
        assertEquals(AcmeSettings.HTTP_01, AcmeSettings.of(given("a@example.org", null, null, true), false, true)
                .orElseThrow().challenge());
        assertEquals(AcmeSettings.TLS_ALPN_01, AcmeSettings.of(new AcmeSettings.Given("a@example.org", null, null,
                " TLS-ALPN-01 ", true), false, true).orElseThrow().challenge());
        for (String bad : new String[] {"dns-01", "", "http-01;rm", "tls-alpn-01\n--force", "x".repeat(500)}) {
            SettingsException e = assertThrows(SettingsException.class, () -> AcmeSettings.of(new AcmeSettings.Given(
                    "a@example.org", null, null, bad, true), false, true));
            assertTrue(e.getMessage().startsWith("--acme-challenge"), e.getMessage());
        }
        assertThrows(SettingsException.class, () -> AcmeSettings.of(new AcmeSettings.Given(null, null, null,
                "tls-alpn-01", true), false, true), "a challenge without --acme");
    }

    @Test
    void noAcmeOptionMeansNoAcme() throws SettingsException {
        assertTrue(AcmeSettings.of(null, false, true).isEmpty());
        assertTrue(AcmeSettings.of(given(null, null, null, false), false, true).isEmpty());
    }

    @Test
    void letsEncryptIsTheDefaultAndStagingHasAName() throws SettingsException {
        AcmeSettings acme = AcmeSettings.of(given("Admin@Example.ORG", null, null, true), false, true).orElseThrow();
        assertEquals("Admin@example.org", acme.email());
        assertEquals(AcmeSettings.LETS_ENCRYPT, acme.directory());
        assertEquals(AcmeSettings.LETS_ENCRYPT_STAGING, AcmeSettings.of(given("a@example.org", "LetsEncrypt-Staging",
                null, true), false, true).orElseThrow().directory());
        assertEquals("https://ca.example.net:14000/dir", AcmeSettings.of(given("a@example.org",
                "https://ca.example.net:14000/dir", null, true), false, true).orElseThrow().directory());
    }

    @Test
    void theTermsMustBeAgreedTo() {
        SettingsException e = assertThrows(SettingsException.class,
                () -> AcmeSettings.of(given("a@example.org", null, null, false), false, true));
        assertTrue(e.getMessage().contains("--agree-tos"), e.getMessage());
    }

    @Test
    void aGivenCertificateAndAcmeExcludeEachOther() {
        SettingsException e = assertThrows(SettingsException.class,
                () -> AcmeSettings.of(given("a@example.org", null, null, true), true, true));
        assertTrue(e.getMessage().contains("--cert"), e.getMessage());
    }

    @Test
    void theWikiMustRunToAnswerTheCa() {
        SettingsException e = assertThrows(SettingsException.class,
                () -> AcmeSettings.of(given("a@example.org", null, null, true), false, false));
        assertTrue(e.getMessage().contains("--no-start"), e.getMessage());
    }

    @Test
    void directoryAndCaWithoutAcmeAreRefused() {
        assertThrows(SettingsException.class, () -> AcmeSettings.of(given(null, "letsencrypt", null, true), false,
                true));
        assertThrows(SettingsException.class, () -> AcmeSettings.of(given(null, null, Path.of("/etc/hosts"), true),
                false, true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not an address", "a@", "@example.org", "a@exa mple.org", "a@example.org\n--force",
        "a;rm -rf /@example.org", "a@-example.org"})
    void badEmailsAreRefused(String email) {
        assertThrows(SettingsException.class, () -> AcmeSettings.of(given(email, null, null, true), false, true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://ca.example.net/dir", "ftp://ca.example.net/", "javascript:alert(1)",
        "https://", "https://user:pw@ca.example.net/dir", "https://ca.example.net/dir#x", "https://ca.example.net/a b",
        "https://ca.example.net/\u0000", "--force", "letsencrypt-prod", "", "https://ca.example.net/é"})
    void badDirectoriesAreRefused(String directory) {
        SettingsException e = assertThrows(SettingsException.class,
                () -> AcmeSettings.of(given("a@example.org", directory, null, true), false, true));
        assertTrue(e.getMessage().startsWith("--acme-directory"), e.getMessage());
    }

    @Test
    void anOversizedDirectoryIsRefused() {
        String longUrl = "https://ca.example.net/" + "a".repeat(3000);
        assertThrows(SettingsException.class, () -> AcmeSettings.of(given("a@example.org", longUrl, null, true),
                false, true));
    }

    @Test
    void theCaFileMustBeReadable(@TempDir Path temp) throws Exception {
        assertThrows(SettingsException.class, () -> AcmeSettings.of(given("a@example.org", null,
                temp.resolve("missing.pem"), true), false, true));
        assertThrows(SettingsException.class, () -> AcmeSettings.of(given("a@example.org", null, temp, true), false,
                true));
        Path ca = Files.writeString(temp.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        assertEquals(Optional.of(ca.toAbsolutePath()), AcmeSettings.of(given("a@example.org", null, ca, true), false,
                true).orElseThrow().caCert());
    }
}
