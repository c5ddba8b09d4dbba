package org.godshell.toaster.spp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.dns.Dns;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The smtpplugins file as qmail-spp reads it (qmail-spp.md §1), and where the toaster is stricter. */
class PluginConfigTest {

    @TempDir
    Path home;
    private Path file;

    @BeforeEach
    void plugins() throws IOException {
        Files.createDirectories(home.resolve("plugins"));
        Files.createDirectories(home.resolve("control"));
        for (String name : List.of("a", "b", "c")) {
            Path plugin = Files.writeString(home.resolve("plugins/" + name), "#!/bin/sh\n");
            Files.setPosixFilePermissions(plugin, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.writeString(home.resolve("plugins/not-executable"), "#!/bin/sh\n");
        file = home.resolve("control/smtpplugins");
    }

    private PluginFactory factory() {
        return new PluginFactory(home, new PluginRunner(home, Duration.ofSeconds(5)))
                .with(Builtins.PREFIX, new Builtins(Dns.of(List.of()), home));
    }

    private PluginConfig load(String text) throws ConfigException, IOException {
        Files.writeString(file, text);
        return PluginConfig.load(file, factory()).orElseThrow();
    }

    @Test
    void sectionsByTheirFirstLetterPluginsInFileOrder() throws Exception {
        PluginConfig config = load("""
                # comment
                [connection]
                plugins/a
                [r]
                plugins/b
                :plugins/c one two
                [RECIPIENT]
                %s
                [helo]   \s
                plugins/c
                """.formatted(home.resolve("plugins/a")));
        assertEquals(List.of("plugins/a"), names(config, Section.CONNECTION));
        assertEquals(List.of(home.resolve("plugins/b").toString(), "plugins/c one two",
                home.resolve("plugins/a").toString()), commands(config, Section.RCPT));
        assertTrue(((ProcessPlugin) config.plugins(Section.RCPT).get(1)).shell());
        assertEquals(1, config.plugins(Section.HELO).size());
        assertEquals(file + ":5", config.plugins(Section.RCPT).get(0).source());
    }

    @Test
    void linesBeforeAnySectionAndInUnknownSectionsAreIgnoredWithAWarning() throws Exception {
        PluginConfig config = load("plugins/a\n[xyz]\nplugins/b\n[mail]\nplugins/c\n");
        assertEquals(1, config.plugins(Section.MAIL).size());
        assertEquals(1, config.sections().values().stream().mapToInt(List::size).sum());
        assertEquals(2, config.warnings().size(), config.warnings().toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[rcpt]\\nplugins/missing          | 2 | is not an executable file",
        "[rcpt]\\nplugins/not-executable   | 2 | is not an executable file",
        "[rcpt]\\n:                        | 2 | ':' with no command",
        "[mail]\\nplugins/a\\n[rcpt]\\nplugins | 4 | is not an executable file",
    })
    void refusesPluginsThatCannotRunWithFileAndLine(String text, int line, String reason) {
        ConfigException e = assertThrows(ConfigException.class, () -> load(text.replace("\\n", "\n")));
        assertEquals(line, e.line());
        assertTrue(e.getMessage().startsWith(file + ":" + line + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[body]\\nbuiltin:rbl zen.spamhaus.org       | [body]: builtin:rbl refuses at RCPT time",
        "[body]\\nbuiltin:spf                        | [body]: builtin:spf checks at [mail] and [helo]",
        "[b]\\nbuiltin:chkuser                       | [body]: builtin:chkuser checks each recipient at [rcpt]",
        "[body]\\nfailopen:builtin:spf               | [body]: builtin:spf",
        "[body]\\nfailopen:                          | 'failopen:' must be followed by one plugin line",
        "[body]\\nfailopen:failopen:plugins/a        | 'failopen:' must be followed by one plugin line",
        "[body]\\nfailopen:plugins/missing           | is not an executable file",
        "[body]\\nfailopen::                         | ':' with no command",
    })
    void refusesBuiltinsThatWouldCheckNothingInBodyAndBadFailopenLines(String text, String reason) {
        ConfigException e = assertThrows(ConfigException.class, () -> load(text.replace("\\n", "\n")));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void failopenWrapsAnyKindAndTheBuiltinsStayWhereTheyWork() throws Exception {
        PluginConfig config = load("""
                [body]
                failopen:plugins/a
                failopen: :plugins/b --fast
                [mail]
                builtin:spf
                failopen:builtin:rbl
                [rcpt]
                builtin:chkuser
                """);
        List<Plugin> body = config.plugins(Section.BODY);
        assertEquals(List.of("failopen:plugins/a", "failopen: :plugins/b --fast"), names(config, Section.BODY));
        assertEquals("a", body.get(0).name());
        assertEquals(file + ":3", body.get(1).source());
        assertTrue(((ProcessPlugin) ((FailOpenPlugin) body.get(1)).plugin()).shell());
        assertEquals(2, config.plugins(Section.MAIL).size());
    }

    @Test
    void aMissingFileIsNoConfigurationAndBadBytesAreErrors() throws IOException, ConfigException {
        assertTrue(PluginConfig.load(home.resolve("control/none"), factory()).isEmpty());
        Files.write(file, new byte[] {'[', 'r', ']', '\n', 'p', 0, '\n'});
        assertThrows(ConfigException.class, () -> PluginConfig.load(file, factory()));
    }

    @Test
    void pluginNamesForRepliesAreTheProgramsFileName() {
        assertEquals("rbl", process(false, "/opt/toaster/plugins/rbl").name());
        assertEquals("greylist", process(true, "/opt/toaster/plugins/greylist --min 300").name());
        assertEquals(List.of("/bin/sh", "-c", "x y"), process(true, "x y").argv());
        assertEquals(List.of("/p/x y"), process(false, "/p/x y").argv());
    }

    private static ProcessPlugin process(boolean shell, String command) {
        return new ProcessPlugin("f:1", command, shell, command, null);
    }

    private static List<String> commands(PluginConfig config, Section section) {
        return config.plugins(section).stream().map(p -> ((ProcessPlugin) p).command()).toList();
    }

    private List<String> names(PluginConfig config, Section section) {
        return config.plugins(section).stream().map(Plugin::text).toList();
    }
}
