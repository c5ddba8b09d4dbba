package org.godshell.toaster.deliver.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaildirUsageTest {

    /** Long before the test clock's "now": a directory stamped then is trusted once listed. */
    private static final FileTime LONG_AGO = FileTime.from(Instant.parse("2026-01-01T00:00:00Z"));
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path maildir;

    @BeforeEach
    void layout() throws IOException {
        for (String dir : new String[] {"new", "cur", "tmp", ".Sent/new", ".Sent/cur", ".Sent/tmp"}) {
            Files.createDirectories(maildir.resolve(dir));
        }
    }

    @Test
    void countsNewCurAndFoldersBySizeInTheNameOrElseTheFile() throws IOException {
        Files.writeString(maildir.resolve("new/1.M1.host,S=100"), "ignored: the name says 100");
        Files.writeString(maildir.resolve("cur/2.M2.host,S=250:2,S"), "x");
        Files.writeString(maildir.resolve("cur/3.M3.host:2,"), "12345");
        Files.writeString(maildir.resolve(".Sent/cur/4.M4.host,S=1000:2,S"), "x");
        Files.writeString(maildir.resolve("tmp/5.M5.host,S=99999"), "tmp is never counted");
        assertEquals(100 + 250 + 5 + 1000, new MaildirUsage(NOW, MaildirUsage.MAX_REMEMBERED).of(maildir));
    }

    @Test
    void hostileNamesFallBackToTheFileSizeAndLinksAreNotFollowed() throws IOException {
        Files.writeString(maildir.resolve("cur/1.host,S=99999999999999999999999:2,"), "abc");
        Files.writeString(maildir.resolve("cur/2.host,S=:2,"), "abcd");
        Files.writeString(maildir.resolve("cur/3.host,S=\u0661\u0662:2,"), "ab");
        Path outside = Files.createTempDirectory("outside");
        Files.writeString(outside.resolve("big,S=1000000"), "x");
        Files.createDirectories(outside.resolve("cur"));
        Files.writeString(outside.resolve("cur/huge,S=5000000"), "x");
        Files.createSymbolicLink(maildir.resolve("new/link,S=7777"), outside.resolve("big,S=1000000"));
        Files.createSymbolicLink(maildir.resolve(".Linked"), outside);
        // a link's own name carries ,S= and is counted by it, as Maildir names are; what it points at is not read
        assertEquals(3 + 4 + 2 + 7777, new MaildirUsage(NOW, MaildirUsage.MAX_REMEMBERED).of(maildir));
    }

    @Test
    void aMissingOrBrokenMaildirHoldsNothing() throws IOException {
        MaildirUsage usage = new MaildirUsage(NOW, MaildirUsage.MAX_REMEMBERED);
        assertEquals(0, usage.of(maildir.resolve("absent")));
        Files.delete(maildir.resolve("new"));
        Files.writeString(maildir.resolve("new"), "a file where new/ should be");
        Files.writeString(maildir.resolve("cur/1.host,S=10:2,"), "x");
        assertEquals(10, usage.of(maildir));
    }

    @Test
    void aRememberedTotalIsUsedWhileItsDirectoryKeepsItsTime() throws IOException {
        Files.writeString(maildir.resolve("cur/1.host,S=10:2,"), "x");
        Files.setLastModifiedTime(maildir.resolve("cur"), LONG_AGO);
        MaildirUsage usage = new MaildirUsage(NOW, MaildirUsage.MAX_REMEMBERED);
        assertEquals(10, usage.of(maildir));
        // a change the directory's time does not show (only possible within one clock tick, or by hand as here)
        Files.writeString(maildir.resolve("cur/2.host,S=20:2,"), "x");
        Files.setLastModifiedTime(maildir.resolve("cur"), LONG_AGO);
        assertEquals(10, usage.of(maildir), "listed once, not again");
    }

    @Test
    void anyChangeToTheDirectoryIsSeenAtTheNextDelivery() throws IOException {
        Files.writeString(maildir.resolve("cur/1.host,S=10:2,"), "x");
        Files.setLastModifiedTime(maildir.resolve("cur"), LONG_AGO);
        MaildirUsage usage = new MaildirUsage(NOW, MaildirUsage.MAX_REMEMBERED);
        assertEquals(10, usage.of(maildir));
        Files.writeString(maildir.resolve("cur/2.host,S=20:2,"), "x");
        assertEquals(30, usage.of(maildir), "a message added");
        Files.move(maildir.resolve("cur/2.host,S=20:2,"), maildir.resolve("cur/2.host,S=20:2,S"));
        Files.setLastModifiedTime(maildir.resolve("cur"), FileTime.from(Instant.parse("2026-02-01T00:00:00Z")));
        assertEquals(30, usage.of(maildir), "a message flagged");
        Files.delete(maildir.resolve("cur/1.host,S=10:2,"));
        assertEquals(20, usage.of(maildir), "a message expunged");
    }

    @Test
    void aDirectoryChangedTooRecentlyIsListedEveryTime() throws IOException {
        Files.writeString(maildir.resolve("cur/1.host,S=10:2,"), "x");
        FileTime recent = FileTime.from(NOW.instant().minusMillis(MaildirUsage.RACY_MARGIN - 1));
        Files.setLastModifiedTime(maildir.resolve("cur"), recent);
        MaildirUsage usage = new MaildirUsage(NOW, MaildirUsage.MAX_REMEMBERED);
        assertEquals(10, usage.of(maildir));
        // within the same tick: the time stays as it was, and only listing again can see the new message
        Files.writeString(maildir.resolve("cur/2.host,S=20:2,"), "x");
        Files.setLastModifiedTime(maildir.resolve("cur"), recent);
        assertEquals(30, usage.of(maildir));
    }

    @Test
    void aDirectoryReplacedByAnotherIsListedAgain() throws IOException {
        Files.writeString(maildir.resolve("cur/1.host,S=10:2,"), "x");
        Files.setLastModifiedTime(maildir.resolve("cur"), LONG_AGO);
        MaildirUsage usage = new MaildirUsage(NOW, MaildirUsage.MAX_REMEMBERED);
        assertEquals(10, usage.of(maildir));
        Path other = Files.createDirectory(maildir.resolve("cur.other"));
        Files.writeString(other.resolve("9.host,S=90:2,"), "x");
        Files.setLastModifiedTime(other, LONG_AGO);
        Files.delete(maildir.resolve("cur/1.host,S=10:2,"));
        Files.delete(maildir.resolve("cur"));
        Files.move(other, maildir.resolve("cur"));
        Files.setLastModifiedTime(maildir.resolve("cur"), LONG_AGO);
        assertEquals(90, usage.of(maildir), "same time, another directory");
    }

    @Test
    void rememberingIsBoundedAndForgettingKeepsTheCountRight() throws IOException {
        MaildirUsage usage = new MaildirUsage(NOW, 10);
        Path root = Files.createTempDirectory("boxes");
        Path first = null;
        for (int i = 0; i < 6; i++) {
            Path box = root.resolve("u" + i);
            Files.createDirectories(box.resolve("cur"));
            Files.createDirectories(box.resolve("new"));
            Files.writeString(box.resolve("cur/1.host,S=" + (i + 1) + ":2,"), "x");
            Files.setLastModifiedTime(box.resolve("cur"), LONG_AGO);
            Files.setLastModifiedTime(box.resolve("new"), LONG_AGO);
            first = first == null ? box : first;
            assertEquals(i + 1, usage.of(box));
        }
        assertEquals(2, usage.remembered(), "cleared at the bound, then the last box's two directories");
        assertEquals(1, usage.of(first));
    }
}
