package org.godshell.toaster.site.versions;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.revwalk.RevCommit;
import org.godshell.toaster.site.page.Page;
import org.godshell.toaster.site.page.PageLoader;
import org.godshell.toaster.site.render.Rendered;
import org.godshell.toaster.site.source.SourceFile;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * {@code /_version/PATH.md?at=COMMIT}: the page as it was in that commit, rendered and sanitized by the site's
 * own {@link org.godshell.toaster.site.render.PageRenderer}, its wiki links resolved against that commit's pages
 * ({@link OldTargets}) and leading to the site as it is now, under a banner saying which version it is.
 */
final class VersionView {

    private VersionView() {
    }

    static Context.Reply answer(Context context, String path, Revision.Found at) throws IOException {
        RevCommit commit = at.commit();
        Optional<SourceFile> file = PageAt.find(context.repository(), context.main(), commit, path,
                context.limits());
        if (file.isEmpty() || PageLoader.reserved(file.get().path()).isPresent()) {
            return context.error(404, path, "This page did not exist in that version.");
        }
        Page page = PageLoader.load(file.get(), new ArrayList<>());
        Rendered rendered = context.renderer().render(page, OldTargets.of(context.repository(), commit,
                context.limits()));
        String root = Sides.root(path);
        Map<String, Object> view = new HashMap<>();
        view.put("title", page.title());
        view.put("path", file.get().path());
        view.put("html", relink(rendered.html()));
        rendered.notice().or(page::notice).ifPresent(notice -> view.put("notice", notice));
        view.put("version", Sides.commit(commit, root));
        view.put("currentUrl", Sides.pageUrl(path, root));
        view.put("historyUrl", Sides.historyUrl(path, root));
        return context.render(200, "version.ftlh", root, "page", view, at.full());
    }

    /**
     * The rendering's relative links, written for the page's place in the site, made to work one folder further
     * down ({@code /_version/} or {@code /_compare/}): each gets one more {@code ../}. Fragments, absolute paths
     * and URLs with a scheme stay.
     */
    static String relink(String html) {
        Document document = Jsoup.parseBodyFragment(html);
        document.outputSettings().prettyPrint(false);
        for (Element element : document.body().select("[href], [src]")) {
            for (String attribute : new String[] {"href", "src"}) {
                String value = element.attr(attribute);
                if (element.hasAttr(attribute) && relative(value)) {
                    element.attr(attribute, "../" + value);
                }
            }
        }
        return document.body().html();
    }

    private static boolean relative(String url) {
        if (url.isEmpty() || url.startsWith("#") || url.startsWith("/")) {
            return false;
        }
        int colon = url.indexOf(':');
        int end = url.length();
        for (char stop : new char[] {'/', '?', '#'}) {
            int at = url.indexOf(stop);
            end = at >= 0 ? Math.min(end, at) : end;
        }
        return colon < 0 || colon > end;
    }
}
