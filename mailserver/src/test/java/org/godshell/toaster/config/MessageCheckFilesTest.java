package org.godshell.toaster.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** control/dmarcpolicy and control/arcsealers: the words and names they take, and clear errors for the rest. */
class MessageCheckFilesTest {

    @TempDir
    Path control;

    private <T> T read(Key<T> key, String text) throws Exception {
        Files.writeString(control.resolve(key.name()), text);
        return Controls.once(control).get(key);
    }

    @Test
    void missingFilesGiveTheDefaults() throws Exception {
        assertEquals(DmarcPolicy.ENFORCE, Controls.once(control).get(ControlFiles.DMARCPOLICY));
        assertEquals(Set.of(), Controls.once(control).get(ControlFiles.ARCSEALERS));
    }

    @Test
    void eachWordOfDmarcpolicy() throws Exception {
        assertEquals(DmarcPolicy.ENFORCE, read(ControlFiles.DMARCPOLICY, "enforce\n"));
        assertEquals(DmarcPolicy.JUNK, read(ControlFiles.DMARCPOLICY, "junk\n"));
        assertEquals(DmarcPolicy.RECORD, read(ControlFiles.DMARCPOLICY, "  record  \n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"reject\n", "Enforce\n", "enforce junk\n", "off\n", "\u0000\n", "junk;rm -rf /\n"})
    void anyOtherDmarcpolicyIsRefusedWithItsLine(String text) throws Exception {
        ConfigException e = assertThrows(ConfigException.class, () -> read(ControlFiles.DMARCPOLICY, text));
        assertTrue(e.getMessage().contains("dmarcpolicy"), e.getMessage());
    }

    @Test
    void arcsealersAreHostNamesInLowerCase() throws Exception {
        assertEquals(Set.of("lists.example.net", "googlegroups.com"),
                read(ControlFiles.ARCSEALERS, "Lists.Example.NET\n# a comment\ngooglegroups.com\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"lists example.net\n", "*.example.net\n", "192.0.2.1/24\n", "-bad.example\n",
        "a..b\n"})
    void anythingButAHostNameInArcsealersIsRefused(String text) {
        ConfigException e = assertThrows(ConfigException.class, () -> read(ControlFiles.ARCSEALERS, text));
        assertTrue(e.getMessage().contains("arcsealers"), e.getMessage());
    }
}
