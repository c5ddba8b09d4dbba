package org.godshell.toaster.site.versions;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.godshell.toaster.site.source.SourceFile;

/**
 * {@code /_compare/PATH.md?from=A&to=B}: the page's markdown in two versions, word by word ({@link WordDiff}).
 * A side where the page did not exist compares as empty text and says so; a side that is not text (binary, not
 * UTF-8) or over the page size limit is named, not compared, and {@code git diff} is offered instead.
 */
final class CompareView {

    private CompareView() {
    }

    /** One side's text, or why it has none. */
    private sealed interface Side {
        record Text(String text, String note) implements Side {
        }

        record Unreadable(String why) implements Side {
        }
    }

    static Context.Reply answer(Context context, String path, Revision.Found from, Revision.Found to)
            throws IOException {
        Optional<SourceFile> before = PageAt.find(context.repository(), context.main(), from.commit(), path,
                context.limits());
        Optional<SourceFile> after = PageAt.find(context.repository(), context.main(), to.commit(), path,
                context.limits());
        if (before.isEmpty() && after.isEmpty()) {
            return context.error(404, path, "This page exists in neither version.");
        }
        String root = Sides.root(path);
        Map<String, Object> view = new HashMap<>();
        view.put("title", Sides.name(path));
        view.put("path", path);
        view.put("from", Sides.commit(from.commit(), root));
        view.put("to", Sides.commit(to.commit(), root));
        view.put("currentUrl", Sides.pageUrl(path, root));
        view.put("historyUrl", Sides.historyUrl(path, root));
        view.put("git", "git diff " + from.commit().name().substring(0, 12) + " "
                + to.commit().name().substring(0, 12) + " -- " + path);
        Side left = side(before, "The page did not exist in the older version; all of it is new.");
        Side right = side(after, "The page was deleted in this version; all of it is gone.");
        String unreadable = why(left) != null ? why(left) : why(right);
        if (unreadable != null) {
            view.put("message", unreadable + " It is not compared here; with a clone of the wiki, see the "
                    + "difference with the command below.");
            view.put("pieces", List.of());
            view.put("byLine", false);
        } else {
            Side.Text a = (Side.Text) left;
            Side.Text b = (Side.Text) right;
            WordDiff.Result diff = WordDiff.compare(a.text(), b.text());
            view.put("pieces", diff.pieces().stream().map(piece -> Map.of("kind", piece.kind(), "text", piece.text()))
                    .toList());
            view.put("byLine", diff.byLine());
            view.put("same", a.text().equals(b.text()));
            notes(view, before.isEmpty() ? a.note() : null, after.isEmpty() ? b.note() : null);
        }
        return context.render(200, "compare.ftlh", root, "compare", view, from.full() && to.full());
    }

    private static void notes(Map<String, Object> view, String created, String deleted) {
        if (created != null) {
            view.put("note", created);
        } else if (deleted != null) {
            view.put("note", deleted);
        }
    }

    private static String why(Side side) {
        return side instanceof Side.Unreadable(String why) ? why : null;
    }

    private static Side side(Optional<SourceFile> file, String absent) {
        if (file.isEmpty()) {
            return new Side.Text("", absent);
        }
        if (file.get().content().isEmpty()) {
            return new Side.Unreadable("One version is " + file.get().size() + " bytes, over the page size limit.");
        }
        byte[] bytes = file.get().content().get();
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            if (text.indexOf('\0') >= 0) {
                return new Side.Unreadable("One version holds binary data.");
            }
            return new Side.Text(Sides.printableText(text), null);
        } catch (CharacterCodingException e) {
            return new Side.Unreadable("One version is not UTF-8 text.");
        }
    }
}
