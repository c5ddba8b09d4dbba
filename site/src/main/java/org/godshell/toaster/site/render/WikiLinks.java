package org.godshell.toaster.site.render;

import com.vladsch.flexmark.ext.wikilink.WikiLink;
import com.vladsch.flexmark.ext.wikilink.WikiLinkExtension;
import com.vladsch.flexmark.ext.wikilink.internal.WikiLinkLinkResolver;
import com.vladsch.flexmark.html.AttributeProvider;
import com.vladsch.flexmark.html.IndependentAttributeProviderFactory;
import com.vladsch.flexmark.html.IndependentLinkResolverFactory;
import com.vladsch.flexmark.html.LinkResolver;
import com.vladsch.flexmark.html.renderer.AttributablePart;
import com.vladsch.flexmark.html.renderer.LinkResolverBasicContext;
import com.vladsch.flexmark.html.renderer.LinkStatus;
import com.vladsch.flexmark.html.renderer.ResolvedLink;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.data.NullableDataKey;
import com.vladsch.flexmark.util.html.Attribute;
import com.vladsch.flexmark.util.html.MutableAttributes;
import java.util.Optional;
import java.util.Set;
import org.godshell.toaster.site.page.Page;
import org.godshell.toaster.site.page.Urls;

/**
 * Resolves {@code [[Page]]}, {@code [[label|Page]]} and {@code [[Page#section]]} against the wiki's pages. A link
 * to a missing page leads to the browser editor of the page it would be ({@code _edit/Name.md}: the wiki's server
 * opens it empty) and gets the class {@code wiki-missing}, the "red link" of wikis; so does a link to a heading this page does not have ({@link HeadingLinks}).
 */
final class WikiLinks {

    static final NullableDataKey<LinkCollector> COLLECTOR = new NullableDataKey<>("TOASTER_WIKI_LINKS");
    static final LinkStatus MISSING = new LinkStatus("MISSING");
    static final LinkStatus MISSING_HEADING = new LinkStatus("MISSING_HEADING");
    static final String MISSING_CLASS = "wiki-missing";
    /** Where a page's editor is, from the site's root: the wiki's server answers there. */
    static final String EDITOR = "_edit/";

    private WikiLinks() {
    }

    /** Runs before flexmark's own wiki-link resolver, which would only turn the text into a file name. */
    static final class ResolverFactory extends IndependentLinkResolverFactory {
        private final HeadingLinks headings;

        ResolverFactory(HeadingLinks headings) {
            this.headings = headings;
        }

        @Override
        public Set<Class<?>> getBeforeDependents() {
            return Set.of(WikiLinkLinkResolver.Factory.class);
        }

        /**
         * The collector is the rendered document's, from the context: a node's own {@code getDocument()} is null
         * where Flexmark moved it out of its tree (a wiki link in a loose task item before a nested list).
         */
        @Override
        public LinkResolver apply(LinkResolverBasicContext context) {
            return (node, basic, link) -> resolve(COLLECTOR.get(context.getDocument()), node, link, headings);
        }
    }

    private static ResolvedLink resolve(LinkCollector collector, Node node, ResolvedLink link,
            HeadingLinks headings) {
        if (link.getLinkType() != WikiLinkExtension.WIKI_LINK || !(node instanceof WikiLink wiki)) {
            return link;
        }
        String target = wiki.getPageRef().toString().strip();
        String anchor = wiki.getAnchorMarker().isNull() ? "" : "#" + headings.anchor(wiki.getAnchorRef());
        if (target.isEmpty()) {
            if (collector.headings.containsKey(anchor.substring(Math.min(1, anchor.length())))) {
                return new ResolvedLink(link.getLinkType(), anchor, null, LinkStatus.VALID);
            }
            // [[#]], [[#No such heading]]: reported with the broken links, shown red, never an empty link
            collector.missing.add("#" + wiki.getAnchorRef().toString().strip());
            return new ResolvedLink(link.getLinkType(), anchor.isEmpty() ? "#" : anchor, null, MISSING_HEADING);
        }
        String root = Urls.root(collector.page.depth());
        Optional<Page> page = collector.targets.find(target);
        collector.resolved.put(target, page.map(Page::path).orElse(""));
        if (page.isPresent()) {
            collector.reached.add(page.get().path());
            if (!anchor.isEmpty()) {
                collector.headingLinks.add(new Rendered.HeadingLink(page.get().path(), anchor.substring(1),
                        target + "#" + wiki.getAnchorRef().toString().strip()));
            }
            return new ResolvedLink(link.getLinkType(), root + Urls.encodePath(page.get().url()) + anchor, null,
                    LinkStatus.VALID);
        }
        collector.missing.add(target);
        // a red link opens the browser editor on the page it names (site.edit), relative like every link
        String wouldBe = target.replace(":", "").strip().replaceAll("\\s+", "-") + ".md";
        return new ResolvedLink(link.getLinkType(), root + EDITOR + Urls.encodePath(wouldBe), null, MISSING);
    }

    /** Marks the links the resolver found missing. */
    static final class MissingClass extends IndependentAttributeProviderFactory {
        @Override
        public AttributeProvider apply(com.vladsch.flexmark.html.renderer.LinkResolverContext context) {
            return WikiLinks::mark;
        }
    }

    private static void mark(Node node, AttributablePart part, MutableAttributes attributes) {
        if (!(node instanceof WikiLink) || part != AttributablePart.LINK) {
            return;
        }
        String status = attributes.getValue(Attribute.LINK_STATUS_ATTR);
        if (MISSING.isStatus(status)) {
            attributes.addValue("class", MISSING_CLASS);
            attributes.replaceValue("title", "This page does not exist yet");
        } else if (MISSING_HEADING.isStatus(status)) {
            attributes.addValue("class", MISSING_CLASS);
            attributes.replaceValue("title", "This page has no such heading");
        }
    }
}
