package org.godshell.toaster.pop3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mailbox lock, what a listing takes and leaves, and a mailbox that cannot be opened, through a server. */
class MaildropTest {

    @TempDir
    Path temp;

    @Test
    void aSecondSessionOfTheSameMailboxIsToldInUseUntilTheFirstEnds() throws Exception {
        try (Pop3TestServer server = new Pop3TestServer(temp)) {
            server.user("ann", "secret");
            server.deliver("ann", "new", "1000.A.host", "Subject: a\n\nx\n");
            try (Pop3Client first = new Pop3Client(server.implicitTls());
                    Pop3Client second = new Pop3Client(server.implicitTls())) {
                assertTrue(first.login("ann@local.test", "secret").startsWith("+OK logged in, 1 messages"));
                assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                        java.nio.file.Files.getPosixFilePermissions(server.maildir("ann").resolve(MaildirLock.FILE))),
                        "nothing in a mailbox for others, whatever the umask");
                assertEquals("-ERR [IN-USE] mailbox in use by another POP3 session",
                        second.login("ann@local.test", "secret"));
                assertEquals("-ERR send USER first", second.send("PASS secret"), "back in AUTHORIZATION");
                assertTrue(first.send("QUIT").startsWith("+OK"));
                // QUIT releases the lock before its +OK, so the other session may log in at once.
                assertTrue(second.login("ann@local.test", "secret").startsWith("+OK logged in, 1 messages"));
            }
        }
    }

    /**
     * The lock is a POSIX record lock that another process can hold too (here python3's fcntl.lockf, the
     * same kind), and it goes when that process dies, however it dies.
     */
    @Test
    void aLockHeldByAnotherProcessRefusesAndGoesWithTheProcess() throws Exception {
        assumeTrue(Clients.has("python3"), "python3 is not installed");
        try (Pop3TestServer server = new Pop3TestServer(temp)) {
            server.user("ann", "secret");
            Path lockFile = server.maildir("ann").resolve(MaildirLock.FILE);
            Process holder = new ProcessBuilder("python3", "-c", "import fcntl,sys,time\n"
                    + "f=open(sys.argv[1],'a')\nfcntl.lockf(f,fcntl.LOCK_EX|fcntl.LOCK_NB)\nprint('held',flush=True)\n"
                    + "time.sleep(60)\n", lockFile.toString()).redirectErrorStream(true).start();
            try {
                BufferedReader said = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                        StandardCharsets.UTF_8));
                assertEquals("held", said.readLine());
                try (Pop3Client client = new Pop3Client(server.implicitTls())) {
                    assertEquals("-ERR [IN-USE] mailbox in use by another POP3 session",
                            client.login("ann@local.test", "secret"));
                    holder.destroyForcibly();                           // SIGKILL: no chance to unlock
                    assertTrue(holder.waitFor(10, TimeUnit.SECONDS));
                    assertTrue(client.login("ann@local.test", "secret").startsWith("+OK logged in"));
                }
            } finally {
                holder.destroyForcibly();
            }
        }
    }

    @Test
    void onlyRegularFilesAreListedAndNoLinkIsFollowed() throws Exception {
        try (Pop3TestServer server = new Pop3TestServer(temp)) {
            server.user("ann", "secret");
            server.user("bob", "secret");
            Path secret = server.deliver("bob", "cur", "1000.B.host:2,", "Subject: bob's\n\nprivate\n");
            Path cur = server.maildir("ann").resolve("cur");
            Path fresh = server.maildir("ann").resolve("new");
            server.deliver("ann", "cur", "1001.A.host:2,", "Subject: ann's\n\nmine\n");
            Files.createSymbolicLink(cur.resolve("1002.L.host:2,"), secret);
            Files.createSymbolicLink(fresh.resolve("1003.L.host"), Path.of("/etc/passwd"));
            Files.createDirectory(cur.resolve("1004.D.host:2,"));
            server.deliver("ann", "cur", ".hidden", "x\n");
            try (Pop3Client client = new Pop3Client(server.implicitTls())) {
                assertEquals("+OK logged in, 1 messages (24 octets)", client.login("ann@local.test", "secret"));
                assertEquals("+OK 1 1001.A.host", client.send("UIDL 1"));
                assertEquals("-ERR no such message", client.send("RETR 2"));
                assertTrue(client.send("QUIT").startsWith("+OK"));
            }
            assertTrue(Files.isSymbolicLink(fresh.resolve("1003.L.host")), "a link in new/ is not moved");
            assertTrue(Files.exists(secret));
        }
    }

    @Test
    void aMissingOrLinkedMaildirIsATemporaryErrorAndNoLock() throws Exception {
        try (Pop3TestServer server = new Pop3TestServer(temp)) {
            server.user("ann", "secret");
            server.user("bob", "secret");
            Path annMaildir = server.maildir("ann");
            try (var files = Files.walk(annMaildir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            Path bobMaildir = server.maildir("bob");
            try (var files = Files.walk(bobMaildir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            Files.createSymbolicLink(bobMaildir, temp.resolve("elsewhere"));
            try (Pop3Client client = new Pop3Client(server.implicitTls())) {
                assertEquals("-ERR [SYS/TEMP] cannot open the mailbox now, try again later",
                        client.login("ann@local.test", "secret"));
                assertEquals("-ERR [SYS/TEMP] cannot open the mailbox now, try again later",
                        client.login("bob@local.test", "secret"));
            }
            assertTrue(server.log().contains("mailbox of ann@local.test unavailable"), server.log());
        }
    }

    @Test
    void aMessageRemovedByAnotherProgramAfterLoginIsAnErrorNotABrokenResponse() throws Exception {
        try (Pop3TestServer server = new Pop3TestServer(temp)) {
            server.user("ann", "secret");
            Path file = server.deliver("ann", "cur", "1000.A.host:2,", "Subject: a\n\nx\n");
            try (Pop3Client client = new Pop3Client(server.implicitTls())) {
                assertTrue(client.login("ann@local.test", "secret").startsWith("+OK logged in, 1 messages"));
                Files.delete(file);                                     // as Dovecot's IMAP expunge would
                assertEquals("-ERR message has been removed from the mailbox by another program",
                        client.send("RETR 1"));
                assertEquals("+OK message 1 deleted", client.send("DELE 1"));
                assertEquals("+OK pop.test signing off (1 messages removed)", client.send("QUIT"));
            }
        }
    }
}
