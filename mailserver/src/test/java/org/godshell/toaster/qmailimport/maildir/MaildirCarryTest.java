package org.godshell.toaster.qmailimport.maildir;

import static org.godshell.toaster.qmailimport.maildir.OldMaildirs.folder;
import static org.godshell.toaster.qmailimport.maildir.OldMaildirs.maildir;
import static org.godshell.toaster.qmailimport.maildir.OldMaildirs.message;
import static org.godshell.toaster.qmailimport.maildir.OldMaildirs.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A vpopmail Maildir with folders, flags and Courier's UID list carried in each mode, then carried again. */
class MaildirCarryTest {

    @TempDir
    Path temp;
    private Path old;
    private Path to;

    @BeforeEach
    void oldMaildir() throws Exception {
        old = maildir(temp.resolve("vpopmail/domains/example.com/ann/Maildir"));
        message(old, "cur", "1551675967.12345.mail.example.com:2,S");
        message(old, "cur", "1551675968.12346.mail.example.com:2,RS");
        message(old, "new", "1551675969.12347.mail.example.com");
        message(old, "tmp", "1551675970.12348.mail.example.com");
        Path sent = folder(old, ".Sent");
        message(sent, "cur", "1551675971.12349.mail.example.com:2,S");
        Path work = folder(old, ".Lists.Work");
        message(work, "new", "1551675972.12350.mail.example.com");
        write(old.resolve("courierimapuiddb"), "1 1551000000 9\n3 1551675967.12345.mail.example.com\n"
                + "5 1551675968.12346.mail.example.com\n");
        write(old.resolve("courierimapsubscribed"), "INBOX.Sent\nINBOX.Lists.Work\n");
        write(old.resolve("maildirsize"), "0S\n123 1\n");
        write(old.resolve("dovecot.index.cache"), "cache");
        to = OldMaildirs.home(temp).resolve("Maildir");
    }

