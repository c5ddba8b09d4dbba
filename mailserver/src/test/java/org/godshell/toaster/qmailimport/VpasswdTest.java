package org.godshell.toaster.qmailimport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.commons.codec.digest.Crypt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** vpasswd as vpopmail writes it, with real crypt hashes, and hostile files. */
class VpasswdTest {

    /** Made with Python's {@code crypt.crypt("secret", "ab")}. */
    static final String DES = "abNANd1rDfiNc";
    /** Made with {@code openssl passwd -1 -salt Ab3dEf9h secret}. */
    static final String MD5 = "$1$Ab3dEf9h$XJEtP21nJF.loOzkCM55p/";
    /** Made with {@code openssl passwd -5 -salt Qw3rTy7uIoPa5sDf secret}. */
    static final String SHA256 = "$5$Qw3rTy7uIoPa5sDf$6VBEYig9CAfWbju5a0fubpZnPNow76g91f3b3KFpvW/";
    /** Made with {@code openssl passwd -6 -salt Zq8RtY2uIo0PlK1m secret}. */
    static final String SHA512 = "$6$Zq8RtY2uIo0PlK1m$5LPrNU.1EdhwVsZ0lIBJHjj1ztggsPMuM.icicF1g7Ohf6M8O4HajLUfyW7UDOi1"
            + "Zp0eDifUseurdzKEL.Y3v0";
    static final Path DOMAIN = Path.of("/home/vpopmail/domains/example.com");

    private static Vpasswd parse(String text) throws ImportRefusedException {
        return Vpasswd.parse(text.getBytes(StandardCharsets.UTF_8), DOMAIN);
    }

    @Test
    void readsEightAndSevenFieldLinesWithEverySupportedScheme() throws Exception {
        Vpasswd file = parse("ann:" + DES + ":1:0:Ann Example:/home/vpopmail/domains/example.com/ann:NONE:secret\n"
                + "bob:" + MD5 + ":1:0:Bob:/home/vpopmail/domains/example.com/0/bob:52428800S,1000C:secret\n"
                + "Cy:" + SHA512 + ":1:2:Cy:/home/vpopmail/domains/example.com/cy:1000C\n"
                + "dee:" + SHA256 + ":1:0:Dee:dee:NONE:\n");
        assertEquals(List.of(), file.problems());
        List<VpasswdEntry> users = file.entries();
        assertEquals(List.of("ann", "bob", "cy", "dee"), users.stream().map(VpasswdEntry::name).toList());
        assertEquals(new OldHash.Supported(OldHash.Scheme.DES_CRYPT, DES), users.get(0).hash());
        assertEquals("{MD5-CRYPT}" + MD5, ((OldHash.Supported) users.get(1).hash()).dovecotField());
        assertEquals("{SHA512-CRYPT}" + SHA512, ((OldHash.Supported) users.get(2).hash()).dovecotField());
        assertEquals(Path.of("0/bob"), users.get(1).dir());
        assertEquals(Optional.of(new VpopQuota(OptionalLong.of(52428800), OptionalLong.of(1000))),
                users.get(1).quota());
        assertEquals(Optional.of(VpopQuota.NONE), users.get(0).quota());
        assertEquals("{SHA256-CRYPT}" + SHA256, ((OldHash.Supported) users.get(3).hash()).dovecotField());
        assertEquals(2, users.get(2).flags());
        assertEquals(3, users.get(2).line());
    }

    @Test
    void theFixtureHashesAreRealCryptHashesOfTheirPassword() {
        // commons-codec, already a dependency, computes all three schemes; the toaster's store does not yet accept
        // {CRYPT} or {MD5-CRYPT} (PasswordHash.problem), which the import's next step has to add.
        for (String hash : List.of(DES, MD5, SHA256, SHA512)) {
            assertEquals(hash, Crypt.crypt("secret", hash));
            assertFalse(hash.equals(Crypt.crypt("Secret", hash)));
        }
    }

    @Test
    void theClearTextFieldIsInNoObjectAndNoProblem() throws Exception {
        Vpasswd file = parse("ann:" + MD5 + ":1:0:Ann:/home/vpopmail/domains/example.com/ann:NONE:Tr0ub4dor\n"
                + "bad:" + MD5 + ":x:0:Bad:/home/vpopmail/domains/example.com/bad:NONE:Tr0ub4dor\n"
                + "ann:" + MD5 + ":1:0:Ann:/home/vpopmail/domains/example.com/ann:NONE:Tr0ub4dor\n"
                + "far:" + MD5 + ":1:0:Far:/etc:NONE:Tr0ub4dor:extra\n");
        assertEquals(1, file.entries().size());
        assertEquals(3, file.problems().size());
        assertFalse(file.toString().contains("Tr0ub4dor"), file.toString());
    }

