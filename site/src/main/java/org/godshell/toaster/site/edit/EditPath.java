package org.godshell.toaster.site.edit;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.godshell.toaster.site.edit.form.FormParser;
import org.godshell.toaster.site.git.PathRules;
import org.godshell.toaster.site.git.PushLimits;
import org.godshell.toaster.site.page.PageLoader;
import org.godshell.toaster.site.page.Urls;

/**
 * A page's repository path as the editor's URLs and forms carry it ({@code guide/Install.md}), accepted only when
 * a push could bring a page there: the name rules of a push ({@link PathRules}: no {@code ..}, backslash,
 * control character, {@code .git}, device name...), the push's depth and length limits, a {@code .md} name, and
 * none of the names the generator keeps for itself.
 */
record EditPath(String path) {

    /** The path, or why it is refused (said as a 400). */
    sealed interface Parsed {
    }

    record Valid(EditPath path) implements Parsed {
    }

    record Invalid(String reason) implements Parsed {
    }

    static Parsed of(String path, PushLimits limits) {
        if (!path.endsWith(".md")) {
            return new Invalid("only pages (names ending in .md) can be edited here");
        }
        Optional<String> problem = PathRules.file(path);
        if (problem.isEmpty() && path.getBytes(StandardCharsets.UTF_8).length > limits.maxPathBytes()) {
            problem = Optional.of("the path is longer than " + limits.maxPathBytes() + " bytes");
        }
        if (problem.isEmpty() && path.chars().filter(c -> c == '/').count() + 1 > limits.maxDepth()) {
            problem = Optional.of("the path nests deeper than " + limits.maxDepth() + " folders");
        }
        if (problem.isEmpty()) {
            problem = PageLoader.reserved(path);
        }
        return problem.<Parsed>map(Invalid::new).orElseGet(() -> new Valid(new EditPath(path)));
    }

    /** From the percent-encoded rest of a URL path ({@code /_edit/REST}). */
    static Parsed ofUrl(String encoded, PushLimits limits) {
        try {
            return of(FormParser.decodePath(encoded), limits);
        } catch (FormParser.Malformed e) {
            return new Invalid(e.getMessage());
        }
    }

    /** Where the page is published, relative to the site's root. */
    String url() {
        return path.equals("Home.md") ? "index.html" : path.substring(0, path.length() - ".md".length()) + ".html";
    }

    /** This page's editor, relative to the site's root. */
    String editorUrl() {
        return "_edit/" + Urls.encodePath(path);
    }

    /** The "../" leading from this page's editor back to the site's root. */
    String root() {
        return Urls.root((int) editorUrl().chars().filter(c -> c == '/').count());
    }

    String name() {
        return path.substring(0, path.length() - ".md".length());
    }
}
