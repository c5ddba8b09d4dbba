package org.godshell.toaster.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The manifest's lines, escapes, names and links, and the info member: each read back as written, or refused. */
class ManifestTest {

    private static final String SHA = "0000000000000000000000000000000000000000000000000000000000000000";

    @Test
    void entriesRoundTripWithEscapedNames() {
        List<Entry> entries = List.of(new Entry.Directory("domains", 0750, "1.000000000"),
                new Entry.Directory("domains/sp ace %41", 0700, "-5.000000001"),
                new Entry.File("domains/sp ace %41/m\u00e9ssage:2,S", 0600, "1.5", "2.000000000", 12, SHA, "."),
                new Entry.Link("control", "1.000000000", "x"));
        List<Entry> fixed = List.of(entries.get(0), entries.get(1), new Entry.File(
                "domains/sp ace %41/m\u00e9ssage:2,S", 0600, "1.500000000", "2.000000000", 12, SHA, "."));
        Manifest manifest = Manifest.of(fixed);
        assertEquals(List.copyOf(manifest.entries()), List.copyOf(Manifest.parse(manifest.encode(), Limits.DEFAULT)
                .entries()));
        assertEquals("domains/tab%09here %2541", Escape.encode("domains/tab\there %41"));
        assertEquals("domains/tab\there %41", Escape.decode("domains/tab%09here %2541"));
        assertThrows(IllegalArgumentException.class, () -> Manifest.of(entries), "a link may not be an area");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "F", "F\t600\t1.000000000\t1.000000000\t1\t" + SHA + "\t.", "D\t800\t1.000000000\tvar",
        "D\t755\t1.0\tvar", "D\t755\t1.000000000\t/var", "D\t755\t1.000000000\tvar/../control",
        "F\t600\t1.000000000\t1.000000000\t-1\t" + SHA + "\t.\tvar", "F\t600\t1.000000000\t1.000000000\t1\t"
        + SHA + "\t../x.tar.gz\tvar/x", "D\t755\t1.000000000\tvar/%", "D\t755\t1.000000000\tvar/%FF",
        "D\t755\t1.000000000\tbin", "L\t1.000000000\t..\tcontrol/x", "L\t1.000000000\tx\tqueue/mess/x",
        "F\t600\t1.000000000\t1.000000000\t1\t" + SHA + "\t.\twiki/other"})
    void badLinesAreRefused(String line) {
        assertThrows(IllegalArgumentException.class, () -> Entry.parse(line), line);
    }

    @Test
    void manifestLimitsAndOrder() {
        byte[] three = "D\t755\t1.000000000\tvar\nD\t755\t1.000000000\tvar/a\nD\t755\t1.000000000\tvar/b\n"
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(3, Manifest.parse(three, Limits.DEFAULT).entries().size());
        assertThrows(IllegalArgumentException.class, () -> Manifest.parse(three, new Limits(2, 1000)));
        assertThrows(IllegalArgumentException.class, () -> Manifest.parse(three, new Limits(10, 20)));
        assertThrows(IllegalArgumentException.class, () -> Manifest.parse(java.util.Arrays.copyOf(three,
                three.length - 1), Limits.DEFAULT), "truncated");
        assertThrows(IllegalArgumentException.class, () -> Manifest.parse("D\t755\t1.000000000\tvar/a\n"
                .getBytes(StandardCharsets.UTF_8), Limits.DEFAULT), "a directory before its parent");
        assertThrows(IllegalArgumentException.class, () -> Manifest.parse("D\t755\t1.000000000\tvar\n"
                .repeat(2).getBytes(StandardCharsets.UTF_8), Limits.DEFAULT), "twice");
    }

    @Test
    void linksStayInTheirArea() {
        MemberName.checkLink("control/servercert.pem", "acme/servercert.pem");
        MemberName.checkLink("domains/a/b/link", "../c");
        for (String target : new String[] {"../x", "../../etc/passwd", "../control/../../x", "/etc/passwd", "",
            "a/../../../x"}) {
            assertThrows(IllegalArgumentException.class, () -> MemberName.checkLink("control/x", target), target);
        }
    }

    @Test
    void infoRoundTripsAndRefusesTheRest() {
        ArchiveInfo increment = new ArchiveInfo(false, Instant.parse("2026-01-02T03:04:05Z"), "mx.example",
                Optional.of(new ArchiveInfo.Base("toaster-backup-20260101-000000-full.tar.gz", SHA)), 3);
        assertEquals(increment, ArchiveInfo.parse(increment.encode()));
        for (String bad : new String[] {"", "toaster-backup 2\n", "toaster-backup 1\nkind full\n",
            "toaster-backup 1\nkind full\ncreated now\nhost x\n",
            "toaster-backup 1\nkind incr\ncreated 2026-01-02T03:04:05Z\nhost x\n",
            "toaster-backup 1\nkind full\ncreated 2026-01-02T03:04:05Z\nhost x\nextra 1\n",
            "toaster-backup 1\ntoaster-backup 1\n", "x".repeat(5000)}) {
            assertThrows(IllegalArgumentException.class, () -> ArchiveInfo.parse(bad.getBytes(StandardCharsets.UTF_8)),
                    bad);
        }
    }
}
