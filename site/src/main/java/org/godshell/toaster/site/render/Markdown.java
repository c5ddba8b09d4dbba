package org.godshell.toaster.site.render;

import com.vladsch.flexmark.ext.admonition.AdmonitionExtension;
import com.vladsch.flexmark.ext.anchorlink.AnchorLinkExtension;
import com.vladsch.flexmark.ext.definition.DefinitionExtension;
import com.vladsch.flexmark.ext.footnotes.FootnoteExtension;
import com.vladsch.flexmark.ext.gfm.strikethrough.StrikethroughExtension;
import com.vladsch.flexmark.ext.gfm.tasklist.TaskListExtension;
import com.vladsch.flexmark.ext.tables.TablesExtension;
import com.vladsch.flexmark.ext.toc.TocExtension;
import com.vladsch.flexmark.ext.wikilink.WikiLinkExtension;
import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.data.MutableDataSet;
import com.vladsch.flexmark.util.misc.Extension;
import com.vladsch.flexmark.util.sequence.BasedSequence;
import java.util.List;

/**
 * The Flexmark set-up: one parser and one renderer, built once and shared by the rendering threads (Flexmark
 * documents both as thread-safe). Raw HTML in markdown is kept here and cleaned by the {@link Sanitizer}.
 */
final class Markdown {

    private final Parser parser;
    private final HtmlRenderer renderer;
    private final HeadingLinks headingLinks;

    Markdown() {
        this(extensions());
    }

    /**
     * The extensions, in the order they are registered. Autolinks and admonitions are Flexmark's own behind a
     * guard that spares them the text they cannot match ({@link AutolinkGuard}, {@link AdmonitionGuard}).
     */
    static List<Extension> extensions() {
        return List.of(TablesExtension.create(), TaskListExtension.create(), StrikethroughExtension.create(),
                new AutolinkGuard(), FootnoteExtension.create(), AnchorLinkExtension.create(), TocExtension.create(),
                new AdmonitionGuard(), DefinitionExtension.create(), WikiLinkExtension.create());
    }

    /** The same set-up with other extensions: the tests compare the guarded ones with Flexmark's. */
    Markdown(List<Extension> extensions) {
        MutableDataSet options = new MutableDataSet();
        options.set(Parser.EXTENSIONS, extensions);
        // GitHub's table syntax: no column spans, a header row required.
        options.set(TablesExtension.COLUMN_SPANS, false);
        options.set(TablesExtension.APPEND_MISSING_COLUMNS, true);
        options.set(TablesExtension.DISCARD_EXTRA_COLUMNS, true);
        options.set(TablesExtension.HEADER_SEPARATOR_COLUMN_MATCH, true);
        // [[label|Page]] as Gollum and GitHub wikis write it; [[Page#section]] keeps its anchor.
        options.set(WikiLinkExtension.LINK_FIRST_SYNTAX, false);
        options.set(WikiLinkExtension.ALLOW_ANCHORS, true);
        options.set(HtmlRenderer.RENDER_HEADER_ID, true);
        options.set(HtmlRenderer.GENERATE_HEADER_ID, true);
        options.set(AnchorLinkExtension.ANCHORLINKS_WRAP_TEXT, true);
        options.set(AnchorLinkExtension.ANCHORLINKS_SET_ID, false);
        options.set(AnchorLinkExtension.ANCHORLINKS_ANCHOR_CLASS, "anchor");
        options.set(HtmlRenderer.FENCED_CODE_LANGUAGE_CLASS_PREFIX, "language-");
        options.set(HtmlRenderer.SOFT_BREAK, "\n");
        // The admonition maps' defaults are read from the jar's resources on every parse and render when the
        // options lack them (a fifth of a full build's time); set once here, they are read once.
        options.set(AdmonitionExtension.QUALIFIER_TYPE_MAP, AdmonitionExtension.getQualifierTypeMap());
        options.set(AdmonitionExtension.QUALIFIER_TITLE_MAP, AdmonitionExtension.getQualifierTitleMap());
        options.set(AdmonitionExtension.TYPE_SVG_MAP, AdmonitionExtension.getQualifierSvgValueMap());
        parser = Parser.builder(options).build();
        headingLinks = new HeadingLinks(options);
        renderer = HtmlRenderer.builder(options).linkResolverFactory(new WikiLinks.ResolverFactory(headingLinks))
                .attributeProviderFactory(new WikiLinks.MissingClass()).build();
    }

    /**
     * Raw (unsanitized) HTML of a page body, written to {@code html}; wiki links land in the collector. Flexmark
     * reads the body through the given sequence, so a {@link Budget.Input} sees every read.
     */
    void toHtml(CharSequence markdown, LinkCollector links, Appendable html) {
        Document document = parser.parse(BasedSequence.of(markdown));
        WikiLinks.COLLECTOR.set(document, links);
        links.headings.putAll(headingLinks.prepare(document));
        renderer.render(document, html);
    }
}