    @Test
    void unsupportedHashesAreKeptWithTheirReasonButNotTheField() throws Exception {
        Vpasswd file = parse("a:$2y$10$abcdefghijklmnopqrstuu5a:1:0:A:/home/vpopmail/domains/example.com/a:NONE\n"
                + "b:plaintext:1:0:B:/home/vpopmail/domains/example.com/b:NONE\n"
                + "c::1:0:C:/home/vpopmail/domains/example.com/c:NONE\n"
                + "d:$1$short$abc:1:0:D:/home/vpopmail/domains/example.com/d:NONE\n");
        List<OldHash> hashes = file.entries().stream().map(VpasswdEntry::hash).toList();
        assertEquals(4, hashes.size());
        hashes.forEach(h -> assertInstanceOf(OldHash.Unsupported.class, h));
        assertTrue(((OldHash.Unsupported) hashes.get(0)).reason().contains("$2y$"));
        assertFalse(hashes.toString().contains("plaintext"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../other/ann", "/home/vpopmail/domains/example.com/../example.net/ann", "/etc",
        "/home/vpopmail/domains/example.com", "/home/vpopmail/domains/example.com.evil/ann", "", "ann\\..\\x",
        "/home/vpopmail/domains/example.com/ann/../../x"})
    void aDirectoryOutsideTheDomainIsRefused(String dir) throws Exception {
        Vpasswd file = parse("ann:" + DES + ":1:0:Ann:" + dir + ":NONE:\n");
        assertEquals(List.of(), file.entries());
        assertTrue(file.problems().get(0).reason().contains("not inside"), file.problems().toString());
    }

    @Test
    void aRelativeDirectoryInsideIsAccepted() throws Exception {
        assertEquals(Path.of("ann"), parse("ann:" + DES + ":1:0:Ann:ann:NONE\n").entries().get(0).dir());
    }

    @Test
    void brokenLinesAreReportedByNumberAndTheRestRead() throws Exception {
        byte[] bytes = join("ann:" + DES + ":1:0:A:ann:NONE:",
                "too:few:fields",
                "a:b:1:0:c:d:e:f:g:h",
                "nul:" + DES + ":1:0:A\0:nul:NONE",
                "bad name!:" + DES + ":1:0:A:x:NONE",
                "",
                "q:" + DES + ":1:0:Q:q:lots",
                "ctl:" + DES + ":1:0:\u001b[2J:ctl:NONE",
                "bob:" + DES + ":1:0:B:bob:NONE:\r");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(bytes);
        out.writeBytes("j\u00e9:x:1:0:J:j:NONE\n".getBytes(StandardCharsets.ISO_8859_1));
        Vpasswd file = Vpasswd.parse(out.toByteArray(), DOMAIN);
        assertEquals(List.of("ann", "q", "bob"), file.entries().stream().map(VpasswdEntry::name).toList());
        assertEquals(List.of(2, 3, 4, 5, 7, 8, 10), file.problems().stream().map(LineProblem::line).toList());
        LineProblem quota = file.problems().get(4);
        assertFalse(quota.skipped());
        assertEquals(Optional.empty(), file.entries().get(1).quota());
        assertTrue(file.problems().get(6).reason().contains("UTF-8"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"NONE", "none", ""})
    void noQuota(String field) {
        assertEquals(Optional.of(VpopQuota.NONE), VpopQuota.parse(field));
    }

    @Test
    void quotaForms() {
        assertEquals(Optional.of(new VpopQuota(OptionalLong.of(100), OptionalLong.empty())), VpopQuota.parse("100S"));
        assertEquals(Optional.of(new VpopQuota(OptionalLong.of(100), OptionalLong.empty())), VpopQuota.parse("100"));
        assertEquals(Optional.of(new VpopQuota(OptionalLong.empty(), OptionalLong.of(1005))), VpopQuota.parse("1005C"));
        assertEquals(Optional.of(new VpopQuota(OptionalLong.of(7), OptionalLong.of(9))), VpopQuota.parse("7S,9C"));
        for (String bad : List.of("9C,7S", "1S,2S", "S", ",", "1S,2C,3C", "-5S", "50M", "99999999999999999999S")) {
            assertEquals(Optional.empty(), VpopQuota.parse(bad), bad);
        }
    }

    @Test
    void aHugeFileIsRefusedWhole() {
        assertThrows(ImportRefusedException.class, () -> Vpasswd.parse(new byte[ImportText.MAX_BYTES + 1], DOMAIN));
        byte[] lines = new byte[ImportText.MAX_LINES + 1];
        Arrays.fill(lines, (byte) '\n');
        ImportRefusedException e = assertThrows(ImportRefusedException.class, () -> Vpasswd.parse(lines, DOMAIN));
        assertTrue(e.getMessage().contains("lines"));
    }

    private static byte[] join(String... lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String line : lines) {
            out.writeBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
