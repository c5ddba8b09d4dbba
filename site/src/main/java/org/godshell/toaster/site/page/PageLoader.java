package org.godshell.toaster.site.page;

import java.util.List;
import java.util.Optional;
import org.godshell.toaster.site.source.SourceFile;
import org.godshell.toaster.site.source.Warning;

/** Turns a markdown file into a {@link Page}: decodes it strictly, reads its front matter, names its output. */
public final class PageLoader {

    private PageLoader() {
    }

    /** Output names the generator uses for itself; a page may not take them. */
    public static Optional<String> reserved(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (name.equals("index.md")) {
            return Optional.of("index.md is reserved for folder listings; name the page Home.md or something else");
        }
        if (!path.contains("/") && (name.startsWith("_") || name.equals("404.md") || name.equals("sitemap.md"))) {
            return Optional.of("names starting with '_', 404.md and sitemap.md are reserved at the top");
        }
        if (path.startsWith("templates/")) {
            return Optional.of("templates/ holds the wiki's templates, not pages");
        }
        return Optional.empty();
    }

    public static Page load(SourceFile file, List<Warning> warnings) {
        String path = file.path();
        String stem = path.substring(path.lastIndexOf('/') + 1, path.length() - ".md".length());
        String url = path.equals("Home.md") ? "index.html" : path.substring(0, path.length() - ".md".length())
                + ".html";
        String fallbackTitle = path.equals("Home.md") ? "Home" : Titles.fromFileName(stem);
        if (file.content().isEmpty()) {
            return new Page(path, url, fallbackTitle, List.of(), List.of(), Optional.empty(), Optional.empty(),
                    Optional.of("This page is " + file.size() + " bytes, over the size limit; it is not shown."));
        }
        byte[] bytes = file.content().get();
        ByteLines.Decoded decoded = ByteLines.utf8(bytes);
        if (decoded.text().isEmpty()) {
            warnings.add(new Warning(path, ByteLines.lineOf(bytes, decoded.malformedAt()),
                    "not valid UTF-8; shown as an error notice"));
            return notice(path, url, fallbackTitle, "This page is not valid UTF-8 text; it is not shown.");
        }
        String text = decoded.text().get();
        if (text.indexOf('\0') >= 0) {
            warnings.add(new Warning(path, ByteLines.lineOf(bytes, ByteLines.indexOf(bytes, (byte) 0)),
                    "holds NUL bytes (binary data); shown as an error notice"));
            return notice(path, url, fallbackTitle, "This page holds binary data; it is not shown.");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        FrontMatterParser.Parsed parsed = FrontMatterParser.parse(text);
        parsed.problems().forEach(problem -> warnings.add(new Warning(path, problem.line(),
                "front matter: " + problem.message())));
        FrontMatter front = parsed.frontMatter();
        return new Page(path, url, front.title().orElse(fallbackTitle), front.tags(), front.aliases(),
                front.order(), Optional.of(parsed.body()), Optional.empty(), front.section());
    }

    private static Page notice(String path, String url, String title, String notice) {
        return new Page(path, url, title, List.of(), List.of(), Optional.empty(), Optional.empty(),
                Optional.of(notice));
    }
}
