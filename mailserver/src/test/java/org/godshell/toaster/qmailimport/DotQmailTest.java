package org.godshell.toaster.qmailimport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.godshell.toaster.qmailimport.Delivery.CatchAllAction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** .qmail files as vpopmail and its admins wrote them, and hostile ones. */
class DotQmailTest {

    static final Path DOMAIN = Path.of("/home/vpopmail/domains/example.com");

    private static DotQmail parse(String text) throws ImportRefusedException {
        return DotQmail.parse(text.getBytes(StandardCharsets.UTF_8), DOMAIN, Path.of(""));
    }

    private static List<Delivery> deliveries(String text) throws ImportRefusedException {
        DotQmail file = parse(text);
        assertEquals(List.of(), file.problems());
        return file.deliveries();
    }

    @Test
    void forwardsWithAndWithoutAmpersand() throws Exception {
        assertEquals(List.of(new Delivery.Forward("ann@example.com"), new Delivery.Forward("Bob.Smith@example.net"),
                new Delivery.Forward("c+tag@example.org")),
                deliveries("# sales\n&ann@Example.COM\nBob.Smith@example.net\n\n&c+tag@example.org\n"));
    }

    @Test
    void maildirLinesRelativeToTheFileOrAbsoluteInsideTheDomain() throws Exception {
        assertEquals(List.of(new Delivery.Maildir(Path.of("ann/Maildir")),
                new Delivery.Maildir(Path.of("0/bob/Maildir"))),
                deliveries("./ann/Maildir/\n/home/vpopmail/domains/example.com/0/bob/Maildir/\n"));
        DotQmail own = DotQmail.parse("./Maildir/\n".getBytes(StandardCharsets.UTF_8), DOMAIN, Path.of("ann"));
        assertEquals(List.of(new Delivery.Maildir(Path.of("ann/Maildir"))), own.deliveries());
    }

    @Test
    void vdelivermailActionsAreTheCatchAll() throws Exception {
        assertEquals(List.of(
                new Delivery.Vdelivermail(new CatchAllAction.Bounce()),
                new Delivery.Vdelivermail(new CatchAllAction.Delete()),
                new Delivery.Vdelivermail(new CatchAllAction.ForwardTo("postmaster@example.com")),
                new Delivery.Vdelivermail(new CatchAllAction.MailboxAt(Path.of("ann")))),
                deliveries("| /home/vpopmail/bin/vdelivermail '' bounce-no-mailbox\n"
                        + "|/home/vpopmail/bin/vdelivermail '' delete\n"
                        + "| vdelivermail '' postmaster@example.com\n"
                        + "| /home/vpopmail/bin/vdelivermail '' /home/vpopmail/domains/example.com/ann\n"));
    }

    @Test
    void otherProgramsAndMboxesAreListedNotImported() throws Exception {
        List<Delivery> list = deliveries("|/usr/bin/autorespond 86400 3 msg .\n"
                + "| /home/vpopmail/bin/vdelivermail '' /etc\n"
                + "| /home/vpopmail/bin/vdelivermail bounce-no-mailbox\n"
                + "| preline /usr/bin/procmail -m /etc/procmailrc\n"
                + "./Mailbox\n");
        assertEquals(5, list.size());
        list.forEach(d -> assertInstanceOf(Delivery.NotImported.class, d));
        assertTrue(((Delivery.NotImported) list.get(0)).what().contains("autorespond"));
        assertTrue(((Delivery.NotImported) list.get(4)).what().startsWith("mbox"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"&me@new", "&<me@new.job.com>", "& me@new.job.com", "&me@new.job.com (New Address)",
        "../other.com/ann/Maildir/", "/etc/", "/home/vpopmail/domains/example.com/../x/Maildir/", "./",
        "-rf@example.com", "&", "\u00e9t\u00e9@example.com", "&a@b@example.com"})
    void hostileOrWrongLinesAreProblems(String line) throws Exception {
        DotQmail file = parse("&ok@example.com\n" + line + "\n");
        assertEquals(List.of(new Delivery.Forward("ok@example.com")), file.deliveries());
        assertEquals(2, file.problems().get(0).line());
    }

    @Test
    void controlCharactersAndBadUtf8AreProblemsByLine() throws Exception {
        byte[] bytes = "&a@example.com\0\n&b@example.com\n\u00ff\n".getBytes(StandardCharsets.ISO_8859_1);
        DotQmail file = DotQmail.parse(bytes, DOMAIN, Path.of(""));
        assertEquals(List.of(new Delivery.Forward("b@example.com")), file.deliveries());
        assertEquals(List.of(1, 3), file.problems().stream().map(LineProblem::line).toList());
    }

    @Test
    void aHomeOutsideTheDomainIsRefused() {
        assertThrows(ImportRefusedException.class,
                () -> DotQmail.parse(new byte[0], DOMAIN, Path.of("../example.net")));
        assertThrows(ImportRefusedException.class,
                () -> DotQmail.parse(new byte[ImportText.MAX_BYTES + 1], DOMAIN, Path.of("")));
    }
}