    @ParameterizedTest
    @EnumSource(CarryMode.class)
    void carriesMessagesFoldersAndStateUnderTheirNames(CarryMode mode) throws Exception {
        CarryResult result = MaildirCarry.carry(old, to, mode);

        assertEquals(List.of(), result.problems());
        assertEquals(5, result.messages());
        assertEquals(2, result.folders());
        assertEquals(2, result.stateFiles());
        assertEquals(Set.of("cur/1551675967.12345.mail.example.com:2,S", "cur/1551675968.12346.mail.example.com:2,RS",
                "new/1551675969.12347.mail.example.com", ".Sent/cur/1551675971.12349.mail.example.com:2,S",
                ".Lists.Work/new/1551675972.12350.mail.example.com", ".Sent/maildirfolder",
                ".Lists.Work/maildirfolder", "dovecot-uidlist", "subscriptions"), files(to));
        assertEquals("3 V1551000000 N9\n3 :1551675967.12345.mail.example.com\n5 :1551675968.12346.mail.example.com\n",
                Files.readString(to.resolve("dovecot-uidlist")));
        assertEquals("Sent\nLists.Work\n", Files.readString(to.resolve("subscriptions")));
        Path carried = to.resolve("cur/1551675967.12345.mail.example.com:2,S");
        assertEquals(FileTime.from(OldMaildirs.ARRIVED), Files.getLastModifiedTime(carried));
        assertTrue(Files.readString(carried).contains("body of 1551675967.12345"));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(to.resolve(".Sent"))));
        assertEquals(mode == CarryMode.MOVE, !Files.exists(old.resolve("cur/1551675967.12345.mail.example.com:2,S")));
        if (mode == CarryMode.LINK) {
            assertTrue(Files.isSameFile(carried, old.resolve("cur/1551675967.12345.mail.example.com:2,S")));
        }
        assertTrue(Files.exists(old.resolve("courierimapuiddb")), "state files are copied in every mode");
        assertTrue(Files.exists(old.resolve("tmp/1551675970.12348.mail.example.com")));
    }

    @Test
    void copyWritesFilesAsTheToasterDoes() throws Exception {
        MaildirCarry.carry(old, to, CarryMode.COPY);

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                to.resolve("new/1551675969.12347.mail.example.com"))));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                to.resolve("dovecot-uidlist"))));
        try (Stream<Path> tmp = Files.list(to.resolve("tmp"))) {
            assertEquals(0, tmp.count(), "no temp file left");
        }
    }

    @ParameterizedTest
    @EnumSource(CarryMode.class)
    void aRerunCarriesNothingTwice(CarryMode mode) throws Exception {
        MaildirCarry.carry(old, to, mode);
        Set<String> first = files(to);

        CarryResult again = MaildirCarry.carry(old, to, mode);

        assertEquals(List.of(), again.problems());
        assertEquals(0, again.messages());
        assertEquals(mode == CarryMode.MOVE ? 0 : 5, again.messagesAlreadyThere());
        assertEquals(0, again.folders());
        assertEquals(2, again.foldersAlreadyThere());
        assertEquals(0, again.stateFiles());
        assertEquals(first, files(to));
    }

    @Test
    void aMoveInterruptedAfterTheLinkIsFinishedByTheRerun() throws Exception {
        MaildirCarry.carry(old, to, CarryMode.COPY);
        Path name = Path.of("cur/1551675967.12345.mail.example.com:2,S");
        Files.delete(to.resolve(name));
        Files.createLink(to.resolve(name), old.resolve(name));

        CarryResult rerun = MaildirCarry.carry(old, to, CarryMode.MOVE);

        assertFalse(Files.exists(old.resolve(name)), "the old name of the same file is unlinked");
        assertTrue(Files.exists(old.resolve("cur/1551675968.12346.mail.example.com:2,RS")),
                "a copy is not the same file: the old one stays");
        assertEquals(5, rerun.messagesAlreadyThere());
        assertEquals(List.of(), rerun.problems());
    }

    @Test
    void flagsChangedOnEitherSideKeepTheToastersAndSaySo() throws Exception {
        MaildirCarry.carry(old, to, CarryMode.COPY);
        Files.move(old.resolve("cur/1551675967.12345.mail.example.com:2,S"),
                old.resolve("cur/1551675967.12345.mail.example.com:2,FS"));

        CarryResult again = MaildirCarry.carry(old, to, CarryMode.COPY);

        assertEquals(0, again.messages());
        assertEquals(List.of("cur/1551675967.12345.mail.example.com:2,FS: already in the toaster's Maildir as "
                + "1551675967.12345.mail.example.com:2,S with other flags: the toaster's flags are kept"),
                again.problems());
        assertTrue(Files.exists(to.resolve("cur/1551675967.12345.mail.example.com:2,S")));
        assertFalse(Files.exists(to.resolve("cur/1551675967.12345.mail.example.com:2,FS")));
    }

    @Test
    void theToastersOwnUidListIsNeverReplaced() throws Exception {
        maildir(to);
        write(to.resolve("dovecot-uidlist"), "3 V1700000000 N1\n");

        CarryResult result = MaildirCarry.carry(old, to, CarryMode.COPY);

        assertEquals("3 V1700000000 N1\n", Files.readString(to.resolve("dovecot-uidlist")));
        assertEquals(List.of("courierimapuiddb: the toaster's Maildir has its own dovecot-uidlist already (the new "
                + "server was used): kept, not replaced; clients may download this folder again"), result.problems());
        assertEquals(5, result.messages());
    }

    @Test
    void aNewerDovecotListWinsOverCouriers() throws Exception {
        write(old.resolve("dovecot-uidlist"), "3 V1551000001 N20\n19 :1551675967.12345.mail.example.com\n");
        Files.setLastModifiedTime(old.resolve("courierimapuiddb"), FileTime.from(OldMaildirs.ARRIVED));

        MaildirCarry.carry(old, to, CarryMode.COPY);

        assertEquals("3 V1551000001 N20\n19 :1551675967.12345.mail.example.com\n",
                Files.readString(to.resolve("dovecot-uidlist")));
    }

    @Test
    void handsEveryNewDirectoryAndFileOver() throws Exception {
        Set<String> handed = new TreeSet<>();
        MaildirCarry.carry(old, to, CarryMode.COPY, (created, target) -> handed.add(to.relativize(target)
                .toString()));

        assertTrue(handed.containsAll(files(to)), () -> "not handed over: " + handed);
        assertTrue(handed.containsAll(Set.of("", "cur", "new", "tmp", ".Sent", ".Sent/cur")), handed::toString);
    }

    @ParameterizedTest
    @EnumSource(CarryMode.class)
    void planWritesNothingAndCountsWhatCarryDoes(CarryMode mode) throws Exception {
        CarryResult plan = MaildirCarry.plan(old, to, mode);

        assertFalse(Files.exists(to));
        assertTrue(Files.exists(old.resolve("cur/1551675967.12345.mail.example.com:2,S")));
        CarryResult done = MaildirCarry.carry(old, to, mode);
        assertEquals(done, plan);
    }

    @Test
    void aPlanForAUserNotMadeYetCountsEverythingAndACarryRefuses() throws Exception {
        Path notYet = temp.resolve("toaster/domains/example.com/bob/Maildir");
        CarryResult plan = MaildirCarry.plan(old, notYet, CarryMode.LINK);
        assertEquals(List.of(), plan.problems().stream().filter(p -> p.contains("does not exist")).toList());
        assertEquals(MaildirCarry.plan(old, to, CarryMode.LINK).messages(), plan.messages());
        assertFalse(Files.exists(notYet.getParent()), "a plan creates nothing");
        CarryResult refused = MaildirCarry.carry(old, notYet, CarryMode.LINK);
        assertEquals(0, refused.messages());
        assertTrue(refused.problems().get(0).contains("add the user first"), refused.problems().toString());
    }

    static Set<String> files(Path root) throws Exception {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> all = Files.walk(root)) {
            all.filter(Files::isRegularFile).forEach(file -> names.add(root.relativize(file).toString()));
        }
        return names;
    }
}
