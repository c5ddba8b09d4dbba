package org.godshell.toaster.qmailimport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The output of {@code valias -s DOMAIN}, and lines that are not. */
class ValiasDumpTest {

    private static ValiasDump parse(String text) throws ImportRefusedException {
        return ValiasDump.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsOneTargetALine() throws Exception {
        ValiasDump dump = parse("Sales@Example.com -> &ann@example.com\nsales@example.com -> bob@example.net\n"
                + "box@example.com -> /home/vpopmail/domains/example.com/ann/Maildir/\n"
                + "auto@example.com -> |/usr/bin/autorespond 10000 5 msg\n");
        assertEquals(List.of(new ValiasDump.Entry(1, "sales", "example.com", "&ann@example.com"),
                new ValiasDump.Entry(2, "sales", "example.com", "bob@example.net"),
                new ValiasDump.Entry(3, "box", "example.com", "/home/vpopmail/domains/example.com/ann/Maildir/"),
                new ValiasDump.Entry(4, "auto", "example.com", "|/usr/bin/autorespond 10000 5 msg")),
                dump.entries());
        assertEquals(List.of(), dump.problems());
    }

    @Test
    void brokenAndHostileLinesAreProblemsByNumber() throws Exception {
        ValiasDump dump = parse("no arrow@example.com\n../x@example.com -> a@b.example\nA@../etc -> a@b.example\n"
                + "a@example.com -> \nok@example.com -> a@b.example\n\u0007@example.com -> a@b.example\n");
        assertEquals(List.of("ok"), dump.entries().stream().map(ValiasDump.Entry::local).toList());
        assertEquals(List.of(1, 2, 3, 4, 6), dump.problems().stream().map(LineProblem::line).toList());
    }

    @Test
    void aHugeDumpIsRefusedWhole() {
        assertThrows(ImportRefusedException.class, () -> ValiasDump.parse(new byte[ImportText.MAX_BYTES + 1]));
    }
}
