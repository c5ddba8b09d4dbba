package org.godshell.toaster.site.output;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AssetsTest {

    private static String text(String name) throws IOException {
        return new String(Assets.bytes(name), StandardCharsets.UTF_8);
    }

    @Test
    void everyAssetIsOnTheClasspath() throws IOException {
        for (String asset : Templates.ASSETS) {
            assertTrue(Assets.bytes(asset).length > 0, asset);
        }
    }

    @Test
    void highlightJsKeepsItsLicenceHeader() throws IOException {
        String script = text("highlight.min.js");
        assertTrue(script.startsWith("/*!\n  Highlight.js v" + Assets.highlightVersion()), script.substring(0, 80));
        assertTrue(script.contains("License: BSD-3-Clause"));
        // the languages the wiki's pages use, in the bundle the webjar ships
        for (String language : new String[] {"bash", "yaml", "ini", "java", "perl", "python", "plaintext"}) {
            assertTrue(script.contains("grmr_" + language), language);
        }
    }

    @Test
    void theDarkStyleAppliesOnlyWhereTheWikiIsDark() throws IOException {
        String css = text("highlight.css");
        assertTrue(css.contains("Theme: GitHub\n") && css.contains("Theme: GitHub Dark"), "both styles, credited");
        int light = css.indexOf(".hljs{color:#24292e");
        int dark = css.indexOf(".hljs{color:#c9d1d9");
        assertTrue(light >= 0 && dark > light, "light first, dark overrides it");
        assertTrue(css.indexOf("@media (prefers-color-scheme: dark) {\n:where(:root:not([data-theme=\"light\"])) {")
                < dark, "by the system setting unless the theme button chose light");
        assertTrue(css.contains(":where(:root[data-theme=\"dark\"]) {\n"), "or by the theme button");
        assertTrue(css.chars().filter(c -> c == '{').count() == css.chars().filter(c -> c == '}').count(),
                "balanced braces");
    }

    @Test
    void anUnknownAssetIsAnError() {
        try {
            Assets.bytes("missing.js");
            throw new AssertionError("an asset that does not exist was read");
        } catch (IOException expected) {
            assertTrue(expected.getMessage().contains("missing from the classpath"), expected.getMessage());
        }
    }
}
