package org.godshell.toaster.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeliveryConfigTest {

    @TempDir
    Path control;

    @Test
    void qmailDefaultsWhenNoFileExists() throws Exception {
        Files.writeString(control.resolve("me"), "mx.example.org\n");
        DeliveryConfig config = DeliveryConfig.load(control);
        assertEquals(new DeliveryConfig("mx.example.org", Duration.ofDays(7), 10, 20), config);
        List<SmtpConfig.Setting> described = config.describe(Controls.once(control));
        assertEquals(new SmtpConfig.Setting("queuelifetime", "604800 seconds", "default"), described.get(0));
    }

    @Test
    void filesOverrideTheDefaultsAndAreNamedAsSources() throws Exception {
        Files.writeString(control.resolve("queuelifetime"), "86400\n");
        Files.writeString(control.resolve("concurrencylocal"), "3\n");
        Files.writeString(control.resolve("concurrencyremote"), "50\n");
        DeliveryConfig config = DeliveryConfig.load(control);
        assertEquals(Duration.ofDays(1), config.queueLifetime());
        assertEquals(3, config.concurrencyLocal());
        assertEquals(50, config.concurrencyRemote());
        assertEquals(control.resolve("concurrencylocal").toString(), config.describe(Controls.once(control)).get(1).source());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "queuelifetime|0|too small", "queuelifetime|-5|negative", "queuelifetime|1w|is not",
        "queuelifetime|99999999999999999999|too large", "concurrencylocal|1001|too large",
        "concurrencyremote|ten|is not", "concurrencyremote|  |empty"})
    void badValuesAreRefusedWithFileAndLine(String name, String value, String why) throws Exception {
        Files.writeString(control.resolve(name), value + "\n");
        ConfigException e = assertThrows(ConfigException.class, () -> DeliveryConfig.load(control));
        assertTrue(e.getMessage().contains(control.resolve(name).toString()), e.getMessage());
    }

    @Test
    void binaryAndOversizedFilesAreRefused() throws Exception {
        Files.write(control.resolve("queuelifetime"), new byte[] {'1', 0, '2', '\n'});
        assertThrows(ConfigException.class, () -> DeliveryConfig.load(control));
        Files.writeString(control.resolve("queuelifetime"), "1".repeat(11 * 1024 * 1024));
        assertThrows(ConfigException.class, () -> DeliveryConfig.load(control));
    }
}
