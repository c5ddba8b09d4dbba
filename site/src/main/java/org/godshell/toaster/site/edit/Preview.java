package org.godshell.toaster.site.edit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.godshell.toaster.site.page.LinkTargets;
import org.godshell.toaster.site.page.Page;
import org.godshell.toaster.site.page.PageLoader;
import org.godshell.toaster.site.render.PageRenderer;
import org.godshell.toaster.site.render.Rendered;
import org.godshell.toaster.site.source.Limits;
import org.godshell.toaster.site.source.Snapshot;
import org.godshell.toaster.site.source.SourceFile;
import org.godshell.toaster.site.source.TreeReader;
import org.godshell.toaster.site.source.Warning;

/**
 * The editor's preview: the text rendered by the site's own pipeline ({@link PageLoader}, {@link PageRenderer}
 * with its limits and {@link org.godshell.toaster.site.render.Sanitizer}), its wiki links resolved against the
 * pages on main (read once per commit). The page is rendered as if it stood at its editor's URL, one folder
 * deeper than the page, so that its relative links and images work there. At most {@link #AT_ONCE} previews
 * render at a time; past that the caller is told to wait, as a preview is a full render.
 */
final class Preview {

    static final int AT_ONCE = 4;

    private record Targets(Optional<ObjectId> commit, LinkTargets targets) {
    }

    private final Repository repository;
    private final Limits limits;
    private final PageRenderer renderer;
    private final Semaphore slots = new Semaphore(AT_ONCE);
    private Targets cached;

    Preview(Repository repository, Limits limits) {
        this.repository = repository;
        this.limits = limits;
        this.renderer = new PageRenderer(limits);
    }

    /** The sanitized HTML (or the notice saying why the page cannot be shown); empty when all slots are busy. */
    Optional<String> render(EditPath path, String text) throws IOException {
        if (!slots.tryAcquire()) {
            return Optional.empty();
        }
        try {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            List<Warning> warnings = new ArrayList<>();
            Optional<byte[]> content = bytes.length > limits.maxPageBytes() ? Optional.empty() : Optional.of(bytes);
            Page loaded = PageLoader.load(new SourceFile(path.path(), ObjectId.zeroId(), bytes.length, content),
                    warnings);
            Page atEditor = new Page(loaded.path(), "_edit/" + loaded.url(), loaded.title(), loaded.tags(),
                    loaded.aliases(), loaded.order(), loaded.body(), loaded.notice());
            Rendered rendered = renderer.render(atEditor, targets());
            return Optional.of(rendered.notice().map(Preview::notice).orElse(rendered.html()));
        } finally {
            slots.release();
        }
    }

    private synchronized LinkTargets targets() throws IOException {
        Optional<ObjectId> main = PageFiles.main(repository);
        if (cached == null || !cached.commit().equals(main)) {
            List<Page> pages = new ArrayList<>();
            List<Warning> ignored = new ArrayList<>();
            if (main.isPresent()) {
                Snapshot snapshot = new TreeReader(limits).read(repository, main.get());
                for (SourceFile file : snapshot.files()) {
                    if (file.isMarkdown() && PageLoader.reserved(file.path()).isEmpty()) {
                        pages.add(PageLoader.load(file, ignored));
                    }
                }
            }
            cached = new Targets(main, new LinkTargets(pages, ignored));
        }
        return cached.targets();
    }

    private static String notice(String text) {
        return "<p class=\"wiki-notice\">" + text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                + "</p>";
    }
}
