package org.godshell.toaster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code toaster import qmail}: argument errors, a dry run that writes nothing anywhere, a real run and its rerun. */
class ImportCommandTest {

    /** Made with {@code openssl passwd -6 -salt Zq8RtY2uIo0PlK1m secret}. */
    private static final String SHA512 = "$6$Zq8RtY2uIo0PlK1m$5LPrNU.1EdhwVsZ0lIBJHjj1ztggsPMuM.icicF1g7Ohf6M8O4Haj"
            + "LUfyW7UDOi1Zp0eDifUseurdzKEL.Y3v0";

    @TempDir
    Path prefix;
    @TempDir
    Path old;

    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void trees() throws Exception {
        Files.createDirectories(prefix.resolve("control"));
        write(old.resolve("qmail/control/virtualdomains"), "example.com:example.com\n");
        write(old.resolve("qmail/control/databytes"), "1000000\n");
        Path domain = old.resolve("vpopmail/domains/example.com");
        write(domain.resolve("vpasswd"), "ann:" + SHA512 + ":1:0:Ann:" + domain.resolve("ann") + ":NONE:x\n");
        write(domain.resolve("ann/Maildir/new/1.2.host"), "Subject: hi\n\nhello\n");
        write(old.resolve("tcp.smtp"), "10.:allow,RELAYCLIENT=\"\"\n");
    }

    private static void write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("import", "qmail", "--prefix", prefix.toString(), "--qmail",
                old.resolve("qmail").toString(), "--vpopmail", old.resolve("vpopmail").toString(), "--tcp-rules",
                old.resolve("tcp.smtp").toString()));
        all.addAll(List.of(args));
        return Toaster.execute(new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
    }

    @Test
    void anUnknownMailModeIsRefused() {
        assertEquals(1, run("--mail", "teleport"));
        assertTrue(err.toString().contains("unknown --mail teleport: use move, link or copy"), err.toString());
    }

    @Test
    void aMissingOldTreeIsNamed() throws Exception {
        Files.move(old.resolve("qmail"), old.resolve("elsewhere"));
        assertEquals(1, run());
        assertTrue(err.toString().contains("is not a directory"), err.toString());
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        assertEquals(2, run("--frobnicate"));
        assertTrue(err.toString().contains("Unknown option"), err.toString());
    }

    @Test
    void aDryRunPrintsThePlanAndWritesNothingAnywhere() throws Exception {
        Map<Path, String> toaster = snapshot(prefix);
        Map<Path, String> oldHost = snapshot(old);
        assertEquals(0, run("--dry-run"), err.toString());
        String printed = out.toString();
        assertTrue(printed.contains("import: domain example.com"), printed);
        assertTrue(printed.contains("import: user ann@example.com ({SHA512-CRYPT} hash)"), printed);
        assertTrue(printed.contains("import: control/databytes"), printed);
        assertTrue(printed.contains("import: control/tcp.smtp rule 10.:allow,RELAYCLIENT=\"\""), printed);
        assertTrue(printed.endsWith("dry run: nothing written\n"), printed);
        assertEquals(toaster, snapshot(prefix));
        assertEquals(oldHost, snapshot(old));
    }

    @Test
    void theRealRunImportsUsersAndTheirMailAndARerunAddsNothing() throws Exception {
        assertEquals(0, run("--rehash-passwords"), err.toString() + out);
        assertTrue(out.toString().contains("report: " + prefix.resolve("var/import")), out.toString());
        assertTrue(Files.readString(prefix.resolve("domains/example.com/passwd")).startsWith("ann@example.com:"));
        assertEquals("Subject: hi\n\nhello\n",
                Files.readString(prefix.resolve("domains/example.com/ann/Maildir/new/1.2.host")));
        assertEquals("yes\n", Files.readString(prefix.resolve("control/passwordrehash")));
        try (Stream<Path> reports = Files.list(prefix.resolve("var/import"))) {
            String report = Files.readString(reports.findFirst().orElseThrow());
            assertTrue(report.contains("imported: user ann@example.com"), report);
            assertTrue(report.contains("mail of ann@example.com"), report);
        }
        Map<Path, String> domains = snapshot(prefix.resolve("domains"));
        assertEquals(0, run(), err.toString() + out);
        assertEquals(domains, snapshot(prefix.resolve("domains")), "a rerun changes nothing\n" + out);
    }

    @Test
    void theDryRunSaysHowMuchMailWouldComeOver() throws Exception {
        assertEquals(0, run("--dry-run", "--mail", "link"), err.toString());
        assertTrue(out.toString().contains("mail of ann@example.com: 1 message(s), 0 folder(s) to link"),
                out.toString());
    }

    private static Map<Path, String> snapshot(Path top) throws Exception {
        Map<Path, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(top)) {
            for (Path path : walk.toList()) {
                out.put(top.relativize(path), Files.isDirectory(path) ? "dir " + Files.getLastModifiedTime(path)
                        : Files.readString(path) + Files.getLastModifiedTime(path));
            }
        }
        return out;
    }
}
