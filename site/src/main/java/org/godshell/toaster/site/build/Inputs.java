package org.godshell.toaster.site.build;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.godshell.toaster.site.page.Page;
import org.godshell.toaster.site.page.PageLoader;
import org.godshell.toaster.site.source.Snapshot;
import org.godshell.toaster.site.source.SourceFile;
import org.godshell.toaster.site.source.Warning;

/**
 * The snapshot's files sorted by role: pages ({@code .md}), template overrides ({@code templates/*.ftlh|ftlx}) and
 * attachments, with each page's blob id (what its cached rendering is checked against). Only attachments a
 * browser shows inertly are published (images, PDF, text, archives): an HTML, SVG or script file from the
 * repository would run in readers' browsers on the wiki's origin.
 */
record Inputs(List<Page> pages, Map<String, String> blobs, Map<String, String> templates,
              List<SourceFile> attachments) {

    static final Set<String> ATTACHMENT_TYPES = Set.of("png", "jpg", "jpeg", "gif", "webp", "avif", "pdf", "txt",
            "csv", "zip", "gz", "tgz", "xz", "bz2", "tar", "patch", "diff");

    static Inputs sort(Snapshot snapshot, List<Warning> warnings) {
        List<Page> pages = new ArrayList<>();
        Map<String, String> blobs = new TreeMap<>();
        Map<String, String> templates = new TreeMap<>();
        List<SourceFile> attachments = new ArrayList<>();
        PageMemory memory = new PageMemory();
        for (SourceFile file : snapshot.files()) {
            String path = file.path();
            if (path.startsWith("templates/")) {
                String name = path.substring("templates/".length());
                if ((name.endsWith(".ftlh") || name.endsWith(".ftlx")) && !name.contains("/")
                        && file.content().isPresent()) {
                    templates.put(name, new String(file.content().get(), StandardCharsets.UTF_8));
                } else {
                    warnings.add(new Warning(path, "templates/ holds only NAME.ftlh and NAME.ftlx; ignored"));
                }
                continue;
            }
            if (file.isMarkdown()) {
                Optional<String> reserved = PageLoader.reserved(path);
                if (reserved.isPresent()) {
                    warnings.add(new Warning(path, "skipped: " + reserved.get()));
                } else {
                    pages.add(memory.load(file, warnings));
                    blobs.put(path, file.blob().name());
                }
                continue;
            }
            String extension = path.substring(path.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
            if (!path.contains(".") || !ATTACHMENT_TYPES.contains(extension)) {
                warnings.add(new Warning(path, "not published: only images, PDF, text and archives are copied"));
            } else if (path.startsWith("_")) {
                warnings.add(new Warning(path, "not published: top-level names starting with '_' are the site's"));
            } else if (file.content().isPresent()) {
                attachments.add(file);
            }
        }
        memory.remember();
        return new Inputs(pages, blobs, templates, attachments);
    }
}
