package org.godshell.toaster.site.versions;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.godshell.toaster.site.output.SiteConfig;
import org.godshell.toaster.site.output.Views;
import org.godshell.toaster.site.page.Urls;

/** What the version and compare pages say about a commit and a page, as plain values for the templates. */
final class Sides {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC).withLocale(Locale.ROOT);
    /** Control characters, and the two non-characters XML forbids: as U+FFFD, as the site's history shows them. */
    private static final Pattern UNPRINTABLE = Pattern.compile("[\\x00-\\x1f\\x7f\\uFFFE\\uFFFF]");
    /** The same but for tab, line feed and carriage return, which page text keeps. */
    private static final Pattern UNPRINTABLE_IN_TEXT = Pattern.compile(
            "[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f\\uFFFE\\uFFFF]");
    private static final int MAX_SUBJECT = 200;

    private Sides() {
    }

    /**
     * A commit as a banner shows it: commit, shortCommit, url, date, iso, author, subject (a map: templates see
     * only public types' members, and this package keeps its types to itself). Author and subject are escaped by
     * the template and made printable here.
     */
    static Map<String, String> commit(RevCommit commit, String root) {
        PersonIdent author = commit.getAuthorIdent();
        String subject = commit.getShortMessage();
        if (subject.length() > MAX_SUBJECT) {
            subject = subject.substring(0, MAX_SUBJECT) + "…";
        }
        return Map.of("commit", commit.name(), "shortCommit", commit.name().substring(0, 12),
                "url", root + "_commit/" + commit.name() + ".html", "date", SHOWN.format(author.getWhenAsInstant()),
                "iso", author.getWhenAsInstant().toString(), "author", printable(author.getName()),
                "subject", printable(subject));
    }

    static String printable(String text) {
        return UNPRINTABLE.matcher(text).replaceAll("\uFFFD");
    }

    static String printableText(String text) {
        return UNPRINTABLE_IN_TEXT.matcher(text).replaceAll("\uFFFD");
    }

    /** The "../" back to the site's root from {@code /_version/PATH} or {@code /_compare/PATH}. */
    static String root(String path) {
        return Urls.root((int) path.chars().filter(c -> c == '/').count() + 1);
    }

    /** The page's file in the site as it is now (a redirect when it was renamed since). */
    static String pageUrl(String path, String root) {
        String url = path.equals("Home.md") ? "index.html" : stem(path) + ".html";
        return root + Urls.encodePath(url);
    }

    static String historyUrl(String path, String root) {
        return root + Urls.encodePath("_history/" + stem(path) + ".html");
    }

    /** The file name without {@code .md}, as a title when the page has none of its own. */
    static String name(String path) {
        String stem = stem(path);
        return stem.substring(stem.lastIndexOf('/') + 1).replace('-', ' ');
    }

    private static String stem(String path) {
        return path.substring(0, path.length() - ".md".length());
    }

    static Views.SiteView site(SiteConfig config, String root) {
        return new Views.SiteView(config.title(), root, config.siteUrl(), config.cloneUrl(), null, null, null);
    }
}
