package org.godshell.toaster.site.render;

import com.vladsch.flexmark.ext.admonition.AdmonitionExtension;
import com.vladsch.flexmark.ext.admonition.internal.AdmonitionBlockParser;
import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.parser.block.BlockParserFactory;
import com.vladsch.flexmark.parser.block.BlockStart;
import com.vladsch.flexmark.parser.block.CustomBlockParserFactory;
import com.vladsch.flexmark.util.data.DataHolder;
import com.vladsch.flexmark.util.data.MutableDataHolder;
import com.vladsch.flexmark.util.sequence.mappers.SpecialLeadInHandler;
import java.util.Set;

/**
 * Flexmark's admonition extension ({@code !!! note "Title"}), with its block parser asked only about lines that
 * start with its marker. Flexmark 0.64.8's admonition block factory formats and compiles its start pattern, a long
 * regular expression, for every line that might start a block, then matches it; that was a tenth of rendering an
 * ordinary page, which has no admonition at all. The pattern is anchored and begins with {@code ???+}, {@code ???}
 * or {@code !!!}, so a line whose text (after its indent) starts with neither {@code ???} nor {@code !!!} can never
 * match and the factory answers "none" for it: answering that here, before the pattern is built, changes nothing
 * else. Every other line, and the renderer, are the extension's own.
 */
final class AdmonitionGuard implements Parser.ParserExtension, HtmlRenderer.HtmlRendererExtension {

    private final AdmonitionExtension extension = AdmonitionExtension.create();

    @Override
    public void parserOptions(MutableDataHolder options) {
        extension.parserOptions(options);
    }

    @Override
    public void rendererOptions(MutableDataHolder options) {
        extension.rendererOptions(options);
    }

    @Override
    public void extend(Parser.Builder builder) {
        builder.customBlockParserFactory(new Factory(new AdmonitionBlockParser.Factory()));
    }

    @Override
    public void extend(HtmlRenderer.Builder builder, String rendererType) {
        extension.extend(builder, rendererType);
    }

    /** Whether {@code line} has a marker, {@code ???} or {@code !!!}, at {@code start}, where its text starts. */
    static boolean mayOpen(CharSequence line, int start) {
        if (start < 0 || start + 3 > line.length()) {
            return false;
        }
        char c = line.charAt(start);
        return (c == '?' || c == '!') && line.charAt(start + 1) == c && line.charAt(start + 2) == c;
    }

    /** The extension's factory with the same dependencies, handing out the guarded block factory. */
    private record Factory(CustomBlockParserFactory delegate) implements CustomBlockParserFactory {
        @Override
        public BlockParserFactory apply(DataHolder options) {
            BlockParserFactory blocks = delegate.apply(options);
            return (state, matched) -> mayOpen(state.getLine(), state.getNextNonSpaceIndex())
                    ? blocks.tryStart(state, matched) : BlockStart.none();
        }

        @Override
        public SpecialLeadInHandler getLeadInHandler(DataHolder options) {
            return delegate.getLeadInHandler(options);
        }

        @Override
        public Set<Class<?>> getAfterDependents() {
            return delegate.getAfterDependents();
        }

        @Override
        public Set<Class<?>> getBeforeDependents() {
            return delegate.getBeforeDependents();
        }

        @Override
        public boolean affectsGlobalScope() {
            return delegate.affectsGlobalScope();
        }
    }
}
