package org.godshell.toaster.qmailimport.maildir;

import static org.godshell.toaster.qmailimport.maildir.OldMaildirs.folder;
import static org.godshell.toaster.qmailimport.maildir.OldMaildirs.maildir;
import static org.godshell.toaster.qmailimport.maildir.OldMaildirs.message;
import static org.godshell.toaster.qmailimport.maildir.OldMaildirs.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.godshell.toaster.io.Handover;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Old trees nobody vouches for: links, odd names and files, too many entries, wrong places. */
class HostileMaildirTest {

    @TempDir
    Path temp;
    private Path old;
    private Path to;

    @BeforeEach
    void trees() throws Exception {
        old = maildir(temp.resolve("old/Maildir"));
        message(old, "cur", "1.1.host:2,S");
        to = OldMaildirs.home(temp).resolve("Maildir");
    }

    @Test
    void symbolicLinksAnywhereAreReportedAndNeverFollowed() throws Exception {
        Path secret = Files.writeString(temp.resolve("secret"), "root:x:0:0\n");
        Path elsewhere = maildir(temp.resolve("elsewhere"));
        message(elsewhere, "cur", "9.9.host:2,");
        Files.createSymbolicLink(old.resolve("cur/2.2.host:2,S"), secret);
        Files.createSymbolicLink(old.resolve(".Evil"), elsewhere);
        Files.createSymbolicLink(old.resolve("courierimapuiddb"), secret);
        Path sent = folder(old, ".Sent");
        Files.delete(sent.resolve("new"));
        Files.createSymbolicLink(sent.resolve("new"), elsewhere.resolve("cur"));
        Files.delete(sent.resolve("cur"));
        Files.createSymbolicLink(sent.resolve("cur"), elsewhere.resolve("cur"));

        CarryResult result = MaildirCarry.carry(old, to, CarryMode.COPY);

        assertEquals(1, result.messages());
        assertEquals(Set.of("cur/1.1.host:2,S"), MaildirCarryTest.files(to));
        assertTrue(result.problems().containsAll(List.of(
                "cur/2.2.host:2,S: a symbolic link: not followed, left behind",
                ".Evil: a symbolic link: not followed, left behind",
                "courierimapuiddb: a symbolic link: not followed, left behind",
                ".Sent/new: a symbolic link: not followed, left behind",
                ".Sent/cur: a symbolic link: not followed, left behind",
                ".Sent: no cur/ and no new/: not a Maildir folder, left behind")), result.problems()::toString);
    }

    @Test
    void theOldMaildirItselfMustBeARealDirectory() throws Exception {
        Path link = Files.createSymbolicLink(temp.resolve("link"), old);
        Path file = Files.writeString(temp.resolve("file"), "x");

        assertEquals(List.of("Maildir: the old Maildir " + link + " is a symbolic link: not followed, nothing "
                + "carried"), MaildirCarry.carry(link, to, CarryMode.COPY).problems());
        assertEquals(List.of("Maildir: the old Maildir " + file + " is not a directory: nothing carried"),
                MaildirCarry.carry(file, to, CarryMode.COPY).problems());
        assertEquals(List.of("Maildir: no cur/ and no new/: not a Maildir folder, left behind"),
                MaildirCarry.carry(Files.createDirectories(temp.resolve("empty")), to, CarryMode.COPY).problems());
        assertFalse(Files.exists(to));
    }

    @Test
    void intoItselfOrWithoutTheUserIsRefused() throws Exception {
        CarryResult inside = MaildirCarry.carry(old, old.resolve(".Inside"), CarryMode.COPY);
        CarryResult noUser = MaildirCarry.carry(old, temp.resolve("toaster/domains/example.com/bob/Maildir"),
                CarryMode.COPY);

        assertTrue(inside.problems().get(0).contains("overlap: nothing carried"), inside.problems()::toString);
        assertTrue(noUser.problems().get(0).contains("does not exist: add the user first"), noUser::toString);
        assertFalse(Files.exists(old.resolve(".Inside")));
    }

    @Test
    void namesThatAreNotValidUtf8AreLeftBehind() throws Exception {
        Process touch = new ProcessBuilder("sh", "-c", "touch \"$1/cur/$(printf '3.3.host\\377:2,S')\" "
                + "\"$1/$(printf '.Bad\\376')\"", "sh", old.toString()).start();
        assertTrue(touch.waitFor(60, TimeUnit.SECONDS) && touch.exitValue() == 0);

        CarryResult result = MaildirCarry.carry(old, to, CarryMode.COPY);

        assertEquals(1, result.messages());
        assertEquals(2, result.problems().size(), result.problems()::toString);
        assertTrue(result.problems().stream().allMatch(p -> p.endsWith("a name that is not valid UTF-8: left behind")),
                result.problems()::toString);
    }

