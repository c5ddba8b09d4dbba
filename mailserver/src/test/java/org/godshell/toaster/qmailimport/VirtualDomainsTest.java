package org.godshell.toaster.qmailimport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** control/virtualdomains as vpopmail writes it, the one-domain files, and hostile lines. */
class VirtualDomainsTest {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsDomainsAndAliasesPointingAtOnePrefix() throws Exception {
        VirtualDomains file = VirtualDomains.parse(bytes("# vpopmail\nExample.COM:example.com\n"
                + "alias.example:example.com\r\n\n"));
        assertEquals(List.of(new VirtualDomains.Entry(2, "example.com", "example.com"),
                new VirtualDomains.Entry(3, "alias.example", "example.com")), file.entries());
        assertEquals(List.of(), file.problems());
    }

    @Test
    void singleAddressesWildcardsAndBrokenLinesAreProblemsByNumber() throws Exception {
        VirtualDomains file = VirtualDomains.parse(bytes("joe@example.com:joe\n.example.org:example.org\n"
                + "no colon here\n../etc:x\nexample.net:../../etc\nok.example:ok.example\n\u0000bad:x\n"));
        assertEquals(List.of("ok.example"), file.entries().stream().map(VirtualDomains.Entry::domain).toList());
        assertEquals(List.of(1, 2, 3, 4, 5, 7), file.problems().stream().map(LineProblem::line).toList());
        assertTrue(file.problems().get(1).reason().contains("wildcard"));
    }

    @Test
    void invalidUtf8SpoilsOnlyItsLine() throws Exception {
        byte[] text = {'a', '.', 'b', ':', 'x', (byte) 0xff, '\n', 'c', '.', 'd', ':', 'c', '.', 'd', '\n'};
        VirtualDomains file = VirtualDomains.parse(text);
        assertEquals(List.of("c.d"), file.entries().stream().map(VirtualDomains.Entry::domain).toList());
        assertEquals("not valid UTF-8", file.problems().getFirst().reason());
    }

    @Test
    void oneDomainFilesSkipWildcardsAndNonNames() throws Exception {
        VirtualDomains file = VirtualDomains.names(bytes("localhost\nMail.Example.com \n.example.org\nx y\n"
                + "a".repeat(300) + "\n"));
        assertEquals(List.of("localhost", "mail.example.com"),
                file.entries().stream().map(VirtualDomains.Entry::domain).toList());
        assertEquals(List.of(3, 4, 5), file.problems().stream().map(LineProblem::line).toList());
    }

    @Test
    void aHugeFileIsRefusedWhole() {
        assertThrows(ImportRefusedException.class, () -> VirtualDomains.parse(new byte[ImportText.MAX_BYTES + 1]));
        assertThrows(ImportRefusedException.class, () -> VirtualDomains.names(bytes("a\n".repeat(ImportText.MAX_LINES
                + 1))));
    }
}
