package org.godshell.toaster.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ControlFileTest {

    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        return Files.write(dir.resolve("f"), text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void missingFileIsEmpty() throws Exception {
        assertEquals(Optional.empty(), ControlFile.line(dir.resolve("nope")));
        assertEquals(List.of(), ControlFile.lines(dir.resolve("nope")));
        assertEquals(Optional.empty(), ControlFile.list(dir.resolve("nope")));
        assertEquals(List.of(), ControlFile.lines(dir.resolve("no-dir/nope")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "'mail.example.com'                 | 'mail.example.com'",
        "'mail.example.com\\n'              | 'mail.example.com'",
        "'mail.example.com  \\t \\n'        | 'mail.example.com'",
        "'mail.example.com\\r\\n'           | 'mail.example.com'",
        "'first\\nsecond\\n'                | 'first'",
        "'  leading kept'                   | '  leading kept'",
        "''                                 | ''",
        "'\\nsecond'                        | ''",
        "'# not a comment for line()'       | '# not a comment for line()'",
    })
    void firstLine(String content, String expected) throws Exception {
        assertEquals(Optional.of(expected), ControlFile.line(write(unescape(content))));
    }

    @Test
    void listSkipsBlanksAndComments() throws Exception {
        Path f = write("# comment\n\nexample.com  \n   \n#x\n.example.org\r\nlast");
        assertEquals(List.of(new ControlFile.Line(3, "example.com"), new ControlFile.Line(6, ".example.org"),
                new ControlFile.Line(7, "last")), ControlFile.lines(f));
    }

    @Test
    void presentButEmptyListIsNotMissing() throws Exception {
        assertEquals(Optional.of(List.of()), ControlFile.list(write("# only a comment\n\n")));
    }

    @Test
    void nulByteNamesTheLine() throws Exception {
        Path f = write("ok\nbad\0byte\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ControlFile.lines(f));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().startsWith(f + ":2: contains a NUL byte"), e.getMessage());
    }

    @Test
    void invalidUtf8NamesTheLine() throws Exception {
        Path f = dir.resolve("f");
        Files.write(f, new byte[] {'a', '\n', 'b', '\n', (byte) 0xc3, (byte) 0x28, '\n'});
        ConfigException e = assertThrows(ConfigException.class, () -> ControlFile.line(f));
        assertTrue(e.getMessage().startsWith(f + ":3: is not valid UTF-8"), e.getMessage());
        assertEquals(f, e.file());
    }

    @Test
    void validUtf8IsKept() throws Exception {
        assertEquals(Optional.of("héllo"), ControlFile.line(write("héllo\n")));
    }

    @Test
    void hugeFileIsRefused() throws Exception {
        Path f = dir.resolve("f");
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength(20L * 1024 * 1024);
        }
        ConfigException e = assertThrows(ConfigException.class, () -> ControlFile.lines(f));
        assertEquals(0, e.line());
        assertTrue(e.getMessage().startsWith(f + ": is larger than 10 MB"), e.getMessage());
    }

    @Test
    void directoryIsRefused() throws Exception {
        Path d = Files.createDirectory(dir.resolve("me"));
        ConfigException e = assertThrows(ConfigException.class, () -> ControlFile.line(d));
        assertTrue(e.getMessage().startsWith(d + ": is a directory"), e.getMessage());
    }

    @Test
    void danglingSymlinkIsRefused() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("me"), dir.resolve("gone"));
        ConfigException e = assertThrows(ConfigException.class, () -> ControlFile.line(link));
        assertTrue(e.getMessage().startsWith(link + ": is a symbolic link"), e.getMessage());
    }

    @Test
    void unreadableFileIsRefused() throws Exception {
        assumeTrue(!"root".equals(System.getProperty("user.name")), "root can read any file");
        Path f = write("secret\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("---------"));
        assumeTrue(!Files.isReadable(f), "this file system ignores permissions");
        ConfigException e = assertThrows(ConfigException.class, () -> ControlFile.line(f));
        assertTrue(e.getMessage().startsWith(f + ": cannot be read: permission denied"), e.getMessage());
    }

    @Test
    void messageFormat() {
        ConfigException e = new ConfigException(Path.of("control/databytes"), 1,
                "\"12x\" is not a number of bytes; write a whole number such as 10485760 (0 = no limit)");
        assertEquals("control/databytes:1: \"12x\" is not a number of bytes; write a whole number such as "
                + "10485760 (0 = no limit)", e.getMessage());
        assertEquals("control/me: is a directory", new ConfigException(Path.of("control/me"), 0, "is a directory")
                .getMessage());
    }

    static String unescape(String s) {
        return s.replace("\\n", "\n").replace("\\r", "\r").replace("\\t", "\t").replace("\\0", "\0");
    }
}
