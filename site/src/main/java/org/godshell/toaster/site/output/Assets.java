package org.godshell.toaster.site.output;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * The bytes of each static file a site carries under {@code _assets/} ({@link Templates#ASSETS}): ours from the
 * classpath, and highlight.js from its webjar, so the pages' scripts and styles come from the wiki's own origin
 * and the CSP ({@code script-src 'self'}) stays as strict as it is.
 *
 * <p>{@code highlight.css} joins highlight.js's GitHub light and dark styles, the dark one only where the wiki is
 * dark: by {@code prefers-color-scheme} unless the theme button chose light, or by the button's {@code
 * data-theme="dark"}. The dark rules are nested (CSS nesting) under {@code :where(...)}, which adds no
 * specificity, so they override the light ones by coming later and {@code wiki.css} can still restyle both.
 * Their licence and theme comments are kept as they are.
 */
public final class Assets {

    private static final String OURS = "/org/godshell/toaster/site/assets/";
    private static final String WEBJAR = "/META-INF/maven/org.webjars/highlightjs/pom.properties";

    private Assets() {
    }

    public static byte[] bytes(String name) throws IOException {
        return switch (name) {
            case "highlight.min.js" -> resource(highlightFolder() + "highlight.min.js");
            case "highlight.css" -> highlightCss().getBytes(StandardCharsets.UTF_8);
            default -> resource(OURS + name);
        };
    }

    private static String highlightCss() throws IOException {
        String light = text(highlightFolder() + "styles/github.min.css");
        String dark = text(highlightFolder() + "styles/github-dark.min.css");
        return "/* highlight.js " + highlightVersion() + ": GitHub, and GitHub Dark where the wiki is dark. */\n"
                + light + "\n"
                + "@media (prefers-color-scheme: dark) {\n:where(:root:not([data-theme=\"light\"])) {\n" + dark
                + "\n}\n}\n"
                + ":where(:root[data-theme=\"dark\"]) {\n" + dark + "\n}\n";
    }

    /** The webjar's files sit under its version, which only the parent pom pins: it is read from the jar. */
    private static String highlightFolder() throws IOException {
        return "/META-INF/resources/webjars/highlightjs/" + highlightVersion() + "/";
    }

    static String highlightVersion() throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(text(WEBJAR)));
        String version = properties.getProperty("version", "");
        if (!version.matches("[0-9][0-9A-Za-z.-]*")) {
            throw new IOException(WEBJAR + " names no version");
        }
        return version;
    }

    private static String text(String path) throws IOException {
        return new String(resource(path), StandardCharsets.UTF_8);
    }

    private static byte[] resource(String path) throws IOException {
        try (InputStream in = Assets.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IOException("asset " + path + " missing from the classpath");
            }
            return in.readAllBytes();
        }
    }
}
