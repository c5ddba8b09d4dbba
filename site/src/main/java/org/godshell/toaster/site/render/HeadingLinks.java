package org.godshell.toaster.site.render;

import com.vladsch.flexmark.ast.Heading;
import com.vladsch.flexmark.ast.Text;
import com.vladsch.flexmark.ext.wikilink.WikiLink;
import com.vladsch.flexmark.html.renderer.HeaderIdGenerator;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.data.DataHolder;
import com.vladsch.flexmark.util.sequence.BasedSequence;
import java.util.HashMap;
import java.util.Map;

/**
 * Wiki links to a heading: {@code [[#Heading]]} on the same page and {@code [[Page#Heading]]}. Anchors are made by
 * the very generator (and options) that gives the headings their ids, so a link lands where the heading is. A
 * heading link written without a label gets one: the heading's own text on the same page, "Page § Heading" for
 * another page (that page's headings are not known while this one renders). Labels are text nodes: the renderer
 * escapes them.
 */
final class HeadingLinks {

    private final HeaderIdGenerator ids;

    HeadingLinks(DataHolder options) {
        ids = new HeaderIdGenerator(options);
    }

    /** The anchor a heading titled {@code text} gets (before "-1", "-2" for repeated headings). */
    String anchor(CharSequence text) {
        return HeaderIdGenerator.generateId(text.toString().strip(), ids.getToDashChars(), ids.getNonDashChars(),
                ids.isNoDupedDashes(), ids.isNonAsciiToLowercase());
    }

    /** The document's headings, id to text, and a label on every heading link that has none. */
    Map<String, String> prepare(Document document) {
        new HeaderIdGenerator(document).generateIds(document);
        Map<String, String> headings = new HashMap<>();
        for (Node node : document.getDescendants()) {
            if (node instanceof Heading heading && heading.getAnchorRefId() != null) {
                headings.putIfAbsent(heading.getAnchorRefId(), heading.getAnchorRefText());
            }
        }
        for (Node node : document.getDescendants()) {
            if (node instanceof WikiLink link && link.getAnchorMarker().isNotNull() && link.getTextSeparatorMarker().isNull()) {
                label(link, headings);
            }
        }
        return headings;
    }

    private void label(WikiLink link, Map<String, String> headings) {
        String page = link.getPageRef().toString().strip();
        String heading = link.getAnchorRef().toString().strip();
        String label;
        if (!page.isEmpty()) {
            label = heading.isEmpty() ? page : page + " § " + heading;
        } else {
            label = headings.getOrDefault(anchor(heading), "#" + heading);
        }
        link.removeChildren();
        link.appendChild(new Text(BasedSequence.of(label)));
    }
}
