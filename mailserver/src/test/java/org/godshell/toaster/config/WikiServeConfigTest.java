package org.godshell.toaster.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code control/wikiurl}, where people reach a wiki that sits behind another web server: one http(s) URL with a
 * host name, ending with a slash; anything else stops the wiki's start with the file and line.
 */
class WikiServeConfigTest {

    @TempDir
    Path control;

    @BeforeEach
    void files() throws Exception {
        Files.writeString(control.resolve("me"), "mail.example.org\n");
        Files.writeString(control.resolve("listen-http"), "127.0.0.1:8080\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://mail.example.org/", "https://mail.example.org", "http://wiki.example.org:8443/docs/"})
    void aSiteUrlEndsWithASlash(String url) throws Exception {
        Files.writeString(control.resolve("wikiurl"), url + "\n");
        Optional<String> read = WikiServeConfig.load(control).siteUrl();
        assertEquals(Optional.of(url.endsWith("/") ? url : url + "/"), read);
    }

    @Test
    void noFileNoUrl() throws Exception {
        assertEquals(Optional.empty(), WikiServeConfig.load(control).siteUrl());
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", "ftp://mail.example.org/", "https://mail example.org/",
        "https://mail.example.org/?q=1", "https://mail.example.org/#top", "https://user@mail.example.org/",
        "https://mail.example.org:99999/", "https://mail.example.org/\"><script>", "https://-bad-/",
        "mail.example.org", "https://mail.example.org/a-path-far-too-long-for-a-wiki/"
            + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
            + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void anythingElseIsRefusedWithItsLine(String url) throws Exception {
        Files.writeString(control.resolve("wikiurl"), url + "\n");
        ConfigException e = assertThrows(ConfigException.class, () -> WikiServeConfig.load(control));
        assertTrue(e.getMessage().contains("wikiurl:1"), e.getMessage());
        assertTrue(e.getMessage().contains("such as https://mail.example.org/"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
}