    @Test
    void controlCharactersAreLeftBehindAndShownEscaped() throws Exception {
        message(old, "new", "4.4.host\u001b[2J");
        Files.createDirectories(old.resolve(".A..B/cur"));
        Files.createDirectories(old.resolve("..Up/cur"));

        CarryResult result = MaildirCarry.carry(old, to, CarryMode.COPY);

        assertEquals(1, result.messages());
        assertTrue(result.problems().containsAll(List.of(
                "new/4.4.host\\x1b[2J: a name with control characters: left behind",
                ".A..B: a folder name with an empty level: left behind",
                "..Up: a folder name with an empty level: left behind")), result.problems()::toString);
        assertEquals(Set.of("cur/1.1.host:2,S"), MaildirCarryTest.files(to));
    }

    @Test
    void nonRegularFilesAndStrangersAreLeftBehind() throws Exception {
        Process fifo = new ProcessBuilder("mkfifo", old.resolve("cur/5.5.host:2,").toString()).start();
        assertTrue(fifo.waitFor(60, TimeUnit.SECONDS) && fifo.exitValue() == 0);
        Files.createDirectories(old.resolve("cur/6.6.host:2,"));
        write(old.resolve("notes.txt"), "mine");
        Files.createDirectories(old.resolve("courierimapkeywords"));

        CarryResult result = MaildirCarry.carry(old, to, CarryMode.COPY);

        assertEquals(1, result.messages());
        assertTrue(result.problems().containsAll(List.of(
                "cur/5.5.host:2,: not a regular file: left behind",
                "cur/6.6.host:2,: not a regular file: left behind",
                "notes.txt: not part of a Maildir: left behind",
                "courierimapkeywords: Courier-IMAP's keywords (labels other than the standard flags) are not "
                        + "carried; the flags in the file names are")), result.problems()::toString);
    }

    @Test
    void hugeCountsStopAtTheLimits() throws Exception {
        for (int i = 0; i < 5; i++) {
            message(old, "new", "10" + i + ".1.host");
            folder(old, ".F" + i);
        }

        CarryResult result = MaildirCarry.run(old, to, CarryMode.COPY, true, Handover.KEEP, new Job.Limits(3, 4));

        assertEquals(3, result.folders());
        assertTrue(result.problems().contains("new: more than 4 entries: the rest is not carried"),
                result.problems()::toString);
        assertTrue(result.problems().contains(".F3: more than 3 folders: this one and the rest are left behind"),
                result.problems()::toString);
    }

    @Test
    void oversizedOrBrokenStateFilesAreNotCarried() throws Exception {
        write(old.resolve("courierimapuiddb"), "garbage\n");
        Path sent = folder(old, ".Sent");
        Files.write(sent.resolve("dovecot-uidlist"), new byte[UidLists.MAX_BYTES + 1]);

        CarryResult result = MaildirCarry.carry(old, to, CarryMode.COPY);

        assertTrue(result.problems().containsAll(List.of(
                "courierimapuiddb: courierimapuiddb has no '1 UIDVALIDITY NEXTUID' header: not carried (IMAP "
                        + "clients will download this folder again)",
                ".Sent/dovecot-uidlist: larger than " + UidLists.MAX_BYTES + " bytes: not carried")),
                result.problems()::toString);
        assertFalse(Files.exists(to.resolve("dovecot-uidlist")));
        assertFalse(Files.exists(to.resolve(".Sent/dovecot-uidlist")));
    }

    @ParameterizedTest
    @EnumSource(value = CarryMode.class, names = {"MOVE", "LINK"})
    void linksAcrossFileSystemsAreRefusedNamingCopy(CarryMode mode) throws Exception {
        Path shm = Path.of("/dev/shm");
        Assumptions.assumeTrue(Files.isDirectory(shm) && Files.isWritable(shm), "no /dev/shm");
        Path other = Files.createTempDirectory(shm, "maildir-carry");
        try {
            FileStore here = Files.getFileStore(temp);
            Assumptions.assumeFalse(here.equals(Files.getFileStore(other)), "/dev/shm is on the test's file system");
            Path home = Files.createDirectories(other.resolve("ann"));

            CarryResult result = MaildirCarry.carry(old, home.resolve("Maildir"), mode);

            assertEquals(1, result.problems().size());
            assertTrue(result.problems().get(0).startsWith("Maildir: " + mode + " needs the old Maildir and the "
                    + "toaster's on one file system"), result.problems()::toString);
            assertTrue(result.problems().get(0).endsWith("use COPY"));
            assertFalse(Files.exists(home.resolve("Maildir")));
            assertTrue(Files.exists(old.resolve("cur/1.1.host:2,S")));
        } finally {
            try (var files = Files.walk(other)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
