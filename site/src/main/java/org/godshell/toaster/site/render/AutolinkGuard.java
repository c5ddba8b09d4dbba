package org.godshell.toaster.site.render;

import com.vladsch.flexmark.ast.HtmlEntity;
import com.vladsch.flexmark.ast.Text;
import com.vladsch.flexmark.ext.autolink.internal.AutolinkNodePostProcessor;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.parser.block.NodePostProcessor;
import com.vladsch.flexmark.parser.block.NodePostProcessorFactory;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.ast.NodeTracker;
import com.vladsch.flexmark.util.ast.TypographicText;
import com.vladsch.flexmark.util.data.MutableDataHolder;

/**
 * Flexmark's autolink extension (bare {@code https://…}, {@code www.…} and e-mail addresses become links), with
 * its post-processor given only the text that can hold such a link. Flexmark 0.64.8 runs, on every text node, the
 * autolink library's scanner and then its own pattern {@code \b([a-z][a-z0-9+.-]*://)(?:\s|$)}, which at every
 * word boundary tries each length of the word before failing; that was a quarter of rendering an ordinary page.
 * The post-processor changes a node only for a link one of those two finds, and both need a {@code ':'} (a URL or
 * a scheme), an {@code '@'} (an e-mail address) or {@code "www."} in the node's unescaped text. So a node is
 * skipped, untouched as the extension would leave it, when its text has none of those and nothing that unescaping
 * or joining could turn into them: no {@code '&'} (an entity), no backslash (an escape), no {@code U+001F}
 * (Flexmark's IntelliJ marker, removed before scanning) and no entity or typographic node right after it (the
 * extension reads those together with the node).
 */
final class AutolinkGuard implements Parser.ParserExtension {

    @Override
    public void parserOptions(MutableDataHolder options) {
        // the autolink extension sets no option of its own
    }

    @Override
    public void extend(Parser.Builder builder) {
        builder.postProcessorFactory(new Factory());
    }

    /** Whether the extension could find a link in {@code node}; false means it would leave the node as it is. */
    static boolean mayLink(Node node) {
        if (node.getNext() instanceof TypographicText || node.getNext() instanceof HtmlEntity) {
            return true;
        }
        CharSequence text = node.getChars();
        int length = text.length();
        for (int i = 0; i < length; i++) {
            switch (text.charAt(i)) {
                case ':', '@', '&', '\\', '\u001f' -> {
                    return true;
                }
                case 'w' -> {
                    if (i + 3 < length && text.charAt(i + 1) == 'w' && text.charAt(i + 2) == 'w'
                            && text.charAt(i + 3) == '.') {
                        return true;
                    }
                }
                default -> {
                }
            }
        }
        return false;
    }

    /** Registered for the same nodes as the extension's factory, which asks for {@link Text} only. */
    private static final class Factory extends NodePostProcessorFactory {
        Factory() {
            super(false);
            addNodes(Text.class);
        }

        @Override
        public NodePostProcessor apply(Document document) {
            return new Guarded(document);
        }
    }

    /** The extension's post-processor for one document, made on the first node that needs it. */
    private static final class Guarded extends NodePostProcessor {
        private final Document document;
        private AutolinkNodePostProcessor autolink;

        Guarded(Document document) {
            this.document = document;
        }

        @Override
        public void process(NodeTracker state, Node node) {
            if (!mayLink(node)) {
                return;
            }
            if (autolink == null) {
                autolink = new AutolinkNodePostProcessor(document);
            }
            autolink.process(state, node);
        }
    }
}
