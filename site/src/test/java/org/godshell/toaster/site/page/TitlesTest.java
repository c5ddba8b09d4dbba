package org.godshell.toaster.site.page;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TitlesTest {

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "Plugin: rbl; plugin rbl", "Plugin-rbl; plugin rbl", "  Users and   domains ; users and domains",
        "SMTP_AUTH; smtp auth", "Ünïcode Page; ünïcode page", "a:b; ab", "---; ''",
    })
    void keys(String name, String key) {
        assertEquals(key, Titles.key(name));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "Home.md; index.html", "a b/Page x.md; a%20b/Page%20x.html", "c:d.md; c%3Ad.html", "é.md; %C3%A9.html",
    })
    void urls(String path, String href) {
        String url = path.equals("Home.md") ? "index.html" : path.substring(0, path.length() - 3) + ".html";
        assertEquals(href, Urls.encodePath(url));
    }
}
