package org.godshell.toaster.site.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DocumentsFileTest {

    @Test
    void whatIsWrittenIsReadBack() throws DocumentsFile.Unreadable {
        List<SearchDocument> pages = List.of(
                new SearchDocument("A%20b.html", "A b", List.of("Alias one", "Alias two"), List.of("tag"),
                        List.of(new SearchDocument.Section(0, "", "", "before the heading"),
                                new SearchDocument.Section(2, "x", "X", "under x, with ümlauts and 📧"))),
                new SearchDocument("Empty.html", "Empty", List.of(), List.of(), List.of()));
        assertEquals(pages, DocumentsFile.read(DocumentsFile.write(pages)));
    }

    @Test
    void tabsLineBreaksAndControlCharactersBecomeSpaces() throws DocumentsFile.Unreadable {
        SearchDocument page = new SearchDocument("p.html", "t\ti\nt\u0000le", List.of("a\rb"), List.of(),
                List.of(new SearchDocument.Section(1, "id\t", "h\n", "one\ttwo\u001bthree\u0085")));
        SearchDocument read = DocumentsFile.read(DocumentsFile.write(List.of(page))).getFirst();
        assertEquals("t i t le", read.title());
        assertEquals(List.of("a b"), read.aliases());
        assertEquals(new SearchDocument.Section(1, "id ", "h ", "one two three "), read.sections().getFirst());
    }

    @Test
    void surrogatesStayAsTheyAreBesideControlCharacters() {
        String title = "\ud83d\udce7\u0000\ud800\u007f\udc00x\u009f\ud83d";
        byte[] written = DocumentsFile.write(List.of(new SearchDocument("p.html", title, List.of(), List.of(),
                List.of())));
        StringBuilder spaced = new StringBuilder();
        title.codePoints().forEach(c -> spaced.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        assertArrayEquals(("toaster-search 1\nP\tp.html\t" + spaced + "\n").getBytes(StandardCharsets.UTF_8),
                written);
    }

    @Test
    void aLongSectionIsCutAndPagesPastTheCapAreLeftOut() throws DocumentsFile.Unreadable {
        String text = "word ".repeat(DocumentsFile.MAX_SECTION);
        SearchDocument page = new SearchDocument("p.html", "P", List.of(), List.of(),
                List.of(new SearchDocument.Section(0, "", "", text)));
        List<SearchDocument> many = Collections.nCopies(1000, page);
        byte[] file = DocumentsFile.write(many);
        assertTrue(file.length <= DocumentsFile.MAX_BYTES, "the file stays under the cap");
        assertTrue(file.length > DocumentsFile.MAX_BYTES - 2 * DocumentsFile.MAX_SECTION, "and is filled up to it");
        List<SearchDocument> read = DocumentsFile.read(file);
        assertTrue(read.size() < 1000 && read.size() > 800, "pages up to the cap: " + read.size());
        assertEquals(DocumentsFile.MAX_SECTION, read.getFirst().sections().getFirst().text().length());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "toaster-search 2\n",
        "toaster-search 1",
        "toaster-search 1\nP\tu\tt",
        "toaster-search 1\nA\talias\n",
        "toaster-search 1\nS\t0\t\t\ttext\n",
        "toaster-search 1\nP\tu\n",
        "toaster-search 1\nP\tu\tt\textra\n",
        "toaster-search 1\nP\tu\tt\nS\t7\ta\th\ttext\n",
        "toaster-search 1\nP\tu\tt\nS\t1\ta\th\n",
        "toaster-search 1\nP\tu\tt\nS\t-1\ta\th\ttext\n",
        "toaster-search 1\nP\tu\tt\nS\t10\ta\th\ttext\n",
        "toaster-search 1\nP\tu\tt\nX\tunknown\n",
        "toaster-search 1\nP\tu\tt\n\n",
        "<html>not a documents file</html>\n"})
    void malformedFilesAreRefused(String file) {
        assertThrows(DocumentsFile.Unreadable.class, () -> DocumentsFile.read(file.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void notUtf8AndOversizedAreRefused() {
        byte[] latin1 = "toaster-search 1\nP\tu\tcaf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThrows(DocumentsFile.Unreadable.class, () -> DocumentsFile.read(latin1));
        byte[] huge = new byte[DocumentsFile.MAX_BYTES + 1];
        assertThrows(DocumentsFile.Unreadable.class, () -> DocumentsFile.read(huge));
    }
}
