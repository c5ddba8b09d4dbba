package org.godshell.toaster.dane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.config.ControlFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Type;

/** control/dnssectrustanchors: DS and DNSKEY records read strictly, the first bad line named; the root built in. */
class TrustAnchorsTest {

    /** KSK-2024 as Unbound's root.key and Debian's /usr/share/dns/root.key write it: TTL, class, a comment. */
    private static final String ROOT_KEY = ". 172800 IN DNSKEY 257 3 8 AwEAAa96jeuknZlaeSrvyAJj6ZHv28hhOKkx3rLGXVaC6rXTs"
            + "Dc449/cidltpkyGwCJNnOAlFNKF2jBosZBU5eeHspaQWOmOElZsjICMQMC3aeHbGiShvZsx4wMYSjH8e7Vrhbu6irwCzVBApESjbUdpWWmEn"
            + "hathWu1jo+siFUiRAAxm9qyJNg/wOZqqzL/dL/q8PkcRU5oUKEpUge71M3ej2/7CPqpdVwuMoTvoB+ZOT4YeGyxMvHmbrxlFzGOHOijtzN+u1"
            + "TQNatX2XBuzZNQ1K+s2CXkPIZo7s6JgZyvaBevYtxPvYLw4z9mR7K2vaF18UYH9Z9GNUUeayffKC73PYc= ; keytag 38696";

    @TempDir
    Path dir;

    @Test
    void theBuiltInRootAnchorsAreIanasKsk2017AndKsk2024() {
        List<Integer> tags = TrustAnchors.root().records().stream().map(r -> ((DSRecord) r).getFootprint()).toList();
        assertEquals(List.of(20326, 38696), tags);
    }

    @Test
    void aMissingFileMeansTheRootAnchors() throws Exception {
        assertEquals(TrustAnchors.root(), TrustAnchors.read(dir.resolve("dnssectrustanchors")));
    }

    @Test
    void readsDsAndDnskeyLinesWithCommentsTtlsAndClass() throws Exception {
        Path file = write("# lab root\n" + TrustAnchors.ROOT.get(0) + "\n\n; old style comment\n" + ROOT_KEY + "\n"
                + "lab.example. DS 12345 13 2 " + "ab".repeat(32) + "\n");
        TrustAnchors anchors = TrustAnchors.read(file);
        assertEquals(List.of(Type.DS, Type.DNSKEY, Type.DS), anchors.records().stream().map(r -> r.getType()).toList());
        assertTrue(anchors.zoneText().contains("lab.example."));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "garbage",
        "\u0000\u0001\u0002",
        "example. A 192.0.2.1",
        "example DS 12345 13 2 " + "ab",
        "example. DS 12345 13 2 abcd",
        "example. DS 12345 13 9 " + "ab" + "ab",
        "example. DS 12345 13 2 zz",
        "example. DS",
        "example.",
        "example. DS ( 12345 13 2",
        "example. DNSKEY 0 3 13 AAAA",
        "example. DNSKEY 257 2 13 AAAA",
        "example. DNSKEY 257 3 13 AAAA",
        "example. DNSKEY 257 3 8 !!!!",
        "exa\tmple..com. DS 1 1 1 00",
        "example. DS 12345 13 2 ABCD\u00e9",
    })
    void aBadLineIsAnErrorNamingTheFileAndLine(String bad) throws Exception {
        Path file = write("# first line\n" + TrustAnchors.ROOT.get(0) + "\n" + bad + "\n");
        ConfigException e = assertThrows(ConfigException.class, () -> TrustAnchors.read(file));
        assertEquals(3, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void aFileWithOnlyCommentsIsAnErrorNotAnEmptyTrustList() throws Exception {
        Path file = write("# nothing here\n; nor here\n");
        assertThrows(ConfigException.class, () -> TrustAnchors.read(file));
    }

    @Test
    void anOverlongLineIsRefused() throws Exception {
        Path file = write(". DS 20326 8 2 " + "A".repeat(TrustAnchors.MAX_LINE) + "\n");
        assertEquals(1, assertThrows(ConfigException.class, () -> TrustAnchors.read(file)).line());
    }

    @Test
    void tooManyAnchorsAreRefused() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i <= TrustAnchors.MAX_RECORDS; i++) {
            lines.add("a" + i + ".example. DS " + (i + 1) + " 13 2 " + "ab".repeat(32));
        }
        Path file = write(String.join("\n", lines) + "\n");
        assertEquals(TrustAnchors.MAX_RECORDS + 1, assertThrows(ConfigException.class,
                () -> TrustAnchors.read(file)).line());
    }

    @Test
    void binaryGarbageIsRefused() throws Exception {
        Path file = dir.resolve("dnssectrustanchors");
        byte[] garbage = new byte[4096];
        new java.util.Random(22).nextBytes(garbage);
        Files.write(file, garbage);
        assertThrows(ConfigException.class, () -> TrustAnchors.read(file));
    }

    @Test
    void parsedLinesKeepTheirNumbers() throws Exception {
        ConfigException e = assertThrows(ConfigException.class, () -> TrustAnchors.parse(Path.of("anchors"),
                List.of(new ControlFile.Line(7, "nonsense"))));
        assertEquals(7, e.line());
    }

    private Path write(String text) throws Exception {
        Path file = dir.resolve("dnssectrustanchors");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }
}
